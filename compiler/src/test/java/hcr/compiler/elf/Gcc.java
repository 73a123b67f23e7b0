package hcr.compiler.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real gcc for tests: writes a C source into a folder and compiles it as a module would be. */
public record Gcc(Path dir) {

    /** Compiles {@code <name>.c} with {@code -fPIC} into {@code <name>.o}. */
    public Path object(String name, String source) throws IOException {
        var c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        var o = dir.resolve(name + ".o");
        run(List.of("gcc", "-c", "-fPIC", "-O1", "-g", "-o", o.toString(), c.toString()));
        return o;
    }

    /** Links objects into a shared library, undefined references allowed (they bind at load). */
    public Path sharedLibrary(String fileName, Path... objects) throws IOException {
        var so = dir.resolve(fileName);
        var command = new ArrayList<>(List.of("gcc", "-shared", "-o", so.toString()));
        for (var object : objects) {
            command.add(object.toString());
        }
        run(command);
        return so;
    }

    public static String run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}

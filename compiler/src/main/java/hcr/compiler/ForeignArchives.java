package hcr.compiler;

import hcr.compiler.link.DefaultVisibility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Static archives among the link inputs that are not the project's own ({@code libfoo.a} from a
 * system package), and objects that are not C modules (assembly: zstd's
 * {@code huf_decompress_amd64.o}), are linked once, whole, into one shared library that every
 * module links with, and that is never reloaded. Linked into each module instead, every module using the
 * archive would get a copy of what it uses — two copies of an allocator's state is a crash.
 * The library is made again only when the archives or the rest of the link inputs change
 * (its name carries their digest).
 */
final class ForeignArchives {
    private final Path dir;
    private final FileDigests digests;

    /** @param dir where the archive library is written (the compiler's state folder) */
    ForeignArchives(Path dir, FileDigests digests) {
        this.dir = dir;
        this.digests = digests;
    }

    /**
     * A copy of object {@code input} whose global symbols all have default visibility
     * ({@link DefaultVisibility}), so that the shared library exports them to the modules.
     */
    private Path visible(String input, String digest) throws IOException {
        var bytes = Files.readAllBytes(Path.of(input));
        DefaultVisibility.apply(bytes);
        var copy = dir.resolve(digest + "." + Path.of(input).getFileName());
        Files.write(copy, bytes);
        return copy;
    }

    /** {@code config} with its static archives replaced by the one library holding them all, made if needed. */
    BuildConfig link(BuildConfig config) throws IOException, ProjectException {
        var archives = new ArrayList<String>();
        var rest = new ArrayList<String>();
        for (var input : config.libraries()) {
            boolean linkedWhole = (input.endsWith(".a") || input.endsWith(".o")) && !input.startsWith("-");
            (linkedWhole ? archives : rest).add(input);
        }
        if (archives.isEmpty()) {
            return config;
        }
        // "objects visible": objects are linked with default visibility (a library made before is not reused)
        var key = new StringBuilder("objects visible\n").append(String.join("\0", config.ccCommand())).append('\n')
                .append(String.join("\0", rest));
        for (var archive : archives) {
            var digest = digests.digest(Path.of(archive));
            if (digest == null) {
                throw new ProjectException("link input " + archive + ": no such " + (archive.endsWith(".o") ? "object" : "archive"));
            }
            key.append('\n').append(archive).append('\0').append(digest);
        }
        var digest = FileDigests.sha256(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        var library = dir.resolve("libhcrarchives." + digest + ".so");
        if (!Files.isRegularFile(library)) {
            Files.createDirectories(dir);
            var command = new ArrayList<>(config.ccCommand());
            command.addAll(List.of("-shared", "-o", library + ".tmp", "-Wl,--whole-archive"));
            for (var input : archives) {
                command.add(input.endsWith(".o") ? visible(input, digest).toString() : input);
            }
            command.add("-Wl,--no-whole-archive");
            command.addAll(rest);
            var result = Subprocess.run(command, config.projectDir());
            if (!result.ok()) {
                Files.deleteIfExists(Path.of(library + ".tmp"));
                throw new ProjectException("cannot link " + String.join(", ", archives)
                        + " into one shared library (are they built with -fPIC?): "
                        + result.output().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + result.exitCode()));
            }
            Files.move(Path.of(library + ".tmp"), library, StandardCopyOption.ATOMIC_MOVE);
        }
        var libraries = new ArrayList<String>();
        libraries.add(library.toString());
        libraries.addAll(rest);
        return config.withLibraries(libraries);
    }
}

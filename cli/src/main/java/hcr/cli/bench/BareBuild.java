package hcr.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What building one module costs without hcr: {@code cc -c -fPIC -g -O0 file.c} then
 * {@code cc -shared} of the object, in the file's folder, with the compiler the Builder uses.
 *
 * @param cc     the compiler command, split into words
 * @param outDir where the object and library go
 */
record BareBuild(List<String> cc, Path outDir) {

    static BareBuild of(String cc, Path outDir) {
        return new BareBuild(List.of(cc.strip().split("\\s+")), outDir);
    }

    /** Builds {@code source}; returns the microseconds both commands took. */
    long micros(Path source) throws IOException {
        var object = outDir.resolve("bare.o").toString();
        long start = System.nanoTime();
        Command.run(source.getParent(), command("-c", "-fPIC", "-g", "-O0", source.toString(), "-o", object));
        Command.run(source.getParent(), command("-shared", "-o", outDir.resolve("bare.so").toString(), object));
        return (System.nanoTime() - start) / 1000;
    }

    private List<String> command(String... args) {
        var command = new ArrayList<>(cc);
        command.addAll(List.of(args));
        return command;
    }
}

package hcr.compiler.link;

import hcr.compiler.elf.Gcc;
import hcr.compiler.elf.ObjectSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A test program: modules compiled for real, one folder per generation. */
final class Program {
    private final Path root;
    private int version;

    Program(Path root) {
        this.root = root;
    }

    /** Compiles each (module id → source) with gcc and reads its symbols. */
    Map<String, ObjectSymbols> modules(Map<String, String> sources) throws IOException {
        var dir = Files.createDirectories(root.resolve("v" + ++version));
        var gcc = new Gcc(dir);
        var modules = new TreeMap<String, ObjectSymbols>();
        for (var source : sources.entrySet()) {
            modules.put(source.getKey(), ObjectSymbols.read(gcc.object(source.getKey(), source.getValue())));
        }
        return modules;
    }
}

package hcr.console;

import hcr.compiler.link.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a published generation says about one module: its library, how many functions and
 * globals it defines (the manifest's {@code func} and {@code global} records, docs/internals.md
 * section 6) and the library's size.
 */
record ModuleFacts(String id, String library, int functions, int globals, long librarySize) {

    /** Every live module of the generation in {@code dir}, by id; empty if its manifest cannot be read. */
    static Map<String, ModuleFacts> of(Path dir) {
        Manifest manifest;
        try {
            manifest = Manifest.read(dir.resolve("manifest"));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        var functions = new HashMap<String, Integer>();
        manifest.functions().forEach(f -> functions.merge(f.moduleId(), 1, Integer::sum));
        var globals = new HashMap<String, Integer>();
        manifest.globals().forEach(g -> globals.merge(g.moduleId(), 1, Integer::sum));
        var facts = new TreeMap<String, ModuleFacts>();
        for (var module : manifest.modules()) {
            long size;
            try {
                size = Files.size(dir.resolve(module.file()));
            } catch (IOException e) {
                size = -1; // pruned meanwhile: the size is unknown, the rest still true
            }
            facts.put(module.id(), new ModuleFacts(module.id(), module.file(), functions.getOrDefault(module.id(), 0),
                    globals.getOrDefault(module.id(), 0), size));
        }
        return facts;
    }
}

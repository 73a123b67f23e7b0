package hcr.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every global and every writable static of a running program with its bytes, read in one go by
 * its host.
 *
 * @param generation    the generation loaded when they were read, whose manifest listed them
 * @param generationDir that generation's folder ({@code <build>/gen/<N>}), where each global's
 *                      {@link GlobalBytes#library()} is
 * @param globals       in manifest order
 * @param statics       file- and function-statics, by module, then symbol; each where the loaded
 *                      code keeps it (with shared statics, an older library's storage)
 */
public record GlobalsSnapshot(int generation, Path generationDir, List<GlobalBytes> globals,
                              List<GlobalBytes> statics) {

    public GlobalsSnapshot {
        globals = List.copyOf(globals);
        statics = List.copyOf(statics);
    }

    /** The library whose debug info declares {@code global}'s type. */
    public Path library(GlobalBytes global) {
        return generationDir.resolve(global.library());
    }

    /** The global named {@code name} (the first, should two modules define one). */
    public Optional<GlobalBytes> find(String name) {
        return globals.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The static whose symbol is {@code name} ({@code total}, {@code calls.0}) in {@code module}. */
    public Optional<GlobalBytes> findStatic(String module, String name) {
        return statics.stream().filter(s -> s.module().equals(module) && s.name().equals(name)).findFirst();
    }
}

package hcr.compiler;

import hcr.compiler.debug.LayoutChange;
import hcr.compiler.link.FreshGlobal;
import hcr.compiler.link.HostName;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;

/**
 * A published generation: the folder {@code gen/<number>} is complete and {@code gen/current}
 * names it.
 *
 * @param number       the generation number, from 1
 * @param dir          its folder
 * @param modules      every live module, sorted by id
 * @param removed      ids of modules live in the previous generation and gone now
 * @param freshGlobals globals that got fresh storage in this generation, and why
 * @param hostNames    C names of the program the host process defines too, so code loaded at run
 *                     time finds the host's (docs/internals.md section 2): those this Builder has
 *                     not reported before, so each is said once per session
 * @param timings      where the build spent its time
 * @param layoutChanges the globals and statics whose layout changed at the same size since the
 *                     previous generation, from the modules' debug info (issue 10): the globals got
 *                     fresh storage for it (they are in {@code freshGlobals} too), the statics are
 *                     listed under a new name, so the runtime resets them
 * @param typeChanges  the struct and union types whose layout changed, so that objects the old code
 *                     made are read with the new layout: compared after publication, off the
 *                     edit's path, and usually known a few milliseconds later
 */
public record Generation(int number, Path dir, List<ModuleBuild> modules, List<String> removed,
                         List<FreshGlobal> freshGlobals, List<HostName> hostNames, BuildTimings timings,
                         List<LayoutChange> layoutChanges, CompletableFuture<List<LayoutChange>> typeChanges) {

    public Generation {
        modules = List.copyOf(modules);
        removed = List.copyOf(removed);
        freshGlobals = List.copyOf(freshGlobals);
        hostNames = List.copyOf(hostNames);
        layoutChanges = List.copyOf(layoutChanges);
        Objects.requireNonNull(typeChanges, "typeChanges");
    }

    /** A generation in which no layout changed. */
    public Generation(int number, Path dir, List<ModuleBuild> modules, List<String> removed,
                      List<FreshGlobal> freshGlobals, List<HostName> hostNames, BuildTimings timings) {
        this(number, dir, modules, removed, freshGlobals, hostNames, timings, List.of(),
                CompletableFuture.completedFuture(List.of()));
    }

    /** A generation with no host names to report. */
    public Generation(int number, Path dir, List<ModuleBuild> modules, List<String> removed,
                      List<FreshGlobal> freshGlobals, BuildTimings timings) {
        this(number, dir, modules, removed, freshGlobals, List.of(), timings);
    }

    /** The module with this id, if live. */
    public Optional<ModuleBuild> module(String id) {
        return modules.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The manifest file of this generation. */
    public Path manifest() {
        return dir.resolve("manifest");
    }
}

package hcr.compiler.link;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names of one generation, decided by {@link LinkNames#plan}: how each module's object is
 * renamed, which functions need new stubs, which globals get fresh storage, which C names are
 * exported for code loaded at run time, and what keeps the program from linking. Immutable.
 *
 * @param renames      per module id: C symbol → link name, for every symbol of that module's
 *                     object (defined or referenced) that some module defines
 * @param functions    every function defined by a live module, with its link name
 * @param newFunctions link names never stubbed before: this generation's new stub library
 * @param freshGlobals globals given fresh storage in this generation
 * @param problems     empty when the program links
 * @param globals      every global object defined by a live module, with its link name and size
 * @param exports      C names exported for the first time: this generation's stub library
 *                     offers them to code loaded at run time
 * @param hostNames    every live C name the host process defines too, which is not exported
 */
public record LinkPlan(int generation,
                       Map<String, Map<String, String>> renames,
                       List<FunctionName> functions,
                       List<FunctionName> newFunctions,
                       List<FreshGlobal> freshGlobals,
                       List<LinkProblem> problems,
                       List<GlobalName> globals,
                       List<Export> exports,
                       List<HostName> hostNames) {

    public LinkPlan {
        var sorted = new TreeMap<String, Map<String, String>>();
        renames.forEach((module, map) -> sorted.put(module, Collections.unmodifiableSortedMap(new TreeMap<>(map))));
        renames = Collections.unmodifiableSortedMap(sorted);
        functions = List.copyOf(functions);
        newFunctions = List.copyOf(newFunctions);
        freshGlobals = List.copyOf(freshGlobals);
        problems = List.copyOf(problems);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        hostNames = List.copyOf(hostNames);
    }

    /** A plan that names no globals (kept for callers written against the first API). */
    public LinkPlan(int generation, Map<String, Map<String, String>> renames, List<FunctionName> functions,
                    List<FunctionName> newFunctions, List<FreshGlobal> freshGlobals, List<LinkProblem> problems) {
        this(generation, renames, functions, newFunctions, freshGlobals, problems, List.of(), List.of(), List.of());
    }

    /** Whether this generation needs a stub library of its own: new stubs or new exports. */
    public boolean newStubLibrary() {
        return !newFunctions.isEmpty() || !exports.isEmpty();
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The rename map of one module: empty when none of its symbols is defined by a module. */
    public Map<String, String> renamesOf(String moduleId) {
        return renames.getOrDefault(moduleId, Map.of());
    }
}

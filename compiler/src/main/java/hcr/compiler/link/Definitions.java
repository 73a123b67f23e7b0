package hcr.compiler.link;

import hcr.compiler.elf.ElfSymbol;
import hcr.compiler.elf.ObjectSymbols;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which module defines each global C name, as a static link of all live modules would decide:
 * one strong definition wins over weak ones; two strong definitions are a problem.
 */
final class Definitions {
    record Owner(String moduleId, ElfSymbol symbol, boolean weak) {}

    private Definitions() {
    }

    /** C name → defining module, in C name order; duplicates are added to {@code problems}. */
    static SortedMap<String, Owner> choose(SortedMap<String, ObjectSymbols> modules, List<LinkProblem> problems) {
        var owners = new TreeMap<String, Owner>();
        for (Map.Entry<String, ObjectSymbols> module : modules.entrySet()) {
            var weakNames = module.getValue().weakDefinitions();
            for (var symbol : module.getValue().definedGlobals()) {
                var candidate = new Owner(module.getKey(), symbol, weakNames.contains(symbol.name()));
                var existing = owners.get(symbol.name());
                if (existing == null || (existing.weak() && !candidate.weak())) {
                    owners.put(symbol.name(), candidate);
                } else if (!existing.weak() && !candidate.weak()) {
                    problems.add(new LinkProblem(candidate.moduleId(), symbol.name(),
                            "modules '" + existing.moduleId() + "' and '" + candidate.moduleId()
                                    + "' both define '" + symbol.name() + "'"));
                }
            }
        }
        return owners;
    }
}

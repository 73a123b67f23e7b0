package hcr.compiler;

import hcr.compiler.elf.ObjectSymbols;
import hcr.compiler.link.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The uses graph of a generation (docs/internals.md sections 6 and 10): module {@code m} uses
 * every other live module that defines, with any binding, a name {@code m}'s object leaves
 * undefined. The runtime runs the program's handlers leaves first along it. Worked out on the
 * C names of the objects, before renaming: the renaming maps a name the same way in the
 * definition and in every reference, so the graph is the same.
 */
final class ModuleUses {
    private ModuleUses() {
    }

    /**
     * One record per module of {@code modules} (in that order) that uses any other;
     * {@code objects} holds the symbols of every live module's object by module id.
     */
    static List<Manifest.Uses> of(List<String> modules, Map<String, ObjectSymbols> objects) {
        var definers = new HashMap<String, List<String>>();
        for (var id : modules) {
            for (var symbol : objects.get(id).definedGlobals()) {
                definers.computeIfAbsent(symbol.name(), n -> new ArrayList<>()).add(id);
            }
        }
        var uses = new ArrayList<Manifest.Uses>();
        for (var id : modules) {
            Set<String> used = new TreeSet<>();
            for (var name : objects.get(id).undefined()) {
                definers.getOrDefault(name, List.of()).stream().filter(other -> !other.equals(id)).forEach(used::add);
            }
            if (!used.isEmpty()) {
                uses.add(new Manifest.Uses(id, List.copyOf(used)));
            }
        }
        return uses;
    }
}

package hcr.compiler.debug;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The layout changes between two versions of one module, from the debug info of each version's
 * object: its globals and statics whose type lays out differently at the same size, and the struct
 * and union types it defines whose layout differs (whatever their size).
 *
 * <p>A static is found in the debug info by the name it was declared with and its address: the
 * symbol {@code calls.0} at offset 8 of its section is the variable {@code calls} whose
 * {@code DW_OP_addr} is 8. When that leaves several candidates (two function-statics named alike,
 * each alone in its section as {@code -fdata-sections} puts them), it counts as changed when the
 * candidates' layouts differ as a whole: resetting a static is safe, misreading one is not. A
 * static or global the debug info does not describe in both versions counts as unchanged.
 */
public final class LayoutComparison {

    private LayoutComparison() {
    }

    /**
     * Every change from {@code before} to {@code after} of module {@code module}: globals, then
     * statics, then types, each sorted by name.
     *
     * @param staticsBefore the writable statics of the old object's symbol table
     * @param staticsAfter  the same of the new object
     */
    public static List<LayoutChange> between(String module, UnitLayouts before, UnitLayouts after,
                                             List<StaticSymbol> staticsBefore, List<StaticSymbol> staticsAfter) {
        var changes = new ArrayList<LayoutChange>();
        named(LayoutChange.Kind.GLOBAL, module, before.globals(), after.globals(), true, changes);
        var old = staticsBefore.stream().collect(Collectors.toMap(StaticSymbol::name, s -> s, (a, b) -> a));
        staticsAfter.stream().sorted(Comparator.comparing(StaticSymbol::name)).forEach(symbol -> {
            var was = old.get(symbol.name());
            if (was != null && was.size() == symbol.size()) {
                var differences = staticDifferences(candidates(before, was), candidates(after, symbol));
                if (!differences.isEmpty()) {
                    changes.add(new LayoutChange(LayoutChange.Kind.STATIC, module, symbol.name(), differences));
                }
            }
        });
        named(LayoutChange.Kind.TYPE, module, before.types(), after.types(), false, changes);
        return changes;
    }

    private static void named(LayoutChange.Kind kind, String module, Map<String, TypeLayout> before,
                              Map<String, TypeLayout> after, boolean sameSizeOnly, List<LayoutChange> changes) {
        after.keySet().stream().sorted().forEach(name -> {
            var was = before.get(name);
            var now = after.get(name);
            if (was != null && !was.equals(now) && (!sameSizeOnly || was.size() == now.size())) {
                changes.add(new LayoutChange(kind, module, name, LayoutDifferences.between(was, now)));
            }
        });
    }

    /** The layouts the debug info gives the variable {@code symbol} names: usually exactly one. */
    private static List<TypeLayout> candidates(UnitLayouts unit, StaticSymbol symbol) {
        return unit.statics().stream()
                .filter(v -> v.name().equals(symbol.declaredName()) && v.address() == symbol.address()
                        && v.layout().size() == symbol.size())
                .map(UnitLayouts.StaticVariable::layout).toList();
    }

    private static List<String> staticDifferences(List<TypeLayout> before, List<TypeLayout> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return List.of(); // not described in one version: nothing to compare
        }
        if (before.size() == 1 && after.size() == 1) {
            return LayoutDifferences.between(before.get(0), after.get(0));
        }
        var unmatched = new ArrayList<>(after);
        boolean same = before.stream().allMatch(unmatched::remove) && unmatched.isEmpty();
        return same ? List.of() : List.of("one of " + after.size() + " statics of that name changed layout");
    }
}

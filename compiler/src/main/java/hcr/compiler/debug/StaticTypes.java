package hcr.compiler.debug;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statics of one {@link DebugInfo}, by address: every variable that has a fixed address
 * ({@code DW_OP_addr}) and is not external, at file scope or inside a function (at any depth of
 * lexical blocks), with the function that declares it.
 *
 * <p>By address rather than by name, because names do not identify a static: two functions may
 * each have a {@code static int calls}, gcc names them {@code calls.0} and {@code calls.1} in the
 * symbol table in an order of its own, and hcr renames one given fresh storage {@code calls.0@g5}.
 * In a module's library the address the debug info gives is the symbol's value, which is the
 * offset the manifest's {@code static} record carries.
 */
final class StaticTypes {

    private static final int MAX_DEPTH = 32;

    private final DebugInfo info;
    private final CTypes types;
    private final Map<Long, StaticType> statics = new TreeMap<>();

    private StaticTypes(DebugInfo info, CTypes types) {
        this.info = info;
        this.types = types;
    }

    static Map<Long, StaticType> read(DebugInfo info, CTypes types) {
        var reader = new StaticTypes(info, types);
        for (var unit : info.units()) {
            reader.walk(unit, "", 0);
        }
        return Collections.unmodifiableMap(reader.statics);
    }

    private void walk(DebugInfo.Entry parent, String function, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (var entry : parent.children()) {
            switch (entry.tag()) {
                case "variable" -> variable(entry, function);
                case "subprogram" -> walk(entry, entry.name().or(() -> info.origin(entry).name()).orElse(function),
                        depth + 1);
                case "lexical_block" -> walk(entry, function, depth + 1);
                default -> {
                }
            }
        }
    }

    private void variable(DebugInfo.Entry entry, String function) {
        info.fixedVariable(entry).filter(v -> !v.external()).ifPresent(v -> statics.putIfAbsent(v.address(),
                new StaticType(v.name(), function, types.describe(v.type()))));
    }
}

package hcr.compiler.debug;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the debug info of one object (a module's compile unit) says about the layout of its data:
 * the globals and statics it defines, and the struct and union types it defines.
 *
 * @param globals by C name, the globals the unit defines (not those it only declares)
 * @param statics the file- and function-statics the unit defines, each at the address its debug
 *                info gives: the offset in its section for an object file, the library offset
 *                for a library
 * @param types   the complete struct and union types at file scope, by how C names them
 *                ({@code struct particle}, {@code union value}, or the typedef name of an
 *                anonymous one: {@code pair_t}); the first of a name when several share it
 */
public record UnitLayouts(Map<String, TypeLayout> globals, List<StaticVariable> statics, Map<String, TypeLayout> types) {

    /** A unit nothing is known about: no debug info, or debug info that could not be read. */
    public static final UnitLayouts NONE = new UnitLayouts(Map.of(), List.of(), Map.of());

    /**
     * A static variable in the debug info: {@code name} as the program declares it ({@code calls},
     * not .symtab's {@code calls.0}), at {@code address}.
     */
    public record StaticVariable(String name, long address, TypeLayout layout) {
        public StaticVariable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(layout, "layout");
        }
    }

    public UnitLayouts {
        globals = Map.copyOf(globals);
        statics = List.copyOf(statics);
        types = Map.copyOf(types);
    }
}

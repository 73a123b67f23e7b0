package hcr.compiler.debug;

import java.util.List;
import java.util.Objects;

/**
 * A type whose layout changed from one version of a module to the next, at the same size where
 * it matters, found in the modules' debug info: a global (which then gets fresh storage), a
 * static (which is then reset), or a struct or union type (whose objects on the heap the new code
 * misreads).
 *
 * @param kind        what changed
 * @param module      the module whose debug info says so
 * @param name        the global's C name, the static's .symtab name ({@code calls.0}), or the type
 *                    as C names it ({@code struct particle}, {@code pair_t})
 * @param differences what differs, field by field ({@code vel: offset 8 → 16}); never empty
 */
public record LayoutChange(Kind kind, String module, String name, List<String> differences) {

    /** Differences named in a message; the rest are counted. */
    static final int NAMED = 3;

    /** What changed layout. */
    public enum Kind {
        /** A global of the same size: it gets fresh storage. */
        GLOBAL,
        /** A file- or function-static of the same size: it is not carried but reset. */
        STATIC,
        /** A struct or union type: objects of it the old code made are read with the new layout. */
        TYPE
    }

    public LayoutChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        differences = List.copyOf(differences);
        if (differences.isEmpty()) {
            throw new IllegalArgumentException(name + ": a layout change names at least one difference");
        }
    }

    /** The differences as a message names them: {@code vel: offset 8 → 16, x: int → float, and 2 more}. */
    public String summary() {
        var named = String.join(", ", differences.subList(0, Math.min(NAMED, differences.size())));
        int more = differences.size() - NAMED;
        return more > 0 ? named + ", and " + more + " more" : named;
    }

    /**
     * What the user is told: {@code 'world' (module sim) changed layout (vel: offset 8 → 16): fresh
     * storage}, {@code static 'grid' (module sim) changed layout (...): reset}, {@code struct
     * particle changed layout (vel: offset 8 → 16)}.
     */
    public String message() {
        return switch (kind) {
            case GLOBAL -> "'" + name + "' (module " + module + ") changed layout (" + summary() + "): fresh storage";
            case STATIC -> "static '" + name + "' (module " + module + ") changed layout (" + summary() + "): reset";
            case TYPE -> name + " changed layout (" + summary() + ")";
        };
    }
}

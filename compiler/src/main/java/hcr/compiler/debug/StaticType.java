package hcr.compiler.debug;

import java.util.Objects;

/**
 * A file- or function-static variable as a module's debug info declares it.
 *
 * @param name     the name the program declared ({@code calls}, not gcc's symbol {@code calls.0})
 * @param function the function whose body declares it; empty for a file static
 * @param type     its type
 */
public record StaticType(String name, String function, GlobalType type) {

    public StaticType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(type, "type");
    }

    /** How a debugger names it: {@code total}, or {@code vars_tick::calls} for a function's static (gdb's spelling). */
    public String qualifiedName() {
        return function.isEmpty() ? name : function + "::" + name;
    }
}

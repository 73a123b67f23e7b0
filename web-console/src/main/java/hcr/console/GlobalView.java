package hcr.console;

import java.util.Objects;

/**
 * One global or static variable of the running program.
 *
 * @param module   the module defining it
 * @param name     a global's C name; a static's name as a debugger spells it ({@code total}, or
 *                 {@code vars_step::calls} for a function's static)
 * @param type     its C type as the module's debug info declares it ({@code unsigned char},
 *                 {@code double}, {@code struct point}), or {@code ?} when unknown
 * @param size     its size in bytes
 * @param value    its current value: a decimal integer, a float, or the bytes in hex
 *                 ({@code 0a 1f ...}, possibly cut with {@code …})
 * @param editable whether {@link ConsoleActions#writeGlobal} (or, for a static,
 *                 {@link ConsoleActions#writeStatic}) accepts a new value (scalars)
 * @param kind     {@value #GLOBAL} or {@value #STATIC} (a file- or function-static)
 */
public record GlobalView(String module, String name, String type, long size, String value, boolean editable,
                         String kind) {

    public static final String GLOBAL = "global";
    public static final String STATIC = "static";

    public GlobalView {
        Objects.requireNonNull(kind, "kind");
        if (!kind.equals(GLOBAL) && !kind.equals(STATIC)) {
            throw new IllegalArgumentException("variable " + name + ": kind '" + kind + "'");
        }
    }

    /** A global. */
    public GlobalView(String module, String name, String type, long size, String value, boolean editable) {
        this(module, name, type, size, value, editable, GLOBAL);
    }
}

package hcr.console;

/**
 * One global of the running program.
 *
 * @param module   the module defining it
 * @param name     its C name
 * @param type     its C type as the module's debug info declares it ({@code unsigned char},
 *                 {@code double}, {@code struct point}), or {@code ?} when unknown
 * @param size     its size in bytes
 * @param value    its current value: a decimal integer, a float, or the bytes in hex
 *                 ({@code 0a 1f ...}, possibly cut with {@code …})
 * @param editable whether {@link ConsoleActions#writeGlobal} accepts a new value (scalars)
 */
public record GlobalView(String module, String name, String type, long size, String value, boolean editable) {
}

package hcr.console;

/**
 * One global of the running program.
 *
 * @param module   the module defining it
 * @param name     its C name
 * @param type     how its bytes are read: {@code i8}, {@code i16}, {@code i32}, {@code i64}, the
 *                 unsigned {@code u8} ... {@code u64}, {@code f32}, {@code f64}, or {@code bytes}
 * @param size     its size in bytes
 * @param value    its current value: a decimal integer, a float, or the bytes in hex
 *                 ({@code 0a 1f ...}, possibly cut with {@code …})
 * @param editable whether {@link ConsoleActions#writeGlobal} accepts a new value (scalars)
 */
public record GlobalView(String module, String name, String type, long size, String value, boolean editable) {
}

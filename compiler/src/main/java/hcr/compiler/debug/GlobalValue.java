package hcr.compiler.debug;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The current bytes of one global of a running program, with its C type: what the console's
 * Globals panel shows in a row, and what turns the user's text into the bytes to write.
 *
 * <pre>{@code
 * var value = new GlobalValue("counter", types.of(library, "counter", 4), bytes, false);
 * value.display();            // "42"
 * byte[] next = value.parse("43");
 * }</pre>
 *
 * @param name      the global's C name, used in messages
 * @param type      its type; {@link GlobalType#unknown} when the debug info does not say
 * @param bytes     its bytes as read, little-endian; all {@code type.size()} of them, or the first
 *                  ones when {@code truncated}
 * @param truncated true when only the first bytes of a large object were read
 */
public record GlobalValue(String name, GlobalType type, byte[] bytes, boolean truncated) {

    public GlobalValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        bytes = bytes.clone();
        if (truncated ? bytes.length > type.size() : bytes.length != type.size()) {
            throw new IllegalArgumentException("global " + name + ": " + bytes.length + " bytes for a "
                    + type.size() + "-byte " + type.text() + (truncated ? " (truncated)" : ""));
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The value as text: integers in decimal (an enum's enumerator name when one has the value),
     * floats as the shortest decimal that reads back the same ({@code 1.5}, {@code 1.0e-5},
     * {@code inf}, {@code nan}), {@code _Bool} as {@code true} / {@code false}, pointers in hex
     * ({@code 0x7f3a2c014010}, {@code 0x0}), everything else as hex bytes ({@code 03 00 00 00}),
     * ending in {@code ... (first 256 of 4096 bytes)} when truncated.
     */
    public String display() {
        return ValueText.display(type, bytes, truncated);
    }

    /** The bytes as lowercase hex without separators, as the host protocol carries them. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** True when the value is one number (or truth value, or address) that text can replace. */
    public boolean editable() {
        return type.kind().isScalar() && !truncated;
    }

    /**
     * The bytes that {@code text} means as a new value of this global; see
     * {@link #parse(GlobalType, String, String)}.
     */
    public byte[] parse(String text) {
        return parse(type, name, text);
    }

    /**
     * The {@code type.size()} bytes, little-endian, that {@code text} means for global {@code name}
     * of {@code type}: integers in decimal or {@code 0x} hex (an enum also takes its enumerator
     * names), checked against the type's exact range; floats in decimal, {@code inf}, {@code nan};
     * {@code _Bool} {@code true}, {@code false}, 1 or 0; pointers in hex, decimal or {@code NULL};
     * other objects as exactly {@code size} hex bytes (spaces allowed).
     *
     * @throws InvalidValueException naming the text, the type and the global, e.g.
     *                               {@code '300' does not fit in unsigned char counter (0 to 255)}
     */
    public static byte[] parse(GlobalType type, String name, String text) {
        return ValueText.parse(type, name, text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GlobalValue value && name.equals(value.name) && type.equals(value.type)
                && Arrays.equals(bytes, value.bytes) && truncated == value.truncated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(bytes), truncated);
    }

    @Override
    public String toString() {
        return ValueText.describe(type, name) + " = " + display();
    }
}

package hcr.compiler.debug;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A global's bytes as text and back, by {@link ValueKind}. Multi-byte values are little-endian,
 * the byte order of every architecture hcr runs on (x86-64, aarch64).
 *
 * <p>Integers are shown in decimal because that is how a program's counters and sizes are
 * thought of; pointers in hex because addresses are. Input is checked against the exact range of
 * the type rather than wrapped, so a typo never writes a surprising value into a running program.
 */
final class ValueText {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern HEXADECIMAL = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+)");
    private static final Pattern REAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[fF]?");

    private ValueText() {
    }

    static String display(GlobalType type, byte[] bytes, boolean truncated) {
        if (truncated || !type.kind().isScalar() || bytes.length != type.size()) {
            return bytes(bytes, truncated ? type.size() : bytes.length);
        }
        return switch (type.kind()) {
            case SIGNED_INTEGER, UNSIGNED_INTEGER -> {
                var value = integer(bytes, type.kind() == ValueKind.SIGNED_INTEGER);
                yield type.enumerators().getOrDefault(value, value.toString());
            }
            case FLOAT -> switch (bytes.length) {
                case 4 -> single(Float.intBitsToFloat(integer(bytes, true).intValue()));
                case 8 -> real(Double.longBitsToDouble(integer(bytes, true).longValue()));
                default -> bytes(bytes, bytes.length);
            };
            case BOOL -> {
                var value = integer(bytes, false);
                yield value.signum() == 0 ? "false" : value.equals(BigInteger.ONE) ? "true" : "true (" + value + ")";
            }
            case POINTER -> "0x" + integer(bytes, false).toString(16);
            case BYTES -> bytes(bytes, bytes.length);
        };
    }

    static byte[] parse(GlobalType type, String name, String input) {
        var text = input == null ? "" : input.strip();
        var what = describe(type, name);
        if (text.isEmpty()) {
            throw new InvalidValueException("no value given for " + what);
        }
        int size = Math.toIntExact(type.size());
        return switch (type.kind()) {
            case SIGNED_INTEGER, UNSIGNED_INTEGER -> {
                var named = enumerator(type, text);
                var value = named != null ? named : integer(text, what, "a decimal or 0x hex integer");
                yield encode(checkRange(value, type.kind() == ValueKind.SIGNED_INTEGER, size, text, what), size);
            }
            case POINTER -> {
                var value = text.equalsIgnoreCase("NULL") ? BigInteger.ZERO
                        : integer(text, what, "an address: 0x hex, decimal or NULL");
                yield encode(checkRange(value, false, size, text, what), size);
            }
            case BOOL -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> new byte[] {1};
                case "false", "0" -> new byte[] {0};
                default -> throw new InvalidValueException("'" + text + "' is not a truth value: " + what
                        + " takes true, false, 1 or 0");
            };
            case FLOAT -> parseReal(text, size, what);
            case BYTES -> hexBytes(text, size, what);
        };
    }

    /** "unsigned char counter": the type and the name, as a C declaration reads. */
    static String describe(GlobalType type, String name) {
        return type.isKnown() ? type.text() + " " + name : name + " (" + type.size() + " bytes, type unknown)";
    }

    private static String bytes(byte[] bytes, long of) {
        var text = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(HEX.toHexDigits(bytes[i]));
        }
        if (bytes.length < of) {
            text.append(text.length() > 0 ? " " : "").append("... (first ").append(bytes.length).append(" of ")
                    .append(of).append(" bytes)");
        }
        return text.toString();
    }

    /** A float as its shortest decimal that reads back the same; C's names for the special values. */
    private static String single(float value) {
        return Float.isFinite(value) ? Float.toString(value).replace('E', 'e') : real(value);
    }

    private static String real(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value).replace('E', 'e');
    }

    /** The little-endian {@code bytes} as a number. */
    static BigInteger integer(byte[] bytes, boolean signed) {
        var bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return bytes.length == 0 ? BigInteger.ZERO : signed ? new BigInteger(bigEndian) : new BigInteger(1, bigEndian);
    }

    /** The low {@code size} bytes of {@code value}'s two's complement, little-endian. */
    static byte[] encode(BigInteger value, int size) {
        var bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = value.shiftRight(8 * i).byteValue();
        }
        return bytes;
    }

    private static BigInteger enumerator(GlobalType type, String text) {
        for (var entry : type.enumerators().entrySet()) {
            if (entry.getValue().equals(text)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static BigInteger integer(String text, String what, String takes) {
        if (DECIMAL.matcher(text).matches()) {
            return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        }
        var hex = HEXADECIMAL.matcher(text);
        if (hex.matches()) {
            var magnitude = new BigInteger(hex.group(2), 16);
            return hex.group(1).equals("-") ? magnitude.negate() : magnitude;
        }
        throw new InvalidValueException("'" + text + "' is not a number: " + what + " takes " + takes);
    }

    private static BigInteger checkRange(BigInteger value, boolean signed, int size, String text, String what) {
        var min = signed ? BigInteger.ONE.shiftLeft(8 * size - 1).negate() : BigInteger.ZERO;
        var max = (signed ? BigInteger.ONE.shiftLeft(8 * size - 1) : BigInteger.ONE.shiftLeft(8 * size))
                .subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidValueException("'" + text + "' does not fit in " + what + " (" + min + " to " + max + ")");
        }
        return value;
    }

    private static byte[] parseReal(String text, int size, String what) {
        double value;
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> value = Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> value = Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> value = Double.NEGATIVE_INFINITY;
            default -> {
                if (!REAL.matcher(text).matches()) {
                    throw new InvalidValueException("'" + text + "' is not a number: " + what
                            + " takes a decimal number such as 1.5 or -2e-3, inf or nan");
                }
                value = Double.parseDouble(text);
            }
        }
        if (size == 4) {
            float single = (float) value;
            if (Float.isInfinite(single) && !Double.isInfinite(value)) {
                throw new InvalidValueException("'" + text + "' does not fit in " + what + " (largest "
                        + single(Float.MAX_VALUE) + ")");
            }
            return encode(BigInteger.valueOf(Float.floatToRawIntBits(single)), 4);
        }
        if (size == 8) {
            if (Double.isInfinite(value) && !text.toLowerCase(Locale.ROOT).contains("inf")) {
                throw new InvalidValueException("'" + text + "' does not fit in " + what + " (largest "
                        + real(Double.MAX_VALUE) + ")");
            }
            return encode(BigInteger.valueOf(Double.doubleToRawLongBits(value)), 8);
        }
        throw new InvalidValueException(what + " is a " + size + "-byte floating point number: only float and double"
                + " can be written as numbers");
    }

    /** Hex digits, spaces allowed between bytes: exactly the object's size. */
    private static byte[] hexBytes(String text, int size, String what) {
        var digits = text.replaceAll("\\s+", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (!digits.matches("[0-9a-fA-F]*") || digits.length() % 2 != 0) {
            throw new InvalidValueException("'" + text + "' is not hex bytes: " + what + " takes exactly " + size
                    + " bytes in hex, such as " + example(size));
        }
        if (digits.length() / 2 != size) {
            throw new InvalidValueException("'" + text + "' is " + digits.length() / 2 + " bytes: " + what
                    + " takes exactly " + size);
        }
        return HEX.parseHex(digits);
    }

    private static String example(int size) {
        var text = new StringBuilder();
        for (int i = 0; i < Math.min(size, 4); i++) {
            text.append(i > 0 ? " " : "").append(String.format("%02x", i + 1));
        }
        return size > 4 ? text + " ..." : text.toString();
    }
}

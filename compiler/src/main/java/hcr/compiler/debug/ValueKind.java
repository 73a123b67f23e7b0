package hcr.compiler.debug;

/**
 * How a global's bytes are read and written as one value: the scalar kinds are shown as a number
 * (or truth value, or address) and can be parsed from text; everything else is shown as bytes.
 */
public enum ValueKind {
    /** Two's complement, little-endian: {@code int}, {@code long}, {@code char}, signed enums. */
    SIGNED_INTEGER,
    /** {@code unsigned ...}, {@code size_t}, {@code uint8_t}, enums without negative values. */
    UNSIGNED_INTEGER,
    /** IEEE 754 {@code float} (4 bytes) or {@code double} (8 bytes). */
    FLOAT,
    /** {@code _Bool}: one byte, 0 or 1. */
    BOOL,
    /** Any data or function pointer: an address. */
    POINTER,
    /** Arrays, structs, unions, {@code long double}, complex numbers, and whatever has no debug info. */
    BYTES;

    /** True for the kinds whose value is one number that text can be parsed into. */
    public boolean isScalar() {
        return this != BYTES;
    }
}

package hcr.compiler.debug;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The C type of a global as its module's debug info declares it.
 *
 * @param text        the type as C spells it: {@code int}, {@code unsigned char}, {@code char[16]},
 *                    {@code struct point}, {@code int *}, {@code void (*)(int)}, {@code const int},
 *                    {@code enum mode}; {@value #UNKNOWN} when there is no debug info for it
 * @param kind        how its bytes are shown and parsed
 * @param size        its size in bytes, that of the global's storage
 * @param enumerators for an enum, each enumerator's value and name in declaration order; else empty
 */
public record GlobalType(String text, ValueKind kind, long size, Map<BigInteger, String> enumerators) {

    /** The text of a type the debug info does not describe. */
    public static final String UNKNOWN = "?";

    public GlobalType {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        if (size < 0) {
            throw new IllegalArgumentException("type " + text + ": negative size " + size);
        }
        enumerators = Collections.unmodifiableMap(new LinkedHashMap<>(enumerators));
    }

    /** A type without enumerators. */
    public GlobalType(String text, ValueKind kind, long size) {
        this(text, kind, size, Map.of());
    }

    /** A global of {@code size} bytes whose type is not known: its value is shown as bytes. */
    public static GlobalType unknown(long size) {
        return new GlobalType(UNKNOWN, ValueKind.BYTES, size);
    }

    /** The same type seen as plain bytes: used when the debug info's size is not the storage's. */
    GlobalType asBytes(long storageSize) {
        return new GlobalType(text, ValueKind.BYTES, storageSize);
    }

    public boolean isKnown() {
        return !text.equals(UNKNOWN);
    }
}

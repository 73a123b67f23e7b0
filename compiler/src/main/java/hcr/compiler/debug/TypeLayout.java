package hcr.compiler.debug;

import java.util.List;
import java.util.Objects;

/**
 * How a C type lays out its bytes, as the debug info describes it: what two versions of a
 * module must agree on for the bytes one wrote to mean the same to the other.
 *
 * <p>Two layouts are equal when their bytes mean the same: the same kind and size, the same base
 * type ({@code int} is not {@code unsigned int} nor {@code float}), the same fields by name, offset
 * and bits, each laid out the same, the same array dimensions. Type names are not part of it: a
 * typedef renamed, a struct tag renamed, or a pointer pointing at another type lays out the same
 * bytes ({@link #spelling()} is kept for reports only, and left out of {@link #equals}).
 *
 * @param kind       what sort of type
 * @param base       for {@link Kind#BASE}: the base type's name ({@code int}, {@code double}); else empty
 * @param size       its size in bytes, as the debug info says (0 when it does not)
 * @param fields     for a struct or union: its members in declaration order; else empty
 * @param element    for an array: the element's layout; else null
 * @param dimensions for an array: the element count of each dimension ({@code [2][3]} is 2, 3); else empty
 * @param spelling   the type as C spells it ({@code struct vec}, {@code pair_t}, {@code float[4]})
 */
public record TypeLayout(Kind kind, String base, long size, List<Field> fields, TypeLayout element,
                         List<Long> dimensions, String spelling) {

    /** The sorts of type whose layouts are compared. */
    public enum Kind {
        BASE, POINTER, STRUCT, UNION, ARRAY, ENUM,
        /** Functions, incomplete types, what the debug info does not describe: compared by size alone. */
        OTHER
    }

    /**
     * A member of a struct or union.
     *
     * @param name      its name; empty for an anonymous struct or union member
     * @param offset    its byte offset in the enclosing type (0 in a union)
     * @param bitOffset for a bit-field, its bit offset as the debug info gives it; else -1
     * @param bitSize   for a bit-field, its width in bits; else -1
     */
    public record Field(String name, long offset, long bitOffset, long bitSize, TypeLayout type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        boolean bitField() {
            return bitSize >= 0;
        }
    }

    public TypeLayout {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(spelling, "spelling");
        fields = List.copyOf(fields);
        dimensions = List.copyOf(dimensions);
    }

    /** A base type: {@code int}, {@code unsigned char}, {@code double}. */
    static TypeLayout base(String name, long size, String spelling) {
        return new TypeLayout(Kind.BASE, name, size, List.of(), null, List.of(), spelling);
    }

    /** A layout with no parts of its own: a pointer, an enum, something the debug info does not describe. */
    static TypeLayout plain(Kind kind, long size, String spelling) {
        return new TypeLayout(kind, "", size, List.of(), null, List.of(), spelling);
    }

    /** What the debug info does not describe: a layout equal to nothing but another unknown of its size. */
    static TypeLayout unknown(long size) {
        return plain(Kind.OTHER, size, GlobalType.UNKNOWN);
    }

    /** Equal when the bytes mean the same; the spelling does not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TypeLayout that && kind == that.kind && size == that.size && base.equals(that.base)
                && fields.equals(that.fields) && Objects.equals(element, that.element)
                && dimensions.equals(that.dimensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, base, size, fields, element, dimensions);
    }

    @Override
    public String toString() {
        return spelling + " (" + size + " bytes)";
    }
}

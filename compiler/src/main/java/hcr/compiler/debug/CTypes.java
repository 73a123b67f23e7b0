package hcr.compiler.debug;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * C types from the type entries of one {@link DebugInfo}: their spelling as C declares them, the
 * {@link ValueKind} their bytes have, and their size.
 *
 * <p>The spelling follows C's declarator syntax, built inside out as a compiler reads it:
 * {@code int *}, {@code char *[4]}, {@code int (*)[3]}, {@code void (*)(int, char *)},
 * {@code const char *const [2]}. Typedef names are kept ({@code uint64_t}), because that is what
 * the programmer wrote; the kind looks through them. Chains are followed at most
 * {@value #MAX_DEPTH} entries deep, so a malformed cycle cannot loop.
 */
final class CTypes {

    private static final int MAX_DEPTH = 64;
    private static final Set<String> QUALIFIERS = Set.of("const_type", "volatile_type", "restrict_type", "atomic_type");
    private static final List<String> QUALIFIER_ORDER = List.of("const", "volatile", "restrict", "_Atomic");
    /** DW_ATE_* encodings of base types. */
    private static final int BOOLEAN = 0x02;
    private static final int FLOAT = 0x04;
    private static final int SIGNED = 0x05;
    private static final int SIGNED_CHAR = 0x06;
    private static final int UNSIGNED = 0x07;
    private static final int UNSIGNED_CHAR = 0x08;
    private static final int UTF = 0x10;

    private final DebugInfo info;

    CTypes(DebugInfo info) {
        this.info = info;
    }

    /** The type at {@code offset} (of a variable's {@code type} attribute); its size as the debug info says. */
    GlobalType describe(long offset) {
        var size = size(offset, 0);
        var kind = size.isPresent() ? kind(offset, size.getAsLong(), 0) : ValueKind.BYTES;
        var enumerators = enumerators(offset, 0);
        if (kind == ValueKind.UNSIGNED_INTEGER && size.isPresent()) {
            // an unsigned enumerator beyond 2^63 - 1 reads back negative: key it by the value its bytes have
            var unsigned = new LinkedHashMap<BigInteger, String>();
            var modulus = BigInteger.ONE.shiftLeft(8 * (int) Math.min(size.getAsLong(), 16));
            enumerators.forEach((value, name) -> unsigned.putIfAbsent(value.signum() < 0 ? value.add(modulus) : value, name));
            enumerators = unsigned;
        }
        return new GlobalType(text(offset, "", new LinkedHashSet<>(), 0), kind, size.orElse(0), enumerators);
    }

    /** C spelling of the type at {@code offset} around {@code declarator}, with pending qualifiers. */
    private String text(long offset, String declarator, Set<String> qualifiers, int depth) {
        var entry = info.at(offset).orElse(null);
        if (entry == null || depth > MAX_DEPTH) {
            return leaf(GlobalType.UNKNOWN, declarator, qualifiers);
        }
        var target = entry.reference("type");
        switch (entry.tag()) {
            case "const_type", "volatile_type", "restrict_type", "atomic_type" -> {
                var more = new LinkedHashSet<>(qualifiers);
                more.add(entry.tag().replace("_type", "").replace("atomic", "_Atomic"));
                return target.isPresent() ? text(target.getAsLong(), declarator, more, depth + 1)
                        : leaf("void", declarator, more);
            }
            case "pointer_type" -> {
                var inner = "*" + spelled(qualifiers) + (qualifiers.isEmpty() || declarator.isEmpty() ? "" : " ")
                        + declarator;
                if (target.isPresent() && needsParentheses(target.getAsLong(), depth)) {
                    inner = "(" + inner + ")";
                }
                return target.isPresent() ? text(target.getAsLong(), inner, new LinkedHashSet<>(), depth + 1)
                        : leaf("void", inner, Set.of());
            }
            case "array_type" -> {
                var dimensions = new StringBuilder();
                for (var range : entry.children()) {
                    if (range.tag().equals("subrange_type")) {
                        var count = count(range);
                        dimensions.append('[').append(count.isPresent() ? String.valueOf(count.getAsLong()) : "").append(']');
                    }
                }
                return text(target.orElse(-1), declarator + dimensions, qualifiers, depth + 1);
            }
            case "subroutine_type" -> {
                var parameters = new ArrayList<String>();
                for (var parameter : entry.children()) {
                    if (parameter.tag().equals("formal_parameter")) {
                        parameters.add(text(parameter.reference("type").orElse(-1), "", new LinkedHashSet<>(), depth + 1));
                    } else if (parameter.tag().equals("unspecified_parameters")) {
                        parameters.add("...");
                    }
                }
                if (parameters.isEmpty() && entry.has("prototyped")) {
                    parameters.add("void");
                }
                var inner = declarator + "(" + String.join(", ", parameters) + ")";
                return target.isPresent() ? text(target.getAsLong(), inner, qualifiers, depth + 1)
                        : leaf("void", inner, qualifiers);
            }
            case "structure_type", "union_type", "enumeration_type" -> {
                var keyword = entry.tag().equals("structure_type") ? "struct" : entry.tag().equals("union_type") ? "union" : "enum";
                return leaf(keyword + " " + entry.name().orElse("<anonymous>"), declarator, qualifiers);
            }
            case "base_type", "typedef", "unspecified_type" -> {
                return leaf(entry.name().orElse(GlobalType.UNKNOWN), declarator, qualifiers);
            }
            default -> {
                return leaf(GlobalType.UNKNOWN, declarator, qualifiers);
            }
        }
    }

    private static String leaf(String name, String declarator, Set<String> qualifiers) {
        var prefix = qualifiers.isEmpty() ? name : spelled(qualifiers) + " " + name;
        if (declarator.isEmpty()) {
            return prefix;
        }
        return prefix + (declarator.startsWith("[") ? "" : " ") + declarator;
    }

    /** Qualifiers in the order C programmers write them, whatever order the debug info nests them in. */
    private static String spelled(Set<String> qualifiers) {
        return QUALIFIER_ORDER.stream().filter(qualifiers::contains).collect(Collectors.joining(" "));
    }

    /** A pointer to an array or a function is written {@code (*)}: {@code int (*)[3]}. */
    private boolean needsParentheses(long offset, int depth) {
        var entry = info.at(offset).orElse(null);
        while (entry != null && QUALIFIERS.contains(entry.tag()) && depth++ < MAX_DEPTH) {
            entry = entry.reference("type").isPresent() ? info.at(entry.reference("type").getAsLong()).orElse(null) : null;
        }
        return entry != null && (entry.tag().equals("array_type") || entry.tag().equals("subroutine_type"));
    }

    private ValueKind kind(long offset, long size, int depth) {
        var entry = info.at(offset).orElse(null);
        if (entry == null || depth > MAX_DEPTH) {
            return ValueKind.BYTES;
        }
        var target = entry.reference("type");
        return switch (entry.tag()) {
            case "typedef", "const_type", "volatile_type", "restrict_type", "atomic_type" ->
                    target.isPresent() ? kind(target.getAsLong(), size, depth + 1) : ValueKind.BYTES;
            case "pointer_type" -> ValueKind.POINTER;
            case "enumeration_type" -> enumerationKind(entry, size, depth);
            case "base_type" -> baseKind((int) entry.number("encoding").orElse(0), size);
            default -> ValueKind.BYTES;
        };
    }

    private ValueKind enumerationKind(DebugInfo.Entry entry, long size, int depth) {
        var underlying = entry.reference("type");
        if (underlying.isPresent()) {
            return kind(underlying.getAsLong(), size, depth + 1);
        }
        if (entry.has("encoding")) {
            return baseKind((int) entry.number("encoding").orElse(0), size);
        }
        // DWARF 4 says nothing: gcc picks unsigned int unless an enumerator is negative
        return entry.children().stream().anyMatch(e -> e.number("const_value").orElse(0) < 0)
                ? ValueKind.SIGNED_INTEGER : ValueKind.UNSIGNED_INTEGER;
    }

    private static ValueKind baseKind(int encoding, long size) {
        return switch (encoding) {
            case BOOLEAN -> size == 1 ? ValueKind.BOOL : ValueKind.UNSIGNED_INTEGER;
            case FLOAT -> size == 4 || size == 8 ? ValueKind.FLOAT : ValueKind.BYTES;
            case SIGNED, SIGNED_CHAR -> ValueKind.SIGNED_INTEGER;
            case UNSIGNED, UNSIGNED_CHAR, UTF -> ValueKind.UNSIGNED_INTEGER;
            default -> ValueKind.BYTES;
        };
    }

    private OptionalLong size(long offset, int depth) {
        var entry = info.at(offset).orElse(null);
        if (entry == null || depth > MAX_DEPTH) {
            return OptionalLong.empty();
        }
        if (entry.has("byte_size")) {
            return entry.number("byte_size");
        }
        var target = entry.reference("type");
        if (entry.tag().equals("array_type") && target.isPresent()) {
            var element = size(target.getAsLong(), depth + 1);
            long total = element.orElse(-1);
            for (var range : entry.children()) {
                if (range.tag().equals("subrange_type")) {
                    var count = count(range);
                    total = count.isPresent() && total >= 0 ? total * count.getAsLong() : -1;
                }
            }
            return total >= 0 ? OptionalLong.of(total) : OptionalLong.empty();
        }
        if (entry.tag().equals("pointer_type")) {
            return OptionalLong.of(8);
        }
        return target.isPresent() && (entry.tag().equals("typedef") || QUALIFIERS.contains(entry.tag()))
                ? size(target.getAsLong(), depth + 1) : OptionalLong.empty();
    }

    /** Elements in one dimension: {@code count}, or {@code upper_bound + 1} (C arrays start at 0). */
    private static OptionalLong count(DebugInfo.Entry range) {
        var count = range.number("count");
        if (count.isPresent()) {
            return count;
        }
        var upper = range.number("upper_bound");
        return upper.isPresent() && upper.getAsLong() >= -1 ? OptionalLong.of(upper.getAsLong() + 1) : OptionalLong.empty();
    }

    private Map<BigInteger, String> enumerators(long offset, int depth) {
        var entry = info.at(offset).orElse(null);
        while (entry != null && depth++ < MAX_DEPTH
                && (entry.tag().equals("typedef") || QUALIFIERS.contains(entry.tag()))) {
            entry = entry.reference("type").isPresent() ? info.at(entry.reference("type").getAsLong()).orElse(null) : null;
        }
        var values = new LinkedHashMap<BigInteger, String>();
        if (entry != null && entry.tag().equals("enumeration_type")) {
            for (var enumerator : entry.children()) {
                var value = enumerator.number("const_value");
                var name = enumerator.name();
                if (enumerator.tag().equals("enumerator") && value.isPresent() && name.isPresent()) {
                    values.putIfAbsent(BigInteger.valueOf(value.getAsLong()), name.get());
                }
            }
        }
        return values;
    }
}

package hcr.compiler.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads {@link UnitLayouts} out of one {@link DebugInfo}: every variable with a fixed address
 * (globals at file scope, statics at file and function scope) and every complete struct and union
 * type at file scope, each with its {@link TypeLayout}.
 *
 * <p>A variable counts when its location is one {@code DW_OP_addr}: that is what a global or a
 * static has, and what a thread-local, an optimised-away or a merely declared variable has not.
 * A definition that refers to its declaration ({@code DW_AT_specification}, as for a static
 * declared before it is defined) or an out-of-line instance that refers to its abstract origin
 * takes its name and type from there. Not thread-safe; one reader per debug info.
 */
final class UnitLayoutReader {

    private static final int MAX_DEPTH = 32;
    private static final Pattern PLUS_UCONST = Pattern.compile("DW_OP_plus_uconst: (\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("^(\\d+)$");

    private final DebugInfo info;
    private final CTypes spellings;
    private final Map<Long, TypeLayout> layouts = new HashMap<>();
    private final Map<String, TypeLayout> globals = new LinkedHashMap<>();
    private final List<UnitLayouts.StaticVariable> statics = new ArrayList<>();
    private final Map<String, TypeLayout> types = new LinkedHashMap<>();

    private UnitLayoutReader(DebugInfo info) {
        this.info = info;
        this.spellings = new CTypes(info);
    }

    /** The layouts {@code info} describes. */
    static UnitLayouts read(DebugInfo info) {
        var reader = new UnitLayoutReader(info);
        for (var unit : info.units()) {
            reader.walk(unit, true);
        }
        return new UnitLayouts(reader.globals, reader.statics, reader.types);
    }

    private void walk(DebugInfo.Entry parent, boolean fileScope) {
        for (var entry : parent.children()) {
            switch (entry.tag()) {
                case "variable" -> variable(entry, fileScope);
                case "structure_type", "union_type" -> {
                    if (fileScope) {
                        namedType(entry);
                    }
                }
                case "typedef" -> {
                    if (fileScope) {
                        typedef(entry);
                    }
                }
                case "subprogram", "lexical_block" -> walk(entry, false);
                default -> {
                }
            }
        }
    }

    private void variable(DebugInfo.Entry entry, boolean fileScope) {
        var variable = info.fixedVariable(entry);
        if (variable.isEmpty()) {
            return;
        }
        var v = variable.get();
        var layout = layout(v.type(), 0);
        if (v.external()) {
            if (fileScope) {
                globals.putIfAbsent(v.name(), layout);
            }
        } else {
            statics.add(new UnitLayouts.StaticVariable(v.name(), v.address(), layout));
        }
    }

    private void namedType(DebugInfo.Entry entry) {
        var name = entry.name();
        if (name.isPresent() && entry.has("byte_size") && !entry.has("declaration")) {
            var keyword = entry.tag().equals("structure_type") ? "struct " : "union ";
            types.putIfAbsent(keyword + name.get(), layout(entry.offset(), 0));
        }
    }

    /** {@code typedef struct { ... } pair_t;}: the anonymous type is known by the typedef's name. */
    private void typedef(DebugInfo.Entry entry) {
        var name = entry.name();
        var target = entry.reference("type");
        var type = target.isPresent() ? info.at(target.getAsLong()) : Optional.<DebugInfo.Entry>empty();
        if (name.isPresent() && type.isPresent() && type.get().name().isEmpty() && type.get().has("byte_size")
                && (type.get().tag().equals("structure_type") || type.get().tag().equals("union_type"))) {
            types.putIfAbsent(name.get(), layout(type.get().offset(), 0));
        }
    }

    /** The layout of the type at {@code offset}, spelled as C spells that type; each type built once. */
    private TypeLayout layout(long offset, int depth) {
        var known = layouts.get(offset);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH) {
            return TypeLayout.unknown(0); // a malformed cycle: not remembered
        }
        var layout = build(offset, spellings.describe(offset).text(), depth);
        layouts.put(offset, layout);
        return layout;
    }

    private TypeLayout build(long offset, String spelling, int depth) {
        var entry = info.at(offset).orElse(null);
        if (entry == null || depth > MAX_DEPTH) {
            return TypeLayout.unknown(0);
        }
        long size = entry.number("byte_size").orElse(0);
        var target = entry.reference("type");
        return switch (entry.tag()) {
            case "typedef", "const_type", "volatile_type", "restrict_type", "atomic_type" ->
                    target.isPresent() ? build(target.getAsLong(), spelling, depth + 1) : TypeLayout.unknown(0);
            case "base_type" -> TypeLayout.base(entry.name().orElse("?"), size, spelling);
            case "pointer_type" -> TypeLayout.plain(TypeLayout.Kind.POINTER, size > 0 ? size : 8, spelling);
            case "enumeration_type" -> TypeLayout.plain(TypeLayout.Kind.ENUM, size, spelling);
            case "structure_type", "union_type" -> aggregate(entry, size, spelling, depth);
            case "array_type" -> array(entry, size, spelling, depth);
            default -> TypeLayout.plain(TypeLayout.Kind.OTHER, size, spelling);
        };
    }

    private TypeLayout aggregate(DebugInfo.Entry entry, long size, String spelling, int depth) {
        if (!entry.has("byte_size")) {
            return TypeLayout.plain(TypeLayout.Kind.OTHER, 0, spelling); // declared, never defined here
        }
        var fields = new ArrayList<TypeLayout.Field>();
        for (var member : entry.children()) {
            if (!member.tag().equals("member") || member.reference("type").isEmpty()) {
                continue;
            }
            var layout = layout(member.reference("type").getAsLong(), depth + 1);
            long bitOffset = member.number("data_bit_offset").orElse(member.number("bit_offset").orElse(-1));
            fields.add(new TypeLayout.Field(member.name().orElse(""), memberOffset(member).orElse(0), bitOffset,
                    member.number("bit_size").orElse(-1), layout));
        }
        var kind = entry.tag().equals("structure_type") ? TypeLayout.Kind.STRUCT : TypeLayout.Kind.UNION;
        return new TypeLayout(kind, "", size, fields, null, List.of(), spelling);
    }

    /** {@code DW_AT_data_member_location}: a constant, or (DWARF 2) a {@code DW_OP_plus_uconst} expression. */
    private static OptionalLong memberOffset(DebugInfo.Entry member) {
        var value = member.attributes().get("data_member_location");
        if (value == null) {
            return OptionalLong.empty();
        }
        var expression = PLUS_UCONST.matcher(value);
        if (expression.find()) {
            return OptionalLong.of(Long.parseLong(expression.group(1)));
        }
        return DECIMAL.matcher(value.strip()).matches() ? member.number("data_member_location") : OptionalLong.empty();
    }

    private TypeLayout array(DebugInfo.Entry entry, long size, String spelling, int depth) {
        var target = entry.reference("type");
        var element = target.isPresent() ? layout(target.getAsLong(), depth + 1) : TypeLayout.unknown(0);
        var dimensions = new ArrayList<Long>();
        long total = element.size();
        for (var range : entry.children()) {
            if (range.tag().equals("subrange_type")) {
                var count = range.number("count");
                if (count.isEmpty() && range.number("upper_bound").isPresent()) {
                    count = OptionalLong.of(range.number("upper_bound").getAsLong() + 1);
                }
                dimensions.add(count.orElse(-1));
                total = count.isPresent() && total >= 0 ? total * count.getAsLong() : -1;
            }
        }
        long bytes = size > 0 ? size : Math.max(total, 0);
        return new TypeLayout(TypeLayout.Kind.ARRAY, "", bytes, List.of(), element, dimensions, spelling);
    }
}

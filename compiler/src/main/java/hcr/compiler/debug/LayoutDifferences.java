package hcr.compiler.debug;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What differs between two layouts of one type, field by field, as the user reads it:
 * {@code vel: offset 8 → 16}, {@code x: int → float}, {@code y: renamed z}, {@code z: added at
 * offset 16}, {@code w: removed}, {@code pos.y: offset 4 → 8} (a field of a nested struct),
 * {@code []: int → float} (an array's elements), {@code [4] → [8]}, {@code size 24 → 32}.
 *
 * <p>Fields are matched by name, in the new layout's order; a field whose name went while one
 * with the same place and layout came is a rename. Empty exactly when the layouts are equal.
 */
final class LayoutDifferences {

    static final String ARROW = " → ";
    private static final String ANONYMOUS = "(anonymous)";

    private LayoutDifferences() {
    }

    /** The differences from {@code before} to {@code after}, in the order the user should read them. */
    static List<String> between(TypeLayout before, TypeLayout after) {
        var differences = new ArrayList<String>();
        compare("", before, after, differences);
        if (differences.isEmpty() && !before.equals(after)) {
            differences.add("layout of " + after.spelling()); // a difference the cases below do not name
        }
        return differences;
    }

    private static void compare(String path, TypeLayout before, TypeLayout after, List<String> out) {
        if (before.equals(after)) {
            return;
        }
        if (before.kind() != after.kind() || !before.base().equals(after.base())) {
            out.add(prefix(path) + spelled(before, after) + ARROW + spelled(after, before));
            return;
        }
        int known = out.size();
        switch (before.kind()) {
            case STRUCT, UNION -> fields(path, before, after, out);
            case ARRAY -> {
                if (!before.dimensions().equals(after.dimensions())) {
                    out.add(prefix(path) + dimensions(before) + ARROW + dimensions(after));
                } else {
                    compare(path + "[]", before.element(), after.element(), out);
                }
            }
            default -> {
            }
        }
        if (out.size() == known && before.size() != after.size()) {
            out.add(prefix(path) + "size " + before.size() + ARROW + after.size());
        }
    }

    private static void fields(String path, TypeLayout before, TypeLayout after, List<String> out) {
        var old = byName(before.fields());
        var current = byName(after.fields());
        Set<String> matched = new HashSet<>();
        var added = new ArrayList<String>(); // named after the fields that moved or changed
        for (var entry : current.entrySet()) {
            var field = entry.getValue();
            var name = join(path, entry.getKey());
            var was = old.get(entry.getKey());
            if (was == null) {
                var renamed = renamedFrom(field, old, current, matched);
                if (renamed != null) {
                    matched.add(renamed);
                    out.add(join(path, renamed) + ": renamed " + entry.getKey());
                } else {
                    added.add(name + ": added at offset " + field.offset());
                }
                continue;
            }
            matched.add(entry.getKey());
            if (was.offset() != field.offset()) {
                out.add(name + ": offset " + was.offset() + ARROW + field.offset());
            }
            if (was.bitOffset() != field.bitOffset() || was.bitSize() != field.bitSize()) {
                out.add(name + ": bits " + bits(was) + ARROW + bits(field));
            }
            compare(name, was.type(), field.type(), out);
        }
        out.addAll(added);
        for (var name : old.keySet()) {
            if (!matched.contains(name) && !current.containsKey(name)) {
                out.add(join(path, name) + ": removed");
            }
        }
    }

    /** The old field a new one replaced under a new name: same place, same layout, its name gone. */
    private static String renamedFrom(TypeLayout.Field field, Map<String, TypeLayout.Field> old,
                                      Map<String, TypeLayout.Field> current, Set<String> matched) {
        for (var entry : old.entrySet()) {
            var was = entry.getValue();
            if (!current.containsKey(entry.getKey()) && !matched.contains(entry.getKey())
                    && was.offset() == field.offset() && was.bitOffset() == field.bitOffset()
                    && was.bitSize() == field.bitSize() && was.type().equals(field.type())) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Fields by name in declaration order; anonymous members are {@code (anonymous)}, {@code (anonymous)2}, ... */
    private static Map<String, TypeLayout.Field> byName(List<TypeLayout.Field> fields) {
        var named = new LinkedHashMap<String, TypeLayout.Field>();
        int anonymous = 0;
        for (var field : fields) {
            var name = field.name().isEmpty() ? ANONYMOUS + (anonymous++ == 0 ? "" : Integer.toString(anonymous))
                    : field.name();
            named.putIfAbsent(name, field);
        }
        return named;
    }

    /** How a retyped part is named: its C spelling, or what it is when both spell the same (a typedef retargeted). */
    private static String spelled(TypeLayout layout, TypeLayout other) {
        if (!layout.spelling().equals(other.spelling())) {
            return layout.spelling();
        }
        return switch (layout.kind()) {
            case BASE -> layout.base();
            case POINTER -> "pointer";
            case ENUM -> "enum";
            default -> layout.kind().name().toLowerCase() + " of " + layout.size() + " bytes";
        };
    }

    private static String dimensions(TypeLayout array) {
        return array.dimensions().stream().map(n -> "[" + (n < 0 ? "" : n) + "]").collect(Collectors.joining());
    }

    private static String bits(TypeLayout.Field field) {
        return field.bitSize() < 0 ? "none" : field.bitSize() + " at bit " + field.bitOffset();
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}

package hcr.project;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The line on which each key of a TOML text is written, by its JSON pointer
 * ({@code /build/flags}, {@code /module/2/source}). Jackson's TOML reader builds the whole tree
 * before handing out tokens, so it knows no locations; error messages need them.
 * Understands what hcr.toml uses: {@code [table]}, {@code [[array-of-tables]]}, and
 * {@code key = ...} lines with bare or quoted keys.
 */
public final class TomlLines {
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([A-Za-z0-9_.\"-]+)\\s*]\\s*(#.*)?$");
    private static final Pattern ARRAY_TABLE = Pattern.compile("^\\s*\\[\\[\\s*([A-Za-z0-9_.\"-]+)\\s*]]\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*(\"[^\"]*\"|[A-Za-z0-9_-]+)\\s*=");

    private final Map<String, Integer> lines = new HashMap<>();

    TomlLines(String text) {
        var counts = new HashMap<String, Integer>();
        var table = "";
        var rows = text.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            var row = rows[i];
            var array = ARRAY_TABLE.matcher(row);
            var plain = TABLE.matcher(row);
            var key = KEY.matcher(row);
            if (array.matches()) {
                var name = unquote(array.group(1));
                int index = counts.merge(name, 1, Integer::sum) - 1;
                lines.putIfAbsent("/" + name, i + 1);
                table = "/" + name + "/" + index;
                lines.put(table, i + 1);
            } else if (plain.matches()) {
                table = "/" + unquote(plain.group(1)).replace('.', '/');
                lines.putIfAbsent(table, i + 1);
            } else if (key.find()) {
                lines.putIfAbsent(table + "/" + unquote(key.group(1)), i + 1);
            }
        }
    }

    /** The line of {@code pointer}, or of the closest enclosing key or table; 0 when unknown. */
    int of(String pointer) {
        var path = pointer;
        while (!path.isEmpty()) {
            var line = lines.get(path);
            if (line != null) {
                return line;
            }
            path = path.substring(0, path.lastIndexOf('/'));
        }
        return 0;
    }

    private static String unquote(String key) {
        return key.startsWith("\"") && key.endsWith("\"") && key.length() >= 2 ? key.substring(1, key.length() - 1) : key;
    }
}

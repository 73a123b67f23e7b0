package hcr.compiler.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A string table of the linked library (.dynstr, .strtab, .shstrtab): NUL-separated names, each added once. */
final class StringTable {
    private final Map<String, Integer> offsets = new HashMap<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A table that starts with the empty name, as every ELF string table does. */
    StringTable() {
        add("");
    }

    int add(String name) {
        var known = offsets.get(name);
        if (known != null) {
            return known;
        }
        int at = bytes.size();
        var raw = name.getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
        bytes.write(0);
        offsets.put(name, at);
        return at;
    }

    int size() {
        return bytes.size();
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}

package hcr.compiler.link;

import hcr.compiler.elf.SymbolKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The text form of a {@link LinkNames} table in {@code state/}: compiler-private, one record a
 * line, fields separated by one space (C names and link names contain none):
 *
 * <pre>
 * hcr-link-names 1
 * generation 7
 * live function step hcr.step 0          names of the last committed generation
 * live object counter hcr.counter.g5 8
 * function step hcr.step                 the link name each function ever had
 * object counter                         C names ever used for a global object
 * stubbed hcr.step                       function link names in a stub library
 * exported step                          C names a stub library exports (docs/internals.md section 2);
 *                                        a table written before exports existed has none
 * </pre>
 */
final class LinkNamesFile {
    static final String HEADER = "hcr-link-names 1";

    private LinkNamesFile() {
    }

    static LinkNames read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return LinkNames.empty();
        }
        var lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IOException(file + ":1: expected '" + HEADER + "'");
        }
        int generation = -1;
        var live = new HashMap<String, LiveName>();
        var functionNames = new HashMap<String, String>();
        var objectNames = new HashSet<String>();
        var stubbed = new HashSet<String>();
        var exported = new HashSet<String>();
        for (int i = 1; i < lines.length; i++) {
            var line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            var fields = line.split(" ", -1);
            var where = file + ":" + (i + 1) + ": ";
            try {
                switch (fields[0]) {
                    case "generation" -> {
                        expect(fields, 2, where);
                        generation = Integer.parseInt(fields[1]);
                    }
                    case "live" -> {
                        expect(fields, 5, where);
                        var kind = SymbolKind.valueOf(fields[1].toUpperCase(Locale.ROOT));
                        live.put(fields[2], new LiveName(kind, fields[3], Long.parseLong(fields[4])));
                    }
                    case "function" -> {
                        expect(fields, 3, where);
                        functionNames.put(fields[1], fields[2]);
                    }
                    case "object" -> {
                        expect(fields, 2, where);
                        objectNames.add(fields[1]);
                    }
                    case "stubbed" -> {
                        expect(fields, 2, where);
                        stubbed.add(fields[1]);
                    }
                    case "exported" -> {
                        expect(fields, 2, where);
                        exported.add(fields[1]);
                    }
                    default -> throw new IOException(where + "unknown record '" + fields[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(where + "malformed record '" + line + "': " + e.getMessage(), e);
            }
        }
        if (generation < 0) {
            throw new IOException(file + ": no 'generation' record");
        }
        return new LinkNames(generation, live, functionNames, objectNames, stubbed, exported);
    }

    private static void expect(String[] fields, int count, String where) throws IOException {
        if (fields.length != count) {
            throw new IOException(where + "'" + fields[0] + "' needs " + (count - 1) + " fields, found "
                    + (fields.length - 1));
        }
    }

    static void write(Path file, LinkNames names) throws IOException {
        var text = new StringBuilder(HEADER).append('\n');
        text.append("generation ").append(names.generation()).append('\n');
        new TreeMap<>(names.live()).forEach((cname, live) -> text.append("live ")
                .append(live.kind().name().toLowerCase(Locale.ROOT)).append(' ').append(cname).append(' ')
                .append(live.linkName()).append(' ').append(live.size()).append('\n'));
        new TreeMap<>(names.functionNames()).forEach((cname, linkName) ->
                text.append("function ").append(cname).append(' ').append(linkName).append('\n'));
        new TreeSet<>(names.objectNames()).forEach(cname -> text.append("object ").append(cname).append('\n'));
        new TreeSet<>(names.stubbed()).forEach(linkName -> text.append("stubbed ").append(linkName).append('\n'));
        new TreeSet<>(names.exported()).forEach(cname -> text.append("exported ").append(cname).append('\n'));
        AtomicFile.write(file, text.toString());
    }
}

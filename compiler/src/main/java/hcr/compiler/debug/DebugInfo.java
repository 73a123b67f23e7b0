package hcr.compiler.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The debugging information entries of a library's {@code .debug_info}, as
 * {@code readelf --debug-dump=info} prints them.
 *
 * <p>readelf rather than a DWARF reader of our own: binutils is already required, it knows every
 * DWARF version and form gcc emits (string offsets, {@code strx}, split units), and its text is
 * stable across versions: one line per entry ({@code <depth><offset>: Abbrev Number: n (DW_TAG_x)})
 * followed by one line per attribute ({@code <offset> DW_AT_x : value}). References print as
 * section offsets ({@code <0x5d>}), so entries of several units share one table.
 */
final class DebugInfo {

    private static final Pattern ENTRY = Pattern.compile("^\\s*<(\\d+)><([0-9a-f]+)>: Abbrev Number: \\d+(?: \\((\\w+)\\))?");
    private static final Pattern STRING = Pattern.compile("^\\((?:indirect|indexed)[^)]*\\):\\s*(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("<0x([0-9a-f]+)>");
    private static final Pattern NUMBER = Pattern.compile("^(0x[0-9a-f]+|-?[0-9]+)");
    private static final Pattern ADDRESS = Pattern.compile("^\\d+ byte block:[^(]*\\(DW_OP_addr: ([0-9a-f]+)\\)$");
    private static final int OUTPUT_IN_ERRORS = 5;

    /** One entry: {@code tag} without its {@code DW_TAG_} prefix, attributes without {@code DW_AT_}. */
    record Entry(long offset, int depth, String tag, Map<String, String> attributes, List<Entry> children) {

        /** A name attribute's text, with readelf's {@code (indirect string, offset: 0x5): } dropped. */
        Optional<String> name() {
            var value = attributes.get("name");
            if (value == null) {
                return Optional.empty();
            }
            var indirect = STRING.matcher(value);
            return Optional.of(indirect.matches() ? indirect.group(1) : value);
        }

        /** The entry a reference attribute ({@code type}, {@code specification}) points at. */
        OptionalLong reference(String attribute) {
            var value = attributes.get(attribute);
            if (value == null) {
                return OptionalLong.empty();
            }
            var reference = REFERENCE.matcher(value);
            return reference.find() ? OptionalLong.of(Long.parseLong(reference.group(1), 16)) : OptionalLong.empty();
        }

        /** A constant attribute, printed in decimal or (for 8-byte forms) in hex. */
        OptionalLong number(String attribute) {
            var value = attributes.get(attribute);
            if (value == null) {
                return OptionalLong.empty();
            }
            var number = NUMBER.matcher(value.strip());
            if (!number.find()) {
                return OptionalLong.empty();
            }
            var text = number.group(1);
            try {
                return OptionalLong.of(text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16)
                        : Long.parseLong(text));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        boolean has(String attribute) {
            return attributes.containsKey(attribute);
        }

        /**
         * A variable's fixed address: its location when that is one {@code DW_OP_addr}, as a global's
         * or a static's is; empty for one declared only, thread-local, in a register or optimised away.
         */
        OptionalLong address() {
            var location = attributes.get("location");
            var address = location == null ? null : ADDRESS.matcher(location);
            return address != null && address.matches() ? OptionalLong.of(Long.parseUnsignedLong(address.group(1), 16))
                    : OptionalLong.empty();
        }
    }

    private final Map<Long, Entry> byOffset;
    private final List<Entry> units;

    private DebugInfo(Map<Long, Entry> byOffset, List<Entry> units) {
        this.byOffset = byOffset;
        this.units = units;
    }

    /** Runs {@code readelf --debug-dump=info} on {@code library}. */
    static DebugInfo read(String readelf, Path library) throws IOException {
        var command = List.of(readelf, "--debug-dump=info", library.toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + readelf + " (binutils) for the types of " + library + ": "
                    + e.getMessage(), e);
        }
        var lines = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            process.getOutputStream().close();
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed with status " + process.exitValue() + ": "
                        + String.join("\n", lines.subList(0, Math.min(OUTPUT_IN_ERRORS, lines.size()))));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the debug info of " + library, e);
        }
        return parse(lines);
    }

    /**
     * The entries of readelf's text; lines that are neither entries nor attributes are skipped.
     * Both start with {@code <}: an entry's with {@code <depth><offset>:}, an attribute's with
     * {@code <offset>} and its {@code DW_AT_} name. An attribute line is split by hand rather than
     * by a regular expression: they are most of the text (9 500 lines for a module of Lua), and
     * this parse is on an edit's path when the module defines globals.
     */
    static DebugInfo parse(List<String> lines) {
        var byOffset = new HashMap<Long, Entry>();
        var units = new ArrayList<Entry>();
        var open = new ArrayList<Entry>(); // open.get(d): the last entry seen at depth d
        Entry current = null;
        for (var line : lines) {
            int start = indent(line);
            if (start >= line.length() || line.charAt(start) != '<') {
                continue;
            }
            int close = line.indexOf('>', start + 1);
            if (close < 0) {
                continue;
            }
            if (close + 1 < line.length() && line.charAt(close + 1) == '<') {
                var entry = ENTRY.matcher(line);
                if (!entry.find()) {
                    continue;
                }
                current = null;
                if (entry.group(3) == null) {
                    continue; // abbrev 0: the end of a list of children
                }
                int depth = Integer.parseInt(entry.group(1));
                var tag = entry.group(3).startsWith("DW_TAG_") ? entry.group(3).substring(7) : entry.group(3);
                current = new Entry(Long.parseLong(entry.group(2), 16), depth, tag, new LinkedHashMap<>(),
                        new ArrayList<>());
                byOffset.put(current.offset(), current);
                while (open.size() > depth) {
                    open.remove(open.size() - 1);
                }
                if (depth == 0) {
                    units.add(current);
                } else if (open.size() == depth) {
                    open.get(depth - 1).children().add(current);
                }
                if (open.size() == depth) {
                    open.add(current);
                }
            } else if (current != null) {
                attribute(line, close + 1, current);
            }
        }
        return new DebugInfo(byOffset, units);
    }

    /** {@code    DW_AT_name        : value} from {@code from} on, into {@code entry}; anything else is skipped. */
    private static void attribute(String line, int from, Entry entry) {
        int name = from + indent(line.substring(from));
        if (name == from || !line.startsWith("DW_AT_", name)) {
            return;
        }
        int end = name + 6;
        while (end < line.length() && isWordChar(line.charAt(end))) {
            end++;
        }
        int colon = end + indent(line.substring(end));
        if (end == name + 6 || colon >= line.length() || line.charAt(colon) != ':') {
            return;
        }
        entry.attributes().putIfAbsent(line.substring(name + 6, end), line.substring(colon + 1).strip());
    }

    /** How many spaces and tabs {@code text} starts with. */
    private static int indent(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    Optional<Entry> at(long offset) {
        return Optional.ofNullable(byOffset.get(offset));
    }

    /**
     * A variable with a fixed address ({@link Entry#address()}): its name and the offset of its
     * type's entry, from the variable or else from its {@link #origin}, and whether it is
     * external (a global) or not (a file- or function-static).
     */
    record FixedVariable(String name, long type, long address, boolean external) {
    }

    /** {@code entry} as a {@link FixedVariable}; empty for one without a fixed address, name or type. */
    Optional<FixedVariable> fixedVariable(Entry entry) {
        var address = entry.address();
        if (address.isEmpty()) {
            return Optional.empty(); // declared only, thread-local, in a register or optimised away
        }
        var origin = origin(entry);
        var name = entry.name().or(origin::name);
        var type = entry.reference("type");
        if (type.isEmpty()) {
            type = origin.reference("type");
        }
        if (name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FixedVariable(name.get(), type.getAsLong(), address.getAsLong(),
                entry.has("external") || origin.has("external")));
    }

    /**
     * Where {@code entry} takes its name and type from: the declaration a definition completes
     * ({@code DW_AT_specification}), the abstract instance an out-of-line copy comes from
     * ({@code DW_AT_abstract_origin}), or the entry itself.
     */
    Entry origin(Entry entry) {
        var reference = entry.reference("specification");
        if (reference.isEmpty()) {
            reference = entry.reference("abstract_origin");
        }
        return reference.isPresent() ? at(reference.getAsLong()).orElse(entry) : entry;
    }

    /** The compilation units, each with its entries below it. */
    List<Entry> units() {
        return units;
    }

    /** The compilation units' direct children: file-scope declarations and types. */
    List<Entry> fileScope() {
        var entries = new ArrayList<Entry>();
        units.forEach(unit -> entries.addAll(unit.children()));
        return entries;
    }
}

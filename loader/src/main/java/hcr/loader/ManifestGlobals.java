package hcr.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The {@code global} and {@code static} records of one generation's manifest (docs/internals.md
 * section 6), with each module's library: what the host's globals commands work on. The host
 * reads them itself (the compiler's manifest reader is not on its class path, and need not be:
 * three record kinds of a line-based format).
 */
record ManifestGlobals(int generation, List<ManifestGlobals.Global> globals, List<ManifestGlobals.Static> statics) {

    /** One {@code global <module> <cname> <linkname> <size>} record and its module's library file. */
    record Global(String module, String name, String linkName, long size, String library) {
    }

    /**
     * One {@code static <module> <name> <offset> <size>} record (a writable file- or function-static:
     * {@code count}, {@code calls.0}, {@code tally@g5}) and its module's library file, in which the
     * static's symbol has the value {@code offset}.
     */
    record Static(String module, String name, long offset, long size, String library) {
    }

    ManifestGlobals {
        globals = List.copyOf(globals);
        statics = List.copyOf(statics);
    }

    /** Reads {@code <buildDir>/gen/<generation>/manifest}. */
    static ManifestGlobals read(Path buildDir, int generation) throws IOException {
        var file = buildDir.resolve("gen").resolve(Integer.toString(generation)).resolve("manifest");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the manifest of the loaded generation " + generation + " is gone (" + file
                    + "): the build folder keeps the newest generations only", e);
        }
        var libraries = new HashMap<String, String>();
        var records = new ArrayList<String[]>();
        for (int i = 0; i < lines.size(); i++) {
            var fields = lines.get(i).split(" ");
            if (fields[0].equals("module") || fields[0].equals("global") || fields[0].equals("static")) {
                if (fields.length != (fields[0].equals("module") ? 4 : 5)) {
                    throw new IOException(file + ":" + (i + 1) + ": malformed " + fields[0] + " record: " + lines.get(i));
                }
                if (fields[0].equals("module")) {
                    libraries.put(fields[1], fields[2]);
                } else {
                    records.add(fields);
                }
            }
        }
        var globals = new ArrayList<Global>();
        var statics = new ArrayList<Static>();
        for (var fields : records) {
            var library = libraries.getOrDefault(fields[1], "");
            long size = number(file, fields, 4, "size");
            if (fields[0].equals("global")) {
                globals.add(new Global(fields[1], fields[2], fields[3], size, library));
            } else {
                statics.add(new Static(fields[1], fields[2], number(file, fields, 3, "offset"), size, library));
            }
        }
        return new ManifestGlobals(generation, globals, statics);
    }

    /** Field {@code index} of a record, decimal or {@code 0x} hex. */
    private static long number(Path file, String[] fields, int index, String what) throws IOException {
        var text = fields[index];
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + fields[0] + " " + fields[2] + " has " + what + " '" + text + "'", e);
        }
    }
}

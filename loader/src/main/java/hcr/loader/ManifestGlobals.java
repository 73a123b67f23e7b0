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
 * The {@code global} records of one generation's manifest (docs/internals.md section 6), with
 * each module's library: what the host's globals commands work on. The host reads them itself
 * (the compiler's manifest reader is not on its class path, and need not be: two record kinds of
 * a line-based format).
 */
record ManifestGlobals(int generation, List<ManifestGlobals.Global> globals) {

    /** One {@code global <module> <cname> <linkname> <size>} record and its module's library file. */
    record Global(String module, String name, String linkName, long size, String library) {
    }

    ManifestGlobals {
        globals = List.copyOf(globals);
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
            if (fields[0].equals("module") || fields[0].equals("global")) {
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
        for (var fields : records) {
            long size;
            try {
                size = Long.parseLong(fields[4]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": global " + fields[2] + " has size '" + fields[4] + "'", e);
            }
            globals.add(new Global(fields[1], fields[2], fields[3], size, libraries.getOrDefault(fields[1], "")));
        }
        return new ManifestGlobals(generation, globals);
    }
}

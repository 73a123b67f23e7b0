package hcr.compiler.link;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the loader and gdb see of a library, as readelf shows it, for comparing the in-process
 * link with ld's: what the start files ({@code crtbeginS.o}...) add to ld's output is left out.
 */
final class ReadElf {
    private ReadElf() {
    }

    /**
     * The dynamic symbols: type, binding, visibility, defined or not, name@version and, for a
     * versioned reference, the library whose version it needs ({@code floor@GLIBC_2.2.5 libm.so.6}).
     */
    static TreeSet<String> dynamicSymbols(Path library) throws IOException {
        var files = versionFiles(library);
        var symbols = new TreeSet<String>();
        for (var line : Gcc.run(List.of("readelf", "--dyn-syms", "-W", library.toString())).split("\n")) {
            var f = line.trim().split("\\s+");
            if (f.length < 8 || !f[0].endsWith(":") || f[0].equals("0:")) {
                continue;
            }
            if (Stream.of("__cxa_finalize", "_ITM_", "__gmon_start__").anyMatch(f[7]::startsWith)) {
                continue; // what crtbeginS.o adds to ld's link
            }
            var file = f.length > 8 ? " " + files.get(f[8].replaceAll("[()]", "")) : "";
            symbols.add(f[3] + " " + f[4] + " " + f[5] + " " + (f[6].equals("UND") ? "UND" : "DEF") + " " + f[7] + file);
        }
        return symbols;
    }

    /** Version index → the library that defines it, from {@code .gnu.version_r}. */
    private static HashMap<String, String> versionFiles(Path library) throws IOException {
        var files = new HashMap<String, String>();
        String file = null;
        for (var line : Gcc.run(List.of("readelf", "-VW", library.toString())).split("\n")) {
            var f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("File:")) {
                    file = f[i + 1];
                } else if (f[i].equals("Name:") && file != null && line.contains("Version:")) {
                    files.put(f[f.length - 1], file);
                }
            }
        }
        return files;
    }

    /** The {@code DT_NEEDED} libraries, in order. */
    static List<String> needed(Path library) throws IOException {
        return dynamic(library, "(NEEDED)");
    }

    /** The {@code DT_FLAGS} and {@code DT_FLAGS_1} entries ({@code (FLAGS) BIND_NOW}). */
    static List<String> flags(Path library) throws IOException {
        var flags = new ArrayList<>(dynamic(library, "(FLAGS)"));
        flags.addAll(dynamic(library, "(FLAGS_1)"));
        return flags;
    }

    private static List<String> dynamic(Path library, String tag) throws IOException {
        var values = new ArrayList<String>();
        for (var line : Gcc.run(List.of("readelf", "-dW", library.toString())).split("\n")) {
            int at = line.indexOf(tag);
            if (at >= 0) {
                values.add(tag + " " + line.substring(at + tag.length()).trim());
            }
        }
        return values;
    }

    /** The program header types ({@code LOAD}, {@code GNU_RELRO}...), each once. */
    static TreeSet<String> segmentTypes(Path library) throws IOException {
        var types = new TreeSet<String>();
        boolean headers = false;
        for (var line : Gcc.run(List.of("readelf", "-lW", library.toString())).split("\n")) {
            if (line.trim().startsWith("Type")) {
                headers = true;
            } else if (headers && line.trim().isEmpty()) {
                headers = false;
            } else if (headers && line.startsWith("  ") && !line.trim().startsWith("[")) {
                types.add(line.trim().split("\\s+")[0]);
            }
        }
        return types;
    }

    /** The local data objects (statics, hook descriptors) with their sizes, without the C runtime's. */
    static TreeSet<String> localObjects(Path library) throws IOException {
        var objects = new TreeSet<String>();
        boolean symtab = false;
        for (var line : Gcc.run(List.of("readelf", "-sW", library.toString())).split("\n")) {
            if (line.contains("'.symtab'")) {
                symtab = true;
            }
            var f = line.trim().split("\\s+");
            if (symtab && f.length >= 8 && f[3].equals("OBJECT") && f[4].equals("LOCAL") && !f[7].equals("completed.0")
                    && !f[7].equals("__FRAME_END__") && !f[7].equals("__dso_handle") && !f[7].equals("__TMC_END__")
                    && !f[7].equals("_DYNAMIC") && !f[7].equals("_GLOBAL_OFFSET_TABLE_") && !f[7].endsWith("_array_entry")) {
                objects.add(f[7] + " " + f[2]);
            }
        }
        return objects;
    }
}

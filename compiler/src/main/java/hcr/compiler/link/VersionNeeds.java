package hcr.compiler.link;

import hcr.compiler.link.LinkLibraries.Binding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versions the library's references need ({@code .gnu.version_r}), as ld records them: for
 * each needed library a reference binds to in a version, one entry with that library's soname
 * and the versions used ({@code libm.so.6}: {@code GLIBC_2.2.5}, {@code GLIBC_2.29};
 * {@code libc.so.6}: {@code GLIBC_2.2.5}, {@code GLIBC_2.14}), numbered from 2 as
 * {@code .gnu.version} refers to them (1 stands for an unversioned reference).
 */
final class VersionNeeds {
    private static final int ENTRY = 16;

    /** soname → version → index, libraries in link order, versions sorted. */
    private final Map<String, TreeMap<String, Integer>> needs = new LinkedHashMap<>();
    private final Map<String, Integer> fileAt = new HashMap<>();
    private final Map<String, Integer> nameAt = new HashMap<>();

    /** The needs of {@code bindings} on the {@code needed} libraries; their names are added to {@code strings} (.dynstr). */
    VersionNeeds(List<SharedExports> needed, Collection<Binding> bindings, StringTable strings) {
        for (var library : needed) {
            var versions = new TreeMap<String, Integer>();
            for (var b : bindings) {
                if (b.library().soname().equals(library.soname()) && !b.version().isEmpty()) {
                    versions.put(b.version(), 0);
                }
            }
            if (!versions.isEmpty()) {
                needs.put(library.soname(), versions);
                fileAt.put(library.soname(), strings.add(library.soname()));
            }
        }
        int next = 2;
        for (var versions : needs.values()) {
            for (var e : versions.entrySet()) {
                e.setValue(next++);
                nameAt.putIfAbsent(e.getKey(), strings.add(e.getKey()));
            }
        }
    }

    boolean isEmpty() {
        return needs.isEmpty();
    }

    /** How many libraries have entries ({@code DT_VERNEEDNUM}, the section's {@code sh_info}). */
    int files() {
        return needs.size();
    }

    /** The section's size in bytes. */
    long size() {
        return (long) ENTRY * (needs.size() + needs.values().stream().mapToInt(Map::size).sum());
    }

    /** The {@code .gnu.version} index of a reference: its version's, or 1 (global) when unbound or unversioned. */
    int index(Binding binding) {
        if (binding == null || binding.version().isEmpty()) {
            return 1;
        }
        return needs.get(binding.library().soname()).get(binding.version());
    }

    /** Writes the section at {@code offset}: per library an entry, then one auxiliary entry per version. */
    void write(ByteBuffer out, long offset) {
        out.position(Math.toIntExact(offset));
        int file = 0;
        for (var e : needs.entrySet()) {
            var versions = e.getValue();
            boolean lastFile = ++file == needs.size();
            out.putShort((short) 1).putShort((short) versions.size()).putInt(fileAt.get(e.getKey())).putInt(ENTRY)
                    .putInt(lastFile ? 0 : ENTRY * (1 + versions.size()));
            int n = 0;
            for (var v : versions.entrySet()) {
                boolean lastVersion = ++n == versions.size();
                out.putInt(elfHash(v.getKey())).putShort((short) 0).putShort((short) (int) v.getValue())
                        .putInt(nameAt.get(v.getKey())).putInt(lastVersion ? 0 : ENTRY);
            }
        }
    }

    static int elfHash(String name) {
        long h = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (b & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return (int) h;
    }
}

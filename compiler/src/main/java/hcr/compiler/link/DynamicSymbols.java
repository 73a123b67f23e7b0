package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import hcr.compiler.link.ObjectFile.Symbol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dynamic loader sees of the library's symbols: {@code .dynsym} (the undefined
 * references first, not hashed, then the exported definitions by hash bucket), {@code .dynstr},
 * {@code .gnu.hash}, and the versions of the references the C library defines
 * ({@code .gnu.version}, {@code .gnu.version_r}), as ld records them.
 */
final class DynamicSymbols {
    private final SharedExports libc;
    private final List<Symbol> undefined = new ArrayList<>();
    private final List<Symbol> exported = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final Map<Integer, Integer> indexOf = new HashMap<>(); // symbol index -> .dynsym index
    private final TreeMap<String, Integer> versionIndex = new TreeMap<>();
    private final Map<String, Integer> versionNameAt = new HashMap<>();
    private final boolean needsLibc;
    private final StringTable names = new StringTable();
    private final int libcName;
    private final int sonameAt;
    private final int[] nameAt;
    private final int buckets;
    final OutputSection gnuHash;
    final OutputSection dynsym;
    final OutputSection dynstr;
    final OutputSection versym;
    final OutputSection verneed;

    DynamicSymbols(ObjectFile input, SharedExports libc, String soname) {
        this.libc = libc;
        chooseSymbols(input);
        buckets = GnuHash.buckets(exported.size());
        exported.sort(Comparator.comparingLong(s -> GnuHash.bucket(s.name(), buckets)));
        symbols.addAll(undefined);
        symbols.addAll(exported);
        for (int i = 0; i < symbols.size(); i++) {
            indexOf.put(symbols.get(i).index(), i + 1);
        }
        needsLibc = chooseVersions();
        libcName = needsLibc ? names.add(libc.soname()) : 0;
        sonameAt = names.add(soname);
        versionIndex.keySet().forEach(v -> versionNameAt.put(v, names.add(v)));
        nameAt = new int[symbols.size()];
        for (int i = 0; i < symbols.size(); i++) {
            nameAt[i] = names.add(symbols.get(i).name());
        }
        gnuHash = OutputSection.made(".gnu.hash", SHT_GNU_HASH, SHF_ALLOC, 8, 0, GnuHash.size(buckets, exported.size()));
        dynsym = OutputSection.made(".dynsym", SHT_DYNSYM, SHF_ALLOC, 8, SYM, (long) SYM * (symbols.size() + 1));
        dynstr = OutputSection.made(".dynstr", SHT_STRTAB, SHF_ALLOC, 1, 0, names.size());
        versym = OutputSection.made(".gnu.version", SHT_GNU_VERSYM, SHF_ALLOC, 2, 2, 2L * (symbols.size() + 1));
        verneed = OutputSection.made(".gnu.version_r", SHT_GNU_VERNEED, SHF_ALLOC, 8, 0,
                versionIndex.isEmpty() ? 0 : 16 + 16L * versionIndex.size());
    }

    private void chooseSymbols(ObjectFile input) {
        for (var s : input.symbols()) {
            if (s.index() == 0 || !s.global()) {
                continue;
            }
            if (s.undefined()) {
                if (!s.name().equals("_GLOBAL_OFFSET_TABLE_")) {
                    undefined.add(s);
                }
            } else if ((s.other() & 3) == STV_DEFAULT || (s.other() & 3) == 3 /* protected */) {
                if (!input.outputs(s)) {
                    throw new Decline("'" + s.name() + "' defined in a dropped section");
                }
                exported.add(s);
            }
        }
    }

    /** Numbers the versions of the references the C library defines; whether the library needs it. */
    private boolean chooseVersions() {
        boolean needs = true; // as in ld's output, where crtbeginS.o refers to __cxa_finalize
        for (var s : undefined) {
            var version = libc.versions().get(s.name());
            if (version != null) {
                needs = true;
                if (!version.isEmpty()) {
                    versionIndex.putIfAbsent(version, 0);
                }
            }
        }
        int next = 2;
        for (var e : versionIndex.entrySet()) {
            e.setValue(next++);
        }
        return needs;
    }

    /** The tables in the order they lead the library; the version tables only with version needs. */
    List<OutputSection> sections() {
        var sections = new ArrayList<>(List.of(gnuHash, dynsym, dynstr));
        if (hasVersions()) {
            // only with version needs: glibc indexes its (absent) version table through DT_VERSYM otherwise
            sections.add(versym);
            sections.add(verneed);
        }
        return sections;
    }

    boolean hasVersions() {
        return !versionIndex.isEmpty();
    }

    boolean needsLibc() {
        return needsLibc;
    }

    /** The C library's name in .dynstr (for DT_NEEDED). */
    int libcName() {
        return libcName;
    }

    /** The library's own name in .dynstr (for DT_SONAME). */
    int sonameAt() {
        return sonameAt;
    }

    /** The .dynsym index of the object's symbol {@code symbol}. */
    int indexOf(int symbol) {
        return indexOf.get(symbol);
    }

    /** Points the section headers at the tables they use. */
    void linkSections(OutputSection relaDyn, OutputSection dynamic) {
        dynsym.link = dynstr.index;
        dynsym.info = 1; // one local symbol: the null one
        gnuHash.link = dynsym.index;
        versym.link = dynsym.index;
        verneed.link = dynstr.index;
        verneed.info = 1;
        relaDyn.link = dynsym.index;
        dynamic.link = dynstr.index;
    }

    /** Writes .dynsym, .dynstr, .gnu.version, .gnu.version_r and .gnu.hash at their places in {@code layout}. */
    void write(ByteBuffer out, Layout layout) {
        for (int i = 0; i < symbols.size(); i++) {
            var s = symbols.get(i);
            out.position(Math.toIntExact(dynsym.offset + (long) SYM * (i + 1)));
            int shndx = s.undefined() ? SHN_UNDEF : layout.outputOf(s).index;
            out.putInt(nameAt[i]).put((byte) ((s.bind() << 4) | s.referenceType(libc))).put((byte) s.other())
                    .putShort((short) shndx).putLong(s.undefined() ? 0 : layout.address(s))
                    .putLong(s.undefined() ? 0 : s.size());
        }
        out.position(Math.toIntExact(dynstr.offset)).put(names.bytes());
        if (hasVersions()) {
            writeVersions(out);
        }
        GnuHash.write(out, gnuHash, buckets, exported, 1 + undefined.size());
    }

    private void writeVersions(ByteBuffer out) {
        for (int i = 0; i < symbols.size(); i++) {
            var s = symbols.get(i);
            int v = 1;
            if (s.undefined()) {
                var version = libc.versions().get(s.name());
                v = version == null || version.isEmpty() ? 1 : versionIndex.get(version);
            }
            out.putShort(Math.toIntExact(versym.offset + 2L * (i + 1)), (short) v);
        }
        out.position(Math.toIntExact(verneed.offset));
        out.putShort((short) 1).putShort((short) versionIndex.size()).putInt(libcName).putInt(16).putInt(0);
        int n = 0;
        for (var e : versionIndex.entrySet()) {
            n++;
            out.putInt(elfHash(e.getKey())).putShort((short) 0).putShort((short) (int) e.getValue())
                    .putInt(versionNameAt.get(e.getKey())).putInt(n == versionIndex.size() ? 0 : 16);
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

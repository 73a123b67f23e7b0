package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import hcr.compiler.link.LinkLibraries.Binding;
import hcr.compiler.link.ObjectFile.Symbol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dynamic loader sees of the library's symbols: {@code .dynsym} (the undefined
 * references first, not hashed, then the exported definitions by hash bucket), {@code .dynstr},
 * {@code .gnu.hash}, the libraries needed ({@code DT_NEEDED}: those named
 * {@code --no-as-needed}, and those a reference binds to) and the versions of the references
 * they define ({@code .gnu.version}, {@code .gnu.version_r}, see {@link VersionNeeds}), as ld
 * records them.
 */
final class DynamicSymbols {
    private final LinkLibraries libraries;
    private final List<Symbol> undefined = new ArrayList<>();
    private final List<Symbol> exported = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final Map<Integer, Integer> indexOf = new HashMap<>(); // symbol index -> .dynsym index
    private final Map<Integer, Binding> bindings = new HashMap<>(); // symbol index -> what it binds to
    private final StringTable names = new StringTable();
    private final List<Integer> neededAt = new ArrayList<>();
    private final VersionNeeds versions;
    private final int sonameAt;
    private final int[] nameAt;
    private final int buckets;
    final OutputSection gnuHash;
    final OutputSection dynsym;
    final OutputSection dynstr;
    final OutputSection versym;
    final OutputSection verneed;

    DynamicSymbols(ObjectFile input, LinkLibraries libraries, String soname) {
        this.libraries = libraries;
        chooseSymbols(input);
        buckets = GnuHash.buckets(exported.size());
        exported.sort(Comparator.comparingLong(s -> GnuHash.bucket(s.name(), buckets)));
        symbols.addAll(undefined);
        symbols.addAll(exported);
        for (int i = 0; i < symbols.size(); i++) {
            indexOf.put(symbols.get(i).index(), i + 1);
        }
        for (var s : undefined) {
            var binding = libraries.bind(s.name());
            if (binding != null) {
                bindings.put(s.index(), binding);
            }
        }
        var needed = libraries.needed(bindings.values());
        needed.forEach(library -> neededAt.add(names.add(library.soname())));
        sonameAt = names.add(soname);
        versions = new VersionNeeds(needed, bindings.values(), names);
        nameAt = new int[symbols.size()];
        for (int i = 0; i < symbols.size(); i++) {
            nameAt[i] = names.add(symbols.get(i).name());
        }
        gnuHash = OutputSection.made(".gnu.hash", SHT_GNU_HASH, SHF_ALLOC, 8, 0, GnuHash.size(buckets, exported.size()));
        dynsym = OutputSection.made(".dynsym", SHT_DYNSYM, SHF_ALLOC, 8, SYM, (long) SYM * (symbols.size() + 1));
        dynstr = OutputSection.made(".dynstr", SHT_STRTAB, SHF_ALLOC, 1, 0, names.size());
        versym = OutputSection.made(".gnu.version", SHT_GNU_VERSYM, SHF_ALLOC, 2, 2, 2L * (symbols.size() + 1));
        verneed = OutputSection.made(".gnu.version_r", SHT_GNU_VERNEED, SHF_ALLOC, 8, 0, versions.size());
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
        return !versions.isEmpty();
    }

    /** How many libraries the version needs name ({@code DT_VERNEEDNUM}). */
    int versionFiles() {
        return versions.files();
    }

    /** The names in .dynstr of the libraries needed, in order (for {@code DT_NEEDED}). */
    List<Integer> neededNames() {
        return neededAt;
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
        verneed.info = versions.files();
        relaDyn.link = dynsym.index;
        dynamic.link = dynstr.index;
    }

    /** Writes .dynsym, .dynstr, .gnu.version, .gnu.version_r and .gnu.hash at their places in {@code layout}. */
    void write(ByteBuffer out, Layout layout) {
        for (int i = 0; i < symbols.size(); i++) {
            var s = symbols.get(i);
            out.position(Math.toIntExact(dynsym.offset + (long) SYM * (i + 1)));
            int shndx = s.undefined() ? SHN_UNDEF : layout.outputOf(s).index;
            out.putInt(nameAt[i]).put((byte) ((s.bind() << 4) | s.referenceType(libraries))).put((byte) s.other())
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
            int v = s.undefined() ? versions.index(bindings.get(s.index())) : 1;
            out.putShort(Math.toIntExact(versym.offset + 2L * (i + 1)), (short) v);
        }
        versions.write(out, verneed.offset);
    }
}

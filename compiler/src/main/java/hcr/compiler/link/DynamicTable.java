package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's {@code .dynamic}: what the dynamic loader reads first (the libraries needed,
 * the soname, the constructor arrays, the symbol, hash and relocation tables, the
 * {@code -z now} flags, the version tables), in ld's order. The entries are made from the
 * sections they point at, so the table's size is known before the layout and its addresses
 * are filled in after it.
 */
final class DynamicTable {
    private static final int ENTRY = 16;

    private final Layout layout;
    private final DynamicSymbols symbols;
    private final Relocator relocator;
    private final boolean bindNow;

    /** @param bindNow {@code -z now}: the loader binds every reference at load ({@code DT_FLAGS}, {@code DT_FLAGS_1}) */
    DynamicTable(Layout layout, DynamicSymbols symbols, Relocator relocator, boolean bindNow) {
        this.layout = layout;
        this.symbols = symbols;
        this.relocator = relocator;
        this.bindNow = bindNow;
    }

    /** The table's size in bytes. */
    long size() {
        return (long) ENTRY * entries().size();
    }

    /** Writes the table at its place, with the addresses the layout gave. */
    void write(ByteBuffer out) {
        out.position(Math.toIntExact(layout.dynamic.offset));
        for (var e : entries()) {
            out.putLong(e[0]).putLong(e[1]);
        }
    }

    /** Tag and value of each entry, the terminator included. */
    private List<long[]> entries() {
        var entries = new ArrayList<long[]>();
        for (int name : symbols.neededNames()) {
            entries.add(new long[] {DT_NEEDED, name});
        }
        entries.add(new long[] {DT_SONAME, symbols.sonameAt()});
        var init = layout.init();
        if (init != null) {
            entries.add(new long[] {DT_INIT_ARRAY, init.address});
            entries.add(new long[] {DT_INIT_ARRAYSZ, init.size});
        }
        var fini = layout.fini();
        if (fini != null) {
            entries.add(new long[] {DT_FINI_ARRAY, fini.address});
            entries.add(new long[] {DT_FINI_ARRAYSZ, fini.size});
        }
        entries.add(new long[] {DT_GNU_HASH, symbols.gnuHash.address});
        entries.add(new long[] {DT_STRTAB, symbols.dynstr.address});
        entries.add(new long[] {DT_SYMTAB, symbols.dynsym.address});
        entries.add(new long[] {DT_STRSZ, symbols.dynstr.size});
        entries.add(new long[] {DT_SYMENT, SYM});
        if (relocator.count() > 0) {
            entries.add(new long[] {DT_RELA, relocator.relaDyn.address});
            entries.add(new long[] {DT_RELASZ, (long) RELA * relocator.count()});
            entries.add(new long[] {DT_RELAENT, RELA});
            if (relocator.relativeCount() > 0) {
                entries.add(new long[] {DT_RELACOUNT, relocator.relativeCount()});
            }
        }
        if (bindNow) {
            entries.add(new long[] {DT_FLAGS, DF_BIND_NOW});
            entries.add(new long[] {DT_FLAGS_1, DF_1_NOW});
        }
        if (symbols.hasVersions()) {
            entries.add(new long[] {DT_VERSYM, symbols.versym.address});
            entries.add(new long[] {DT_VERNEED, symbols.verneed.address});
            entries.add(new long[] {DT_VERNEEDNUM, symbols.versionFiles()});
        }
        entries.add(new long[] {DT_NULL, 0});
        return entries;
    }
}

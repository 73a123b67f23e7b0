package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;
import static hcr.compiler.link.OutputSection.align;

import hcr.compiler.link.ObjectFile.Section;
import hcr.compiler.link.ObjectFile.Symbol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything goes in the library, as ld lays it out: the output sections sorted into
 * four {@code PT_LOAD} segments, each but the first starting on a page (headers and dynamic
 * tables; code; read-only data with the unwind tables; writable data, RELRO part first:
 * init/fini arrays, {@code .data.rel.ro}, {@code .dynamic}, {@code .got}); then the sections
 * not loaded (DWARF), the symbol tables and the section headers. Sections lie at the same
 * offset in the file as in memory, so an address is its offset.
 */
final class Layout {
    /** Where the segments start and end; a segment's file part ends before its {@code .bss}. */
    record Segments(long headerEnd, long codeStart, long codeEnd, long readOnlyStart, long readOnlyEnd,
                    long writableStart, long relroEnd, long fileEnd, long writableEnd) {
    }

    final OutputSection buildId = OutputSection.made(".note.gnu.build-id", SHT_NOTE, SHF_ALLOC, 4, 0,
            16 + BUILD_ID_SIZE);
    final OutputSection dynamic = OutputSection.made(".dynamic", SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, 8, 16, 0);
    private final List<OutputSection> header = new ArrayList<>();
    private final List<OutputSection> code = new ArrayList<>();
    private final List<OutputSection> readOnly = new ArrayList<>();
    private final List<OutputSection> writable = new ArrayList<>();
    private final List<OutputSection> unloaded = new ArrayList<>();
    private final List<OutputSection> bss = new ArrayList<>();
    private final List<OutputSection> inits = new ArrayList<>();
    private final List<OutputSection> finis = new ArrayList<>();
    private final List<OutputSection> all = new ArrayList<>();
    private final Map<Integer, OutputSection> outputOf = new HashMap<>(); // input section index -> output
    final OutputSection shstrtab = OutputSection.made(".shstrtab", SHT_STRTAB, 0, 1, 0, 0);
    private final StringTable sectionNames = new StringTable();
    private final Map<OutputSection, Integer> nameAt = new HashMap<>();
    private OutputSection ehFrame;
    private OutputSection ehFrameHdr;
    private int relroCount;
    private Segments segments;
    private long fileCursor;
    private long sectionHeaders;

    /** Sorts the sections into their segments; throws {@link Decline} for what ld would lay out otherwise. */
    Layout(ObjectFile input, DynamicSymbols symbols, Relocator relocator) {
        header.add(buildId);
        header.addAll(symbols.sections());
        if (relocator.count() > 0) {
            header.add(relocator.relaDyn);
        }
        if (relocator.hasPlt()) {
            code.add(relocator.pltGot);
        }
        var relro = new ArrayList<OutputSection>();
        var data = new ArrayList<OutputSection>();
        for (var s : input.kept()) {
            var out = new OutputSection(s.name(), s.type(), s.flags(), s.align(), s.entsize(), s.size(), s);
            outputOf.put(s.index(), out);
            sort(s, out, relro, data);
        }
        if (inits.size() > 1 || finis.size() > 1) {
            throw new Decline("several constructor sections");
        }
        if (ehFrame != null) {
            ehFrameHdr = EhFrame.header(input.buffer(), ehFrame.input);
            readOnly.add(ehFrameHdr);
            readOnly.add(ehFrame);
        }
        writable.addAll(inits);
        writable.addAll(finis);
        writable.addAll(relro);
        writable.add(dynamic);
        if (relocator.hasGot()) {
            writable.add(relocator.gotSection);
        }
        relroCount = writable.size();
        writable.addAll(data);
        writable.addAll(bss);
    }

    private void sort(Section s, OutputSection out, List<OutputSection> relro, List<OutputSection> data) {
        if (!s.alloc()) {
            unloaded.add(out);
        } else if (s.exec()) {
            code.add(out);
        } else if (!s.write()) {
            if (s.name().equals(".eh_frame")) {
                if (ehFrame != null) {
                    throw new Decline("two .eh_frame sections");
                }
                ehFrame = out;
                out.size += EhFrame.TERMINATOR;
            } else {
                readOnly.add(out);
            }
        } else if (s.type() == SHT_NOBITS) {
            bss.add(out);
        } else if (s.type() == SHT_INIT_ARRAY) {
            inits.add(out);
        } else if (s.type() == SHT_FINI_ARRAY) {
            finis.add(out);
        } else if (s.name().equals(".data.rel.ro") || s.name().startsWith(".data.rel.ro.")) {
            relro.add(out);
        } else {
            data.add(out);
        }
    }

    /** Program headers: four loads (code and read-only data when there are any), dynamic, note, eh_frame, stack, relro. */
    int programHeaders() {
        return 6 + (code.isEmpty() ? 0 : 1) + (readOnly.isEmpty() ? 0 : 1) + (ehFrameHdr != null ? 1 : 0);
    }

    /** Gives every loaded section its address, after the ELF header and program headers. */
    void placeLoaded() {
        long cursor = placeAll(header, EHDR + (long) PHDR * programHeaders());
        long headerEnd = cursor;
        cursor = code.isEmpty() ? cursor : align(cursor, PAGE);
        long codeStart = cursor;
        cursor = placeAll(code, cursor);
        long codeEnd = cursor;
        cursor = readOnly.isEmpty() ? cursor : align(cursor, PAGE);
        long readOnlyStart = cursor;
        cursor = placeAll(readOnly, cursor);
        long readOnlyEnd = cursor;
        cursor = align(cursor, PAGE);
        long writableStart = cursor;
        long relroEnd = writableStart;
        long fileEnd = writableStart;
        for (int i = 0; i < writable.size(); i++) {
            var o = writable.get(i);
            cursor = o.placeAt(cursor);
            if (i == relroCount - 1) {
                relroEnd = cursor;
            }
            if (o.type != SHT_NOBITS) {
                fileEnd = cursor;
            }
        }
        segments = new Segments(headerEnd, codeStart, codeEnd, readOnlyStart, readOnlyEnd, writableStart, relroEnd,
                fileEnd, cursor);
    }

    /** Places the sections not loaded after the last bytes of the last segment. */
    void placeUnloaded() {
        // the file holds no bytes for .bss: later sections start after the last with contents
        fileCursor = placeAll(unloaded, segments.fileEnd());
        // a .bss section's offset is where it would be: ld puts it at the file end of the segment
        for (var o : bss) {
            o.offset = segments.fileEnd();
        }
    }

    /**
     * Numbers every section and names it in {@code .shstrtab}; places the symbol tables and
     * the section names last, then the section headers.
     */
    void placeTables(OutputSection symtab, OutputSection strtab) {
        all.addAll(header);
        all.addAll(code);
        all.addAll(readOnly);
        all.addAll(writable);
        all.addAll(unloaded);
        all.add(symtab);
        all.add(strtab);
        all.add(shstrtab);
        for (int i = 0; i < all.size(); i++) {
            all.get(i).index = i + 1;
        }
        for (var o : all) {
            nameAt.put(o, sectionNames.add(o.name));
        }
        shstrtab.size = sectionNames.size();
        fileCursor = placeAll(List.of(symtab, strtab, shstrtab), align(fileCursor, 8));
        sectionHeaders = align(fileCursor, 8);
    }

    private static long placeAll(List<OutputSection> sections, long cursor) {
        for (var o : sections) {
            cursor = o.placeAt(cursor);
        }
        return cursor;
    }

    /** An empty image of the library's size. */
    ByteBuffer allocate() {
        long total = sectionHeaders + (long) SHDR * (all.size() + 1);
        return ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
    }

    Segments segments() {
        return segments;
    }

    /** Every section, in section header order. */
    List<OutputSection> all() {
        return all;
    }

    /** Where {@code o}'s name is in .shstrtab. */
    int nameAt(OutputSection o) {
        return nameAt.get(o);
    }

    byte[] sectionNames() {
        return sectionNames.bytes();
    }

    long sectionHeaders() {
        return sectionHeaders;
    }

    boolean hasCode() {
        return !code.isEmpty();
    }

    boolean hasReadOnly() {
        return !readOnly.isEmpty();
    }

    OutputSection init() {
        return inits.isEmpty() ? null : inits.get(0);
    }

    OutputSection fini() {
        return finis.isEmpty() ? null : finis.get(0);
    }

    OutputSection ehFrame() {
        return ehFrame;
    }

    OutputSection ehFrameHdr() {
        return ehFrameHdr;
    }

    OutputSection outputOf(Section s) {
        return outputOf.get(s.index());
    }

    OutputSection outputOf(Symbol s) {
        return outputOf.get(s.shndx());
    }

    /** The section header index of {@code s} in the library. */
    int sectionIndex(Symbol s) {
        if (s.shndx() == SHN_UNDEF || s.shndx() == SHN_ABS) {
            return s.shndx();
        }
        return outputOf(s).index;
    }

    /** The address of a defined symbol {@code s} in the library. */
    long address(Symbol s) {
        if (s.shndx() == SHN_ABS) {
            return s.value();
        }
        var o = outputOf(s);
        if (o == null) {
            throw new Decline("'" + s.name() + "' is in no output section");
        }
        return o.address + s.value();
    }
}

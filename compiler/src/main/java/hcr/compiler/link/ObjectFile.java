package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The module object as the in-process link ({@link ModuleImage}) reads it: header, sections,
 * symbols and relocations, each checked against what the link makes as ld makes it. What it
 * does not make is declined here, while reading, so the later steps meet only the plain PIC
 * objects gcc emits for C.
 */
final class ObjectFile {
    /** Where gcc lists the functions compiled with {@code -fpatchable-function-entry}: left out of the library. */
    static final String PATCHABLE_ENTRIES = "__patchable_function_entries";

    record Section(int index, String name, int type, long flags, long offset, long size, int link, int info,
                   long align, long entsize) {
        boolean alloc() {
            return (flags & SHF_ALLOC) != 0;
        }

        boolean write() {
            return (flags & SHF_WRITE) != 0;
        }

        boolean exec() {
            return (flags & SHF_EXECINSTR) != 0;
        }
    }

    record Symbol(int index, String name, int bind, int type, int other, int shndx, long value, long size) {
        boolean global() {
            return bind == STB_GLOBAL || bind == STB_WEAK;
        }

        boolean undefined() {
            return shndx == SHN_UNDEF;
        }

        /** A global of default visibility: another library's definition may win over this one (or it is undefined). */
        boolean preemptible() {
            return global() && (other & 3) == STV_DEFAULT;
        }

        /** The symbol's type in the library: an undefined reference takes it from the definition it binds to, as ld does. */
        int referenceType(LinkLibraries libraries) {
            if (undefined() && type == STT_NOTYPE) {
                var binding = libraries.bind(name);
                int found = binding == null ? STT_NOTYPE : binding.type();
                return found == STT_GNU_IFUNC ? STT_FUNC : found;
            }
            return type;
        }
    }

    record Rela(Section target, long offset, int type, int symbol, long addend) {
    }

    private final byte[] object;
    private final ByteBuffer in;
    private final ModuleImage.Inputs inputs;
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final List<Rela> relocations = new ArrayList<>();
    private final List<Section> kept = new ArrayList<>();
    private final Set<Integer> keptIndexes = new HashSet<>();

    private ObjectFile(byte[] object, ModuleImage.Inputs inputs) {
        this.object = object;
        this.in = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
        this.inputs = inputs;
    }

    /** Reads and checks {@code object}; throws {@link Decline} for what the link leaves to ld. */
    static ObjectFile read(byte[] object, ModuleImage.Inputs inputs) {
        var file = new ObjectFile(object, inputs);
        file.readHeader();
        file.readSymbols();
        file.keepSections();
        file.readRelocations();
        return file;
    }

    byte[] bytes() {
        return object;
    }

    ByteBuffer buffer() {
        return in;
    }

    List<Symbol> symbols() {
        return symbols;
    }

    List<Rela> relocations() {
        return relocations;
    }

    /** The input sections that become output sections, in the object's order. */
    List<Section> kept() {
        return kept;
    }

    /** Whether the library has {@code s}: absolute, undefined, or in a kept section. */
    boolean outputs(Symbol s) {
        return s.shndx() == SHN_ABS || s.shndx() == SHN_UNDEF || keptIndexes.contains(s.shndx());
    }

    private void readHeader() {
        if (object.length < EHDR || in.getInt(0) != 0x464c457f) {
            throw new Decline("not an ELF file");
        }
        if (object[4] != 2 || object[5] != 1) {
            throw new Decline("not ELF64 little-endian");
        }
        if (in.getShort(16) != 1) {
            throw new Decline("not a relocatable object");
        }
        if (in.getShort(18) != EM_X86_64) {
            throw new Decline("not x86-64");
        }
        if (object[7] != 0 && object[7] != 3) {
            throw new Decline("OS ABI " + object[7]);
        }
        int shoff = Math.toIntExact(in.getLong(0x28));
        int shnum = Short.toUnsignedInt(in.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(in.getShort(0x3e));
        if (shnum == 0 || shstrndx >= shnum) {
            throw new Decline("extended section numbering");
        }
        long names = in.getLong(shoff + shstrndx * SHDR + 24);
        for (int i = 0; i < shnum; i++) {
            int at = shoff + i * SHDR;
            sections.add(new Section(i, string(names + Integer.toUnsignedLong(in.getInt(at))), in.getInt(at + 4),
                    in.getLong(at + 8), in.getLong(at + 24), in.getLong(at + 32), in.getInt(at + 40), in.getInt(at + 44),
                    in.getLong(at + 48), in.getLong(at + 56)));
        }
    }

    private void readSymbols() {
        var tables = sections.stream().filter(s -> s.type() == SHT_SYMTAB).toList();
        if (tables.size() != 1) {
            throw new Decline(tables.size() + " symbol tables");
        }
        var table = tables.get(0);
        if (table.entsize() != SYM || table.link() <= 0 || table.link() >= sections.size()) {
            throw new Decline("unexpected symbol table");
        }
        long strings = sections.get(table.link()).offset();
        for (int i = 0; i < table.size() / SYM; i++) {
            int at = Math.toIntExact(table.offset() + (long) i * SYM);
            int info = object[at + 4] & 0xff;
            var symbol = new Symbol(i, string(strings + Integer.toUnsignedLong(in.getInt(at))), info >> 4, info & 0xf,
                    object[at + 5] & 0xff, Short.toUnsignedInt(in.getShort(at + 6)), in.getLong(at + 8),
                    in.getLong(at + 16));
            if (i > 0) {
                check(symbol);
            }
            symbols.add(symbol);
        }
    }

    private void check(Symbol s) {
        if (s.bind() != STB_LOCAL && s.bind() != STB_GLOBAL && s.bind() != STB_WEAK) {
            throw new Decline("symbol '" + s.name() + "' has binding " + s.bind());
        }
        if (s.type() != STT_NOTYPE && s.type() != STT_OBJECT && s.type() != STT_FUNC && s.type() != STT_SECTION
                && s.type() != STT_FILE) {
            throw new Decline("symbol '" + s.name() + "' has type " + s.type() + " (TLS, IFUNC, common...)");
        }
        if (s.shndx() >= SHN_LORESERVE && s.shndx() != SHN_ABS) {
            throw new Decline("symbol '" + s.name() + "' in special section " + Integer.toHexString(s.shndx()));
        }
        if (s.shndx() != SHN_UNDEF && s.shndx() != SHN_ABS && s.shndx() >= sections.size()) {
            throw new Decline("symbol '" + s.name() + "' in no section");
        }
        if (s.global() && s.undefined()) {
            if (s.name().equals("_GLOBAL_OFFSET_TABLE_")) {
                return; // gas names it whenever the code uses the GOT; checked again if a relocation uses it
            }
            if ((s.other() & 3) != STV_DEFAULT) {
                throw new Decline("undefined '" + s.name() + "' is not of default visibility");
            }
            if (inputs.elsewhere().contains(s.name()) || linkerDefined(s.name())) {
                throw new Decline("'" + s.name() + "' comes from another input of the driver's link");
            }
            var archive = inputs.libraries().archiveOf(s.name());
            if (archive != null) {
                throw new Decline("'" + s.name() + "' comes from the archive " + archive);
            }
            var binding = inputs.libraries().bind(s.name());
            var hiddenIn = binding == null ? inputs.libraries().onlyHiddenIn(s.name()) : null;
            if (hiddenIn != null) {
                throw new Decline("'" + s.name() + "' exists only in compatibility versions of " + hiddenIn);
            }
            if (s.bind() == STB_WEAK && binding != null) {
                throw new Decline("weak reference to '" + s.name() + "' of " + binding.library().soname());
            }
        }
    }

    private static boolean linkerDefined(String name) {
        return name.startsWith("__start_") || name.startsWith("__stop_") || Set.of("_DYNAMIC",
                "_PROCEDURE_LINKAGE_TABLE_", "__dso_handle", "__TMC_END__", "__ehdr_start", "__executable_start",
                "__bss_start", "_edata", "_end", "_etext", "__etext", "etext", "edata", "end", "__init_array_start",
                "__init_array_end", "__fini_array_start", "__fini_array_end", "__preinit_array_start",
                "__preinit_array_end", "__GNU_EH_FRAME_HDR", "_init", "_fini").contains(name);
    }

    /** Chooses the input sections that become output sections; the rest are declined or dropped. */
    private void keepSections() {
        for (var s : sections) {
            if (s.index() == 0) {
                continue;
            }
            var name = s.name();
            switch (s.type()) {
                case SHT_SYMTAB, SHT_STRTAB, SHT_RELA -> {
                    if (s.type() == SHT_RELA && (s.flags() & SHF_ALLOC) != 0) {
                        throw new Decline("allocated relocation section " + name);
                    }
                    continue;
                }
                case SHT_PROGBITS, SHT_NOBITS, SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_X86_64_UNWIND -> { }
                default -> throw new Decline("section " + name + " of type 0x" + Integer.toHexString(s.type()));
            }
            if (name.equals(PATCHABLE_ENTRIES)) {
                continue; // the compiler reads it from the object (manifest 'entry'); the runtime needs it not
            }
            if (name.equals(".note.GNU-stack")) {
                if (s.exec()) {
                    throw new Decline("the object asks for an executable stack");
                }
                continue;
            }
            if ((s.flags() & ~SHF_KNOWN) != 0) {
                throw new Decline("section " + name + " has flags 0x" + Long.toHexString(s.flags()));
            }
            if (s.type() == SHT_INIT_ARRAY ? !name.equals(".init_array")
                    : s.type() == SHT_FINI_ARRAY ? !name.equals(".fini_array")
                    : name.startsWith(".init_array") || name.startsWith(".fini_array")) {
                throw new Decline("constructor section " + name);
            }
            if (name.equals(".init") || name.equals(".fini") || name.startsWith(".ctors") || name.startsWith(".dtors")
                    || name.startsWith(".preinit_array") || name.startsWith(".gnu.linkonce") || name.startsWith(".gnu.lto")
                    || name.startsWith(".gnu.warning") || name.equals(".tm_clone_table") || name.startsWith(".tdata")
                    || name.startsWith(".tbss") || name.startsWith(".got") || name.startsWith(".plt")
                    || name.equals(".dynamic") || name.equals(".interp") || name.startsWith(".note")
                    || name.startsWith(".rela") || name.startsWith(".zdebug") || name.equals(".debug_frame_hdr")) {
                throw new Decline("section " + name);
            }
            if (s.alloc() && s.write() && s.exec()) {
                throw new Decline("writable code section " + name);
            }
            if (s.type() == SHT_NOBITS && (!s.alloc() || !s.write())) {
                throw new Decline("section " + name + " without contents");
            }
            if (!s.alloc() && s.type() != SHT_PROGBITS) {
                throw new Decline("section " + name);
            }
            if (s.align() > PAGE || Long.bitCount(Math.max(1, s.align())) != 1) {
                throw new Decline("section " + name + " aligned to " + s.align());
            }
            kept.add(s);
            keptIndexes.add(s.index());
        }
    }

    private void readRelocations() {
        for (var s : sections) {
            if (s.type() != SHT_RELA) {
                continue;
            }
            if (s.entsize() != RELA || s.link() >= sections.size() || sections.get(s.link()).type() != SHT_SYMTAB) {
                throw new Decline("relocation section " + s.name() + " of unknown form");
            }
            if (s.info() <= 0 || s.info() >= sections.size()) {
                throw new Decline("relocation section " + s.name() + " for no section");
            }
            var target = sections.get(s.info());
            if (!keptIndexes.contains(target.index())) {
                if (target.name().equals(".note.GNU-stack") || target.name().equals(PATCHABLE_ENTRIES)) {
                    continue;
                }
                throw new Decline("relocations for section " + target.name());
            }
            for (long at = s.offset(); at < s.offset() + s.size(); at += RELA) {
                int i = Math.toIntExact(at);
                long info = in.getLong(i + 8);
                var rela = new Rela(target, in.getLong(i), (int) info, (int) (info >>> 32), in.getLong(i + 16));
                if (rela.symbol() >= symbols.size() || rela.offset() < 0
                        || (target.type() != SHT_NOBITS && rela.offset() + width(rela.type()) > target.size())) {
                    throw new Decline("relocation outside " + target.name());
                }
                if (target.type() == SHT_NOBITS) {
                    throw new Decline("relocation in " + target.name());
                }
                relocations.add(rela);
            }
        }
    }

    private static int width(int type) {
        return switch (type) {
            case R_64, R_PC64 -> 8;
            case R_NONE -> 0;
            default -> 4;
        };
    }

    private String string(long at) {
        int start = Math.toIntExact(at);
        int end = start;
        while (object[end] != 0) {
            end++;
        }
        return new String(object, start, end - start, StandardCharsets.UTF_8);
    }
}

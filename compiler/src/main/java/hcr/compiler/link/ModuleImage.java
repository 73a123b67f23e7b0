package hcr.compiler.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Links one module object into its shared library in-process: the library
 * {@code cc -shared -Wl,-soname,S obj.o} makes, for the objects gcc emits for plain C with
 * {@code -fPIC} on x86-64, without running the compiler driver, collect2 and ld (some 40 to
 * 60 ms of process start-up on a small machine; this takes about a millisecond).
 *
 * <p>What the library holds, as ld makes it: every input section at its alignment, in four
 * {@code PT_LOAD} segments (headers and dynamic tables read-only; code; read-only data with
 * {@code .eh_frame} and its {@code .eh_frame_hdr} ({@code PT_GNU_EH_FRAME}); writable data
 * with the RELRO part first: init/fini arrays, {@code .data.rel.ro}, {@code .dynamic},
 * {@code .got}); a {@code .plt.got} entry ({@code jmp *slot(%rip)}) per called global
 * function, since every global of default visibility stays preemptible (calls reach the
 * stubs, data the first definition); {@code .got} slots bound eagerly ({@code GLOB_DAT},
 * {@code RELATIVE}); {@code .dynsym} with every global and every undefined reference,
 * {@code .gnu.hash}; references the C library defines are versioned ({@code .gnu.version_r},
 * its default version: what ld records) and make it {@code DT_NEEDED} (ld's
 * {@code --as-needed}); {@code .symtab} with the object's local symbols (statics, hook
 * descriptors) at their library addresses; the DWARF sections, relocated, so gdb shows the
 * C names and lines; a {@code .note.gnu.build-id}; {@code PT_GNU_STACK} not executable. The
 * C runtime's start files add nothing a C module needs here ({@code _init}/{@code _fini}
 * are empty, {@code __dso_handle} is only referenced through {@code atexit}, which is
 * declined below).
 *
 * <p>Anything else is declined, with the reason, and the caller runs the real linker: not
 * x86-64 ELF64; TLS, IFUNC, common or unique symbols; section groups, compressed or
 * unknown sections, {@code .init}/{@code .ctors} and prioritised constructors, notes other
 * than {@code .note.GNU-stack} (and an executable-stack request); relocations other than
 * the PIC ones gcc emits (a non-PIC one is declined so ld reports it as ld does); references
 * that the driver's other link inputs would satisfy ({@code libc_nonshared.a},
 * {@code libgcc}, the start files, linker-defined names); weak references to C library
 * names; references the C library defines only in hidden versions.
 */
final class ModuleImage {
    private static final int PAGE = 0x1000;
    private static final int EHDR = 64;
    private static final int PHDR = 56;
    private static final int SHDR = 64;
    private static final int SYM = 24;
    private static final int RELA = 24;

    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHT_RELA = 4;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_NOTE = 7;
    private static final int SHT_NOBITS = 8;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_INIT_ARRAY = 14;
    private static final int SHT_FINI_ARRAY = 15;
    private static final int SHT_GNU_HASH = 0x6ffffff6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final int SHT_X86_64_UNWIND = 0x70000001;

    private static final long SHF_WRITE = 1;
    private static final long SHF_ALLOC = 2;
    private static final long SHF_EXECINSTR = 4;
    private static final long SHF_MERGE = 0x10;
    private static final long SHF_STRINGS = 0x20;
    private static final long SHF_INFO_LINK = 0x40;
    private static final long SHF_GNU_RETAIN = 0x200000;
    /** Flags a kept section may carry; any other (LINK_ORDER, GROUP, TLS, COMPRESSED, EXCLUDE...) is declined. */
    private static final long SHF_KNOWN = SHF_WRITE | SHF_ALLOC | SHF_EXECINSTR | SHF_MERGE | SHF_STRINGS
            | SHF_INFO_LINK | SHF_GNU_RETAIN;

    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;

    private static final int STB_LOCAL = 0;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;
    private static final int STT_NOTYPE = 0;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int STT_SECTION = 3;
    private static final int STT_FILE = 4;
    private static final int STT_GNU_IFUNC = 10;
    private static final int STV_DEFAULT = 0;

    private static final int R_NONE = 0;
    private static final int R_64 = 1;
    private static final int R_PC32 = 2;
    private static final int R_PLT32 = 4;
    private static final int R_GLOB_DAT = 6;
    private static final int R_RELATIVE = 8;
    private static final int R_GOTPCREL = 9;
    private static final int R_32 = 10;
    private static final int R_PC64 = 24;
    private static final int R_GOTPCRELX = 41;
    private static final int R_REX_GOTPCRELX = 42;

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_NOTE = 4;
    private static final int PT_GNU_EH_FRAME = 0x6474e550;
    private static final int PT_GNU_STACK = 0x6474e551;
    private static final int PT_GNU_RELRO = 0x6474e552;
    private static final int PF_X = 1;
    private static final int PF_W = 2;
    private static final int PF_R = 4;

    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_SYMTAB = 6;
    private static final long DT_RELA = 7;
    private static final long DT_RELASZ = 8;
    private static final long DT_RELAENT = 9;
    private static final long DT_STRSZ = 10;
    private static final long DT_SYMENT = 11;
    private static final long DT_SONAME = 14;
    private static final long DT_INIT_ARRAY = 25;
    private static final long DT_FINI_ARRAY = 26;
    private static final long DT_INIT_ARRAYSZ = 27;
    private static final long DT_FINI_ARRAYSZ = 28;
    private static final long DT_GNU_HASH = 0x6ffffef5L;
    private static final long DT_VERSYM = 0x6ffffff0L;
    private static final long DT_RELACOUNT = 0x6ffffff9L;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;

    private static final int EM_X86_64 = 62;
    private static final int BUILD_ID_SIZE = 20;

    /**
     * What the in-process link needs to know about the driver's other link inputs.
     *
     * @param libc      the C library's exports (versions for references it defines)
     * @param elsewhere names another input of {@code cc -shared} would define (the start files,
     *                  {@code libc_nonshared.a}, {@code libgcc}, the dynamic loader): a
     *                  reference to one is left to ld
     */
    record Inputs(SharedExports libc, Set<String> elsewhere) {
        Inputs {
            elsewhere = Set.copyOf(elsewhere);
        }
    }

    /** The library's bytes, or why the object is left to the real linker. */
    record Result(byte[] image, String declined) {
        static Result declined(String why) {
            return new Result(null, why);
        }

        boolean linked() {
            return image != null;
        }
    }

    /** A reason to leave the object to ld. */
    private static final class Decline extends RuntimeException {
        Decline(String message) {
            super(message, null, false, false);
        }
    }

    private record Section(int index, String name, int type, long flags, long offset, long size, int link, int info,
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

    private record Symbol(int index, String name, int bind, int type, int other, int shndx, long value, long size) {
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
    }

    private record Rela(Section target, long offset, int type, int symbol, long addend) {
    }

    /** An output section: an input section kept, or one the link makes. */
    private static final class Out {
        final String name;
        final int type;
        final long flags;
        final long align;
        final long entsize;
        final Section input;
        long size;
        long address;
        long offset;
        int index;
        int link;
        int info;

        Out(String name, int type, long flags, long align, long entsize, long size, Section input) {
            this.name = name;
            this.type = type;
            this.flags = flags;
            this.align = Math.max(1, align);
            this.entsize = entsize;
            this.size = size;
            this.input = input;
        }

        boolean alloc() {
            return (flags & SHF_ALLOC) != 0;
        }
    }

    private final byte[] object;
    private final ByteBuffer in;
    private final String soname;
    private final Inputs inputs;
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final List<Rela> relocations = new ArrayList<>();
    private final Map<Integer, Out> outOf = new HashMap<>();

    private ModuleImage(byte[] object, String soname, Inputs inputs) {
        this.object = object;
        this.in = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
        this.soname = soname;
        this.inputs = inputs;
    }

    /** Links {@code object} (a relocatable ELF file's bytes) into a shared library named {@code soname}. */
    static Result link(byte[] object, String soname, Inputs inputs) {
        try {
            return new Result(new ModuleImage(object, soname, inputs).build(), null);
        } catch (Decline e) {
            return Result.declined(e.getMessage());
        } catch (RuntimeException e) {
            // a malformed object, or a case this linker got wrong: ld decides
            return Result.declined("not understood: " + e);
        }
    }

    // ---------------------------------------------------------------- reading the object

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
            if (inputs.libc().hidden().contains(s.name())) {
                throw new Decline("'" + s.name() + "' exists only in compatibility versions of "
                        + inputs.libc().soname());
            }
            if (s.bind() == STB_WEAK && inputs.libc().versions().containsKey(s.name())) {
                throw new Decline("weak reference to '" + s.name() + "' of " + inputs.libc().soname());
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

    /** Which input sections become output sections; the rest are declined or dropped. */
    private List<Section> kept() {
        var kept = new ArrayList<Section>();
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
        }
        return kept;
    }

    private void readRelocations(List<Section> kept) {
        var keptIndexes = new java.util.HashSet<Integer>();
        kept.forEach(s -> keptIndexes.add(s.index()));
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
                if (target.name().equals(".note.GNU-stack")) {
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

    // ---------------------------------------------------------------- the link

    private byte[] build() {
        readHeader();
        readSymbols();
        var kept = kept();
        readRelocations(kept);

        // what each relocation needs: a GOT slot, a PLT entry, a dynamic relocation
        var got = new LinkedHashMap<Integer, Integer>();   // symbol index -> slot number
        var plt = new LinkedHashMap<Integer, Integer>();   // symbol index -> entry number
        var dynamic = new LinkedHashMap<Integer, Integer>(); // symbol index -> .dynsym index, filled below
        int relative = 0;
        int symbolic = 0;
        for (var r : relocations) {
            var s = symbols.get(r.symbol());
            if (r.type() == R_NONE) {
                continue;
            }
            if (r.symbol() == 0) {
                throw new Decline("relocation without a symbol in " + r.target().name());
            }
            if (s.undefined() && s.name().equals("_GLOBAL_OFFSET_TABLE_")) {
                throw new Decline("relocation against _GLOBAL_OFFSET_TABLE_ (large code model?)");
            }
            if (s.shndx() == SHN_ABS) {
                throw new Decline("relocation against absolute symbol '" + s.name() + "'");
            }
            if (!s.undefined() && !outputs(s, kept)) {
                throw new Decline("relocation against '" + s.name() + "' in dropped section");
            }
            if (!r.target().alloc()) {
                if ((r.type() != R_32 && r.type() != R_64) || s.undefined()) {
                    throw new Decline("relocation type " + r.type() + " in " + r.target().name());
                }
                continue;
            }
            switch (r.type()) {
                case R_64 -> {
                    if (!r.target().write()) {
                        throw new Decline("text relocation in " + r.target().name());
                    }
                    if (s.preemptible()) {
                        symbolic++;
                    } else {
                        relative++;
                    }
                }
                case R_PC32, R_PC64 -> {
                    if (s.preemptible()) {
                        throw new Decline("PC-relative relocation against '" + s.name() + "' (not -fPIC)");
                    }
                }
                case R_PLT32 -> {
                    if (s.preemptible()) {
                        plt.putIfAbsent(r.symbol(), plt.size());
                        got.putIfAbsent(r.symbol(), got.size());
                    }
                }
                case R_GOTPCREL, R_GOTPCRELX, R_REX_GOTPCRELX -> got.putIfAbsent(r.symbol(), got.size());
                default -> throw new Decline("relocation type " + r.type() + " in " + r.target().name());
            }
        }
        for (int sym : got.keySet()) {
            if (symbols.get(sym).preemptible()) {
                symbolic++;
            } else {
                relative++;
            }
        }

        // .dynsym: the undefined references first (not hashed), then the exported definitions by hash bucket
        var undefinedGlobals = new ArrayList<Symbol>();
        var exported = new ArrayList<Symbol>();
        for (var s : symbols) {
            if (s.index() == 0 || !s.global()) {
                continue;
            }
            if (s.undefined()) {
                if (!s.name().equals("_GLOBAL_OFFSET_TABLE_")) {
                    undefinedGlobals.add(s);
                }
            } else if ((s.other() & 3) == STV_DEFAULT || (s.other() & 3) == 3 /* protected */) {
                if (!outputs(s, kept)) {
                    throw new Decline("'" + s.name() + "' defined in a dropped section");
                }
                exported.add(s);
            }
        }
        int buckets = Math.max(1, exported.size() / 2 + (exported.size() > 0 ? 1 : 0));
        exported.sort(Comparator.comparingLong(s -> Integer.toUnsignedLong(gnuHash(s.name())) % buckets));
        var dynsyms = new ArrayList<Symbol>();
        dynsyms.addAll(undefinedGlobals);
        dynsyms.addAll(exported);
        for (int i = 0; i < dynsyms.size(); i++) {
            dynamic.put(dynsyms.get(i).index(), i + 1);
        }

        // versions of the references the C library defines
        var versionIndex = new TreeMap<String, Integer>();
        boolean needsLibc = true; // as in ld's output, where crtbeginS.o refers to __cxa_finalize
        for (var s : undefinedGlobals) {
            var version = inputs.libc().versions().get(s.name());
            if (version != null) {
                needsLibc = true;
                if (!version.isEmpty()) {
                    versionIndex.putIfAbsent(version, 0);
                }
            }
        }
        int next = 2;
        for (var e : versionIndex.entrySet()) {
            e.setValue(next++);
        }

        var dynstr = new Strings();
        dynstr.add("");
        int libcName = needsLibc ? dynstr.add(inputs.libc().soname()) : 0;
        int sonameAt = dynstr.add(soname);
        var versionNameAt = new HashMap<String, Integer>();
        versionIndex.keySet().forEach(v -> versionNameAt.put(v, dynstr.add(v)));
        var dynNameAt = new int[dynsyms.size()];
        for (int i = 0; i < dynsyms.size(); i++) {
            dynNameAt[i] = dynstr.add(dynsyms.get(i).name());
        }

        // ---- layout
        var outs = new ArrayList<Out>();
        var buildId = new Out(".note.gnu.build-id", SHT_NOTE, SHF_ALLOC, 4, 0, 16 + BUILD_ID_SIZE, null);
        int bloomWords = 1;
        var gnuHash = new Out(".gnu.hash", SHT_GNU_HASH, SHF_ALLOC, 8, 0,
                16 + 8L * bloomWords + 4L * buckets + 4L * exported.size(), null);
        var dynsym = new Out(".dynsym", SHT_DYNSYM, SHF_ALLOC, 8, SYM, (long) SYM * (dynsyms.size() + 1), null);
        var dynstrOut = new Out(".dynstr", SHT_STRTAB, SHF_ALLOC, 1, 0, dynstr.size(), null);
        var versym = new Out(".gnu.version", SHT_GNU_VERSYM, SHF_ALLOC, 2, 2, 2L * (dynsyms.size() + 1), null);
        var verneed = new Out(".gnu.version_r", SHT_GNU_VERNEED, SHF_ALLOC, 8, 0,
                versionIndex.isEmpty() ? 0 : 16 + 16L * versionIndex.size(), null);
        int relaCount = relative + symbolic;
        var relaDyn = new Out(".rela.dyn", SHT_RELA, SHF_ALLOC, 8, RELA, (long) RELA * relaCount, null);
        var headerOuts = new ArrayList<>(List.of(buildId, gnuHash, dynsym, dynstrOut));
        if (!versionIndex.isEmpty()) {
            // only with version needs: glibc indexes its (absent) version table through DT_VERSYM otherwise
            headerOuts.add(versym);
            headerOuts.add(verneed);
        }
        if (relaCount > 0) {
            headerOuts.add(relaDyn);
        }
        var pltOut = new Out(".plt.got", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 8, 8, 8L * plt.size(), null);
        var code = new ArrayList<Out>();
        if (!plt.isEmpty()) {
            code.add(pltOut);
        }
        var readOnly = new ArrayList<Out>();
        var relro = new ArrayList<Out>();
        var data = new ArrayList<Out>();
        var bss = new ArrayList<Out>();
        var unloaded = new ArrayList<Out>();
        Out ehFrame = null;
        var inits = new ArrayList<Out>();
        var finis = new ArrayList<Out>();
        for (var s : kept) {
            var out = new Out(s.name(), s.type(), s.flags(), s.align(), s.entsize(), s.size(), s);
            outOf.put(s.index(), out);
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
                    out.size += 4; // the terminator crtendS.o would add
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
        if (inits.size() > 1 || finis.size() > 1) {
            throw new Decline("several constructor sections");
        }
        Out ehFrameHdr = null;
        if (ehFrame != null) {
            ehFrameHdr = new Out(".eh_frame_hdr", SHT_PROGBITS, SHF_ALLOC, 4, 0, 0, null);
            readOnly.add(ehFrameHdr);
            readOnly.add(ehFrame);
        }
        var dynamicOut = new Out(".dynamic", SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, 8, 16, 0, null);
        var gotOut = new Out(".got", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8, 8, 8L * got.size(), null);
        var writable = new ArrayList<Out>();
        writable.addAll(inits);
        writable.addAll(finis);
        writable.addAll(relro);
        writable.add(dynamicOut);
        if (!got.isEmpty()) {
            writable.add(gotOut);
        }
        int relroCount = writable.size();
        writable.addAll(data);
        writable.addAll(bss);

        // .dynamic entries
        var dynEntries = new ArrayList<long[]>();
        if (needsLibc) {
            dynEntries.add(new long[] {DT_NEEDED, libcName});
        }
        dynEntries.add(new long[] {DT_SONAME, sonameAt});
        int initAt = -1;
        int finiAt = -1;
        if (!inits.isEmpty()) {
            initAt = dynEntries.size();
            dynEntries.add(new long[] {DT_INIT_ARRAY, 0});
            dynEntries.add(new long[] {DT_INIT_ARRAYSZ, inits.get(0).size});
        }
        if (!finis.isEmpty()) {
            finiAt = dynEntries.size();
            dynEntries.add(new long[] {DT_FINI_ARRAY, 0});
            dynEntries.add(new long[] {DT_FINI_ARRAYSZ, finis.get(0).size});
        }
        int tablesAt = dynEntries.size();
        dynEntries.add(new long[] {DT_GNU_HASH, 0});
        dynEntries.add(new long[] {DT_STRTAB, 0});
        dynEntries.add(new long[] {DT_SYMTAB, 0});
        dynEntries.add(new long[] {DT_STRSZ, dynstr.size()});
        dynEntries.add(new long[] {DT_SYMENT, SYM});
        int relaAt = -1;
        if (relaCount > 0) {
            relaAt = dynEntries.size();
            dynEntries.add(new long[] {DT_RELA, 0});
            dynEntries.add(new long[] {DT_RELASZ, (long) RELA * relaCount});
            dynEntries.add(new long[] {DT_RELAENT, RELA});
            if (relative > 0) {
                dynEntries.add(new long[] {DT_RELACOUNT, relative});
            }
        }
        int versymAt = -1;
        int verneedAt = -1;
        if (!versionIndex.isEmpty()) {
            versymAt = dynEntries.size();
            dynEntries.add(new long[] {DT_VERSYM, 0});
            verneedAt = dynEntries.size();
            dynEntries.add(new long[] {DT_VERNEED, 0});
            dynEntries.add(new long[] {DT_VERNEEDNUM, 1});
        }
        dynEntries.add(new long[] {DT_NULL, 0});
        dynamicOut.size = 16L * dynEntries.size();

        // program headers: 4 loads, dynamic, note, eh_frame, stack, relro
        int phnum = 6 + (code.isEmpty() ? 0 : 1) + (readOnly.isEmpty() ? 0 : 1) + (ehFrameHdr != null ? 1 : 0);
        long cursor = EHDR + (long) PHDR * phnum;
        for (var o : headerOuts) {
            cursor = place(o, cursor);
        }
        long headerEnd = cursor;
        cursor = code.isEmpty() ? cursor : align(cursor, PAGE);
        long codeStart = cursor;
        for (var o : code) {
            cursor = place(o, cursor);
        }
        long codeEnd = cursor;
        cursor = readOnly.isEmpty() ? cursor : align(cursor, PAGE);
        long roStart = cursor;
        if (ehFrameHdr != null) {
            ehFrameHdr.size = 12 + 8L * countFdes(ehFrame.input);
        }
        for (var o : readOnly) {
            cursor = place(o, cursor);
        }
        long roEnd = cursor;
        cursor = align(cursor, PAGE);
        long rwStart = cursor;
        long relroEnd = rwStart;
        long fileEnd = rwStart;
        for (int i = 0; i < writable.size(); i++) {
            var o = writable.get(i);
            cursor = place(o, cursor);
            if (i == relroCount - 1) {
                relroEnd = cursor;
            }
            if (o.type != SHT_NOBITS) {
                fileEnd = cursor;
            }
        }
        long rwEnd = cursor;
        // the file holds no bytes for .bss: later sections start after the last with contents
        long fileCursor = fileEnd;
        for (var o : unloaded) {
            o.address = 0;
            fileCursor = align(fileCursor, o.align);
            o.offset = fileCursor;
            fileCursor += o.size;
        }
        // a .bss section's offset is where it would be: ld puts it at the file end of the segment
        for (var o : bss) {
            o.offset = fileEnd;
        }

        // .symtab and .strtab
        var strtab = new Strings();
        strtab.add("");
        var locals = new ArrayList<Symbol>();
        var globals = new ArrayList<Symbol>();
        for (var s : symbols) {
            if (s.index() == 0 || s.type() == STT_SECTION) {
                continue;
            }
            if (s.shndx() != SHN_UNDEF && s.shndx() != SHN_ABS && !outputs(s, kept)) {
                continue; // in a dropped section
            }
            if (!s.global() || (s.other() & 3) == 1 || (s.other() & 3) == 2) {
                if (s.global() && s.undefined()) {
                    continue;
                }
                locals.add(s);
            } else if (!(s.undefined() && s.name().equals("_GLOBAL_OFFSET_TABLE_"))) {
                globals.add(s);
            }
        }

        // section headers
        var shstrtab = new Strings();
        shstrtab.add("");
        var allOuts = new ArrayList<Out>();
        allOuts.addAll(headerOuts);
        allOuts.addAll(code);
        allOuts.addAll(readOnly);
        allOuts.addAll(writable);
        allOuts.addAll(unloaded);
        var symtabOut = new Out(".symtab", SHT_SYMTAB, 0, 8, SYM, (long) SYM * (1 + locals.size() + globals.size()), null);
        var strtabOut = new Out(".strtab", SHT_STRTAB, 0, 1, 0, 0, null);
        var shstrtabOut = new Out(".shstrtab", SHT_STRTAB, 0, 1, 0, 0, null);
        allOuts.add(symtabOut);
        allOuts.add(strtabOut);
        allOuts.add(shstrtabOut);
        for (int i = 0; i < allOuts.size(); i++) {
            allOuts.get(i).index = i + 1;
        }
        var symNameAt = new HashMap<Integer, Integer>();
        for (var s : locals) {
            symNameAt.put(s.index(), s.name().isEmpty() ? 0 : strtab.add(s.name()));
        }
        for (var s : globals) {
            var version = s.undefined() ? inputs.libc().versions().get(s.name()) : null;
            symNameAt.put(s.index(), strtab.add(version == null || version.isEmpty() ? s.name() : s.name() + "@" + version));
        }
        strtabOut.size = strtab.size();
        var sectionNameAt = new HashMap<Out, Integer>();
        for (var o : allOuts) {
            sectionNameAt.put(o, shstrtab.add(o.name));
        }
        shstrtabOut.size = shstrtab.size();
        fileCursor = place(symtabOut, align(fileCursor, 8));
        fileCursor = place(strtabOut, fileCursor);
        fileCursor = place(shstrtabOut, fileCursor);
        for (var o : List.of(symtabOut, strtabOut, shstrtabOut)) {
            o.address = 0;
        }
        long shoff = align(fileCursor, 8);
        long total = shoff + (long) SHDR * (allOuts.size() + 1);
        var out = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);

        // ---- contents of kept sections, relocated
        for (var o : allOuts) {
            if (o.input != null && o.type != SHT_NOBITS) {
                out.put(Math.toIntExact(o.offset), object, Math.toIntExact(o.input.offset()), Math.toIntExact(o.input.size()));
            }
        }
        var relaEntries = new ArrayList<long[]>(); // offset, info, addend; RELATIVE first
        var symbolicEntries = new ArrayList<long[]>();
        for (var r : relocations) {
            if (r.type() == R_NONE) {
                continue;
            }
            var s = symbols.get(r.symbol());
            var target = outOf.get(r.target().index());
            long p = target.address + r.offset();
            int at = Math.toIntExact(target.offset + r.offset());
            if (!target.alloc()) {
                long value = address(s) + r.addend();
                if (r.type() == R_32) {
                    if (value < 0 || value > 0xffffffffL) {
                        throw new Decline("32-bit relocation overflow in " + target.name);
                    }
                    out.putInt(at, (int) value);
                } else {
                    out.putLong(at, value);
                }
                continue;
            }
            switch (r.type()) {
                case R_64 -> {
                    if (s.preemptible()) {
                        symbolicEntries.add(new long[] {p, ((long) dynamic.get(s.index()) << 32) | R_64, r.addend()});
                        out.putLong(at, 0);
                    } else {
                        long value = address(s) + r.addend();
                        relaEntries.add(new long[] {p, R_RELATIVE, value});
                        out.putLong(at, value);
                    }
                }
                case R_PC32 -> putPc32(out, at, address(s) + r.addend() - p);
                case R_PC64 -> out.putLong(at, address(s) + r.addend() - p);
                case R_PLT32 -> {
                    long target32 = s.preemptible() ? pltOut.address + 8L * plt.get(s.index()) : address(s);
                    putPc32(out, at, target32 + r.addend() - p);
                }
                case R_GOTPCREL, R_GOTPCRELX, R_REX_GOTPCRELX ->
                        putPc32(out, at, gotOut.address + 8L * got.get(s.index()) + r.addend() - p);
                default -> throw new Decline("relocation type " + r.type());
            }
        }
        for (var e : got.entrySet()) {
            var s = symbols.get(e.getKey());
            long slot = gotOut.address + 8L * e.getValue();
            int at = Math.toIntExact(gotOut.offset + 8L * e.getValue());
            if (s.preemptible()) {
                symbolicEntries.add(new long[] {slot, ((long) dynamic.get(s.index()) << 32) | R_GLOB_DAT, 0});
                out.putLong(at, 0);
            } else {
                relaEntries.add(new long[] {slot, R_RELATIVE, address(s)});
                out.putLong(at, address(s));
            }
        }
        relaEntries.sort(Comparator.comparingLong(e -> e[0]));
        symbolicEntries.sort(Comparator.comparingLong(e -> e[0]));
        relaEntries.addAll(symbolicEntries);
        if (relaEntries.size() != relaCount) {
            throw new IllegalStateException("relocation count " + relaEntries.size() + " != " + relaCount);
        }
        for (int i = 0; i < relaEntries.size(); i++) {
            var e = relaEntries.get(i);
            out.position(Math.toIntExact(relaDyn.offset + (long) RELA * i));
            out.putLong(e[0]).putLong(e[1]).putLong(e[2]);
        }
        // .plt.got: jmp *slot(%rip); xchg %ax,%ax
        for (var e : plt.entrySet()) {
            long entry = pltOut.address + 8L * e.getValue();
            long slot = gotOut.address + 8L * got.get(e.getKey());
            int at = Math.toIntExact(pltOut.offset + 8L * e.getValue());
            out.put(at, (byte) 0xff).put(at + 1, (byte) 0x25);
            putPc32(out, at + 2, slot - (entry + 6));
            out.put(at + 6, (byte) 0x66).put(at + 7, (byte) 0x90);
        }
        if (ehFrame != null) {
            out.putInt(Math.toIntExact(ehFrame.offset + ehFrame.size - 4), 0);
            ehFrameHeader(out, ehFrameHdr, ehFrame);
        }

        // .dynsym, .dynstr, .gnu.version, .gnu.version_r, .gnu.hash
        for (int i = 0; i < dynsyms.size(); i++) {
            var s = dynsyms.get(i);
            out.position(Math.toIntExact(dynsym.offset + (long) SYM * (i + 1)));
            int shndx = s.undefined() ? SHN_UNDEF : outOf.get(s.shndx()).index;
            out.putInt(dynNameAt[i]).put((byte) ((s.bind() << 4) | referenceType(s))).put((byte) s.other())
                    .putShort((short) shndx).putLong(s.undefined() ? 0 : address(s)).putLong(s.undefined() ? 0 : s.size());
        }
        out.position(Math.toIntExact(dynstrOut.offset)).put(dynstr.bytes());
        for (int i = 0; i < dynsyms.size() && !versionIndex.isEmpty(); i++) {
            var s = dynsyms.get(i);
            int v = 1;
            if (s.undefined()) {
                var version = inputs.libc().versions().get(s.name());
                v = version == null || version.isEmpty() ? 1 : versionIndex.get(version);
            }
            out.putShort(Math.toIntExact(versym.offset + 2L * (i + 1)), (short) v);
        }
        if (!versionIndex.isEmpty()) {
            out.position(Math.toIntExact(verneed.offset));
            out.putShort((short) 1).putShort((short) versionIndex.size()).putInt(libcName).putInt(16).putInt(0);
            int n = 0;
            for (var e : versionIndex.entrySet()) {
                n++;
                out.putInt(elfHash(e.getKey())).putShort((short) 0).putShort((short) (int) e.getValue())
                        .putInt(versionNameAt.get(e.getKey())).putInt(n == versionIndex.size() ? 0 : 16);
            }
        }
        writeGnuHash(out, gnuHash, buckets, bloomWords, exported, 1 + undefinedGlobals.size());

        // .dynamic
        long[] addresses = {gnuHash.address, dynstrOut.address, dynsym.address};
        for (int i = 0; i < 3; i++) {
            dynEntries.get(tablesAt + i)[1] = addresses[i];
        }
        if (initAt >= 0) {
            dynEntries.get(initAt)[1] = inits.get(0).address;
        }
        if (finiAt >= 0) {
            dynEntries.get(finiAt)[1] = finis.get(0).address;
        }
        if (relaAt >= 0) {
            dynEntries.get(relaAt)[1] = relaDyn.address;
        }
        if (verneedAt >= 0) {
            dynEntries.get(versymAt)[1] = versym.address;
            dynEntries.get(verneedAt)[1] = verneed.address;
        }
        out.position(Math.toIntExact(dynamicOut.offset));
        for (var e : dynEntries) {
            out.putLong(e[0]).putLong(e[1]);
        }

        // .symtab: locals, then globals
        out.position(Math.toIntExact(symtabOut.offset + SYM));
        for (var s : locals) {
            int bind = STB_LOCAL;
            putSymbol(out, symNameAt.get(s.index()), bind, s, outIndex(s));
        }
        for (var s : globals) {
            putSymbol(out, symNameAt.get(s.index()), s.bind(), s, outIndex(s));
        }
        out.position(Math.toIntExact(strtabOut.offset)).put(strtab.bytes());
        out.position(Math.toIntExact(shstrtabOut.offset)).put(shstrtab.bytes());

        // section headers
        dynsym.link = dynstrOut.index;
        dynsym.info = 1; // one local symbol: the null one
        gnuHash.link = dynsym.index;
        versym.link = dynsym.index;
        verneed.link = dynstrOut.index;
        verneed.info = 1;
        relaDyn.link = dynsym.index;
        dynamicOut.link = dynstrOut.index;
        symtabOut.link = strtabOut.index;
        symtabOut.info = 1 + locals.size();
        out.position(Math.toIntExact(shoff + SHDR));
        for (var o : allOuts) {
            out.putInt(sectionNameAt.get(o)).putInt(o.type).putLong(o.flags).putLong(o.address).putLong(o.offset)
                    .putLong(o.size).putInt(o.link).putInt(o.info).putLong(o.align).putLong(o.entsize);
        }

        // ELF header and program headers
        out.position(0);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) 3).putShort((short) EM_X86_64).putInt(1).putLong(0).putLong(EHDR).putLong(shoff)
                .putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) phnum)
                .putShort((short) SHDR).putShort((short) (allOuts.size() + 1)).putShort((short) shstrtabOut.index);
        out.position(EHDR);
        segment(out, PT_LOAD, PF_R, 0, 0, headerEnd, headerEnd, PAGE);
        if (!code.isEmpty()) {
            segment(out, PT_LOAD, PF_R | PF_X, codeStart, codeStart, codeEnd - codeStart, codeEnd - codeStart, PAGE);
        }
        if (!readOnly.isEmpty()) {
            segment(out, PT_LOAD, PF_R, roStart, roStart, roEnd - roStart, roEnd - roStart, PAGE);
        }
        segment(out, PT_LOAD, PF_R | PF_W, rwStart, rwStart, fileEnd - rwStart, rwEnd - rwStart, PAGE);
        segment(out, PT_DYNAMIC, PF_R | PF_W, dynamicOut.offset, dynamicOut.address, dynamicOut.size, dynamicOut.size, 8);
        segment(out, PT_NOTE, PF_R, buildId.offset, buildId.address, buildId.size, buildId.size, 4);
        if (ehFrameHdr != null) {
            segment(out, PT_GNU_EH_FRAME, PF_R, ehFrameHdr.offset, ehFrameHdr.address, ehFrameHdr.size,
                    ehFrameHdr.size, 4);
        }
        segment(out, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
        segment(out, PT_GNU_RELRO, PF_R, rwStart, rwStart, relroEnd - rwStart, relroEnd - rwStart, 1);

        // the build id: a digest of everything else, as ld --build-id=sha1 does
        out.position(Math.toIntExact(buildId.offset));
        out.putInt(4).putInt(BUILD_ID_SIZE).putInt(3).put("GNU\0".getBytes(StandardCharsets.US_ASCII));
        byte[] image = out.array();
        System.arraycopy(sha1(image), 0, image, Math.toIntExact(buildId.offset + 16), BUILD_ID_SIZE);
        return image;
    }

    private boolean outputs(Symbol s, List<Section> kept) {
        return s.shndx() == SHN_ABS || s.shndx() == SHN_UNDEF || outOf.containsKey(s.shndx())
                || kept.stream().anyMatch(k -> k.index() == s.shndx());
    }

    private int outIndex(Symbol s) {
        if (s.shndx() == SHN_UNDEF || s.shndx() == SHN_ABS) {
            return s.shndx();
        }
        return outOf.get(s.shndx()).index;
    }

    private long address(Symbol s) {
        if (s.shndx() == SHN_ABS) {
            return s.value();
        }
        var o = outOf.get(s.shndx());
        if (o == null) {
            throw new Decline("'" + s.name() + "' is in no output section");
        }
        return o.address + s.value();
    }

    /** An undefined reference takes its type from the C library's definition, as ld does. */
    private int referenceType(Symbol s) {
        if (s.undefined() && s.type() == STT_NOTYPE) {
            int type = inputs.libc().types().getOrDefault(s.name(), STT_NOTYPE);
            return type == STT_GNU_IFUNC ? STT_FUNC : type;
        }
        return s.type();
    }

    private void putSymbol(ByteBuffer out, int name, int bind, Symbol s, int shndx) {
        long value = s.undefined() ? 0 : s.type() == STT_FILE ? 0 : address(s);
        out.putInt(name).put((byte) ((bind << 4) | referenceType(s))).put((byte) s.other()).putShort((short) shndx)
                .putLong(value).putLong(s.size());
    }

    private static void putPc32(ByteBuffer out, int at, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new Decline("PC-relative relocation overflow");
        }
        out.putInt(at, (int) value);
    }

    private static long place(Out o, long cursor) {
        long at = align(cursor, o.align);
        o.offset = at;
        o.address = o.alloc() ? at : 0;
        return at + o.size;
    }

    private static void segment(ByteBuffer out, int type, int flags, long offset, long address, long fileSize,
                                long memSize, long align) {
        out.putInt(type).putInt(flags).putLong(offset).putLong(address).putLong(address).putLong(fileSize)
                .putLong(memSize).putLong(align);
    }

    // ---------------------------------------------------------------- .eh_frame_hdr

    /** The FDEs in an .eh_frame section (CIEs and the terminator skipped). */
    private int countFdes(Section ehFrame) {
        int count = 0;
        long at = ehFrame.offset();
        long end = ehFrame.offset() + ehFrame.size();
        while (at + 4 <= end) {
            long length = Integer.toUnsignedLong(in.getInt(Math.toIntExact(at)));
            if (length == 0) {
                break;
            }
            if (length == 0xffffffffL) {
                throw new Decline("64-bit .eh_frame record");
            }
            if (in.getInt(Math.toIntExact(at + 4)) != 0) {
                count++;
            }
            at += 4 + length;
        }
        return count;
    }

    /** Writes .eh_frame_hdr for the relocated .eh_frame in {@code out}: the sorted table the unwinder searches. */
    private void ehFrameHeader(ByteBuffer out, Out hdr, Out frame) {
        var entries = new ArrayList<long[]>(); // initial location, FDE address
        var encodings = new HashMap<Long, Integer>(); // CIE address -> FDE pointer encoding
        long at = frame.offset;
        long end = frame.offset + frame.size - 4;
        while (at + 4 <= end) {
            long length = Integer.toUnsignedLong(out.getInt(Math.toIntExact(at)));
            if (length == 0) {
                break;
            }
            long idAt = at + 4;
            int id = out.getInt(Math.toIntExact(idAt));
            if (id == 0) {
                encodings.put(at, cieEncoding(out, idAt + 4, at + 4 + length));
            } else {
                long cie = idAt - Integer.toUnsignedLong(id);
                var encoding = encodings.get(cie);
                if (encoding == null) {
                    throw new Decline(".eh_frame FDE without a known CIE");
                }
                if (encoding != 0x1b) { // DW_EH_PE_pcrel | DW_EH_PE_sdata4: what gcc emits with -fPIC
                    throw new Decline(".eh_frame pointer encoding 0x" + Integer.toHexString(encoding));
                }
                long field = idAt + 4;
                long location = frame.address + (field - frame.offset) + out.getInt(Math.toIntExact(field));
                entries.add(new long[] {location, frame.address + (at - frame.offset)});
            }
            at += 4 + length;
        }
        entries.sort(Comparator.comparingLong(e -> e[0]));
        out.position(Math.toIntExact(hdr.offset));
        out.put((byte) 1).put((byte) 0x1b).put((byte) 0x03).put((byte) 0x3b);
        out.putInt(Math.toIntExact(frame.address - (hdr.address + 4)));
        out.putInt(entries.size());
        for (var e : entries) {
            out.putInt(Math.toIntExact(e[0] - hdr.address)).putInt(Math.toIntExact(e[1] - hdr.address));
        }
        if (8L * entries.size() + 12 != hdr.size) {
            throw new IllegalStateException(".eh_frame_hdr size");
        }
    }

    /** The FDE pointer encoding a CIE declares (its augmentation's 'R'); 0 (absptr) without one. */
    private static int cieEncoding(ByteBuffer out, long at, long end) {
        int version = out.get(Math.toIntExact(at)) & 0xff;
        long p = at + 1;
        var augmentation = new StringBuilder();
        while (out.get(Math.toIntExact(p)) != 0) {
            augmentation.append((char) out.get(Math.toIntExact(p++)));
        }
        p++;
        var aug = augmentation.toString();
        if (!aug.startsWith("z")) {
            throw new Decline(".eh_frame CIE augmentation '" + aug + "'");
        }
        long[] cursor = {p};
        uleb(out, cursor); // code alignment
        sleb(out, cursor); // data alignment
        if (version == 1) {
            cursor[0]++;
        } else {
            uleb(out, cursor);
        }
        uleb(out, cursor); // augmentation data length
        for (int i = 1; i < aug.length(); i++) {
            switch (aug.charAt(i)) {
                case 'R' -> {
                    return out.get(Math.toIntExact(cursor[0])) & 0xff;
                }
                case 'L' -> cursor[0]++;
                case 'P' -> throw new Decline(".eh_frame personality routine");
                case 'S' -> { }
                default -> throw new Decline(".eh_frame CIE augmentation '" + aug + "'");
            }
        }
        if (cursor[0] > end) {
            throw new Decline("malformed .eh_frame CIE");
        }
        return 0;
    }

    private static long uleb(ByteBuffer out, long[] cursor) {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = out.get(Math.toIntExact(cursor[0]++)) & 0xff;
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    private static long sleb(ByteBuffer out, long[] cursor) {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = out.get(Math.toIntExact(cursor[0]++)) & 0xff;
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    // ---------------------------------------------------------------- hash tables

    private static void writeGnuHash(ByteBuffer out, Out section, int buckets, int bloomWords, List<Symbol> exported,
                                     int symbolOffset) {
        int shift = 6;
        long[] bloom = new long[bloomWords];
        int[] bucket = new int[buckets];
        int[] chain = new int[exported.size()];
        for (int i = 0; i < exported.size(); i++) {
            int h = gnuHash(exported.get(i).name());
            long hu = Integer.toUnsignedLong(h);
            int word = (int) ((hu / 64) % bloomWords);
            bloom[word] |= 1L << (hu % 64);
            bloom[word] |= 1L << ((hu >>> shift) % 64);
            int b = (int) (hu % buckets);
            if (bucket[b] == 0) {
                bucket[b] = symbolOffset + i;
            }
            boolean last = i == exported.size() - 1
                    || Integer.toUnsignedLong(gnuHash(exported.get(i + 1).name())) % buckets != b;
            chain[i] = last ? (h | 1) : (h & ~1);
        }
        out.position(Math.toIntExact(section.offset));
        out.putInt(buckets).putInt(symbolOffset).putInt(bloomWords).putInt(shift);
        for (long w : bloom) {
            out.putLong(w);
        }
        for (int b : bucket) {
            out.putInt(b);
        }
        for (int c : chain) {
            out.putInt(c);
        }
    }

    static int gnuHash(String name) {
        int h = 5381;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = h * 33 + (b & 0xff);
        }
        return h;
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

    // ---------------------------------------------------------------- helpers

    private String string(long at) {
        int start = Math.toIntExact(at);
        int end = start;
        while (object[end] != 0) {
            end++;
        }
        return new String(object, start, end - start, StandardCharsets.UTF_8);
    }

    private static long align(long value, long to) {
        return (value + to - 1) / to * to;
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string table: NUL-separated names, each added once. */
    private static final class Strings {
        private final Map<String, Integer> offsets = new HashMap<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        int add(String name) {
            var known = offsets.get(name);
            if (known != null) {
                return known;
            }
            int at = bytes.size();
            var raw = name.getBytes(StandardCharsets.UTF_8);
            bytes.write(raw, 0, raw.length);
            bytes.write(0);
            offsets.put(name, at);
            return at;
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}

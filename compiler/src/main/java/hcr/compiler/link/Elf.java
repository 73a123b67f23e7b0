package hcr.compiler.link;

/**
 * The ELF numbers the in-process module link reads and writes ({@link ModuleImage}): entry
 * sizes, section and segment types and flags, symbol bindings, x86-64 relocation types and
 * dynamic tags. Kept in one place so the classes of the link share one spelling of each.
 */
final class Elf {
    static final int PAGE = 0x1000;
    static final int EHDR = 64;
    static final int PHDR = 56;
    static final int SHDR = 64;
    static final int SYM = 24;
    static final int RELA = 24;

    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_RELA = 4;
    static final int SHT_DYNAMIC = 6;
    static final int SHT_NOTE = 7;
    static final int SHT_NOBITS = 8;
    static final int SHT_DYNSYM = 11;
    static final int SHT_INIT_ARRAY = 14;
    static final int SHT_FINI_ARRAY = 15;
    static final int SHT_GNU_HASH = 0x6ffffff6;
    static final int SHT_GNU_VERNEED = 0x6ffffffe;
    static final int SHT_GNU_VERSYM = 0x6fffffff;
    static final int SHT_X86_64_UNWIND = 0x70000001;

    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;
    static final long SHF_MERGE = 0x10;
    static final long SHF_STRINGS = 0x20;
    static final long SHF_INFO_LINK = 0x40;
    static final long SHF_GNU_RETAIN = 0x200000;
    /** Flags a kept section may carry; any other (LINK_ORDER, GROUP, TLS, COMPRESSED, EXCLUDE...) is declined. */
    static final long SHF_KNOWN = SHF_WRITE | SHF_ALLOC | SHF_EXECINSTR | SHF_MERGE | SHF_STRINGS
            | SHF_INFO_LINK | SHF_GNU_RETAIN;

    static final int SHN_UNDEF = 0;
    static final int SHN_LORESERVE = 0xff00;
    static final int SHN_ABS = 0xfff1;

    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STB_WEAK = 2;
    static final int STT_NOTYPE = 0;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int STT_SECTION = 3;
    static final int STT_FILE = 4;
    static final int STT_GNU_IFUNC = 10;
    static final int STV_DEFAULT = 0;

    static final int R_NONE = 0;
    static final int R_64 = 1;
    static final int R_PC32 = 2;
    static final int R_PLT32 = 4;
    static final int R_GLOB_DAT = 6;
    static final int R_RELATIVE = 8;
    static final int R_GOTPCREL = 9;
    static final int R_32 = 10;
    static final int R_PC64 = 24;
    static final int R_GOTPCRELX = 41;
    static final int R_REX_GOTPCRELX = 42;

    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_NOTE = 4;
    static final int PT_GNU_EH_FRAME = 0x6474e550;
    static final int PT_GNU_STACK = 0x6474e551;
    static final int PT_GNU_RELRO = 0x6474e552;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;

    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_STRTAB = 5;
    static final long DT_SYMTAB = 6;
    static final long DT_RELA = 7;
    static final long DT_RELASZ = 8;
    static final long DT_RELAENT = 9;
    static final long DT_STRSZ = 10;
    static final long DT_SYMENT = 11;
    static final long DT_SONAME = 14;
    static final long DT_INIT_ARRAY = 25;
    static final long DT_FINI_ARRAY = 26;
    static final long DT_INIT_ARRAYSZ = 27;
    static final long DT_FINI_ARRAYSZ = 28;
    static final long DT_FLAGS = 30;
    static final long DF_BIND_NOW = 0x8;
    static final long DT_FLAGS_1 = 0x6ffffffbL;
    static final long DF_1_NOW = 0x1;
    static final long DT_GNU_HASH = 0x6ffffef5L;
    static final long DT_VERSYM = 0x6ffffff0L;
    static final long DT_RELACOUNT = 0x6ffffff9L;
    static final long DT_VERNEED = 0x6ffffffeL;
    static final long DT_VERNEEDNUM = 0x6fffffffL;

    static final int EM_X86_64 = 62;
    static final int BUILD_ID_SIZE = 20;

    private Elf() {
    }
}

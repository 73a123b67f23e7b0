package hcr.compiler.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a group library: an ELF64 little-endian shared object that defines nothing and
 * only names other libraries, the same file {@code ld -shared -soname S --no-as-needed -rpath
 * '$ORIGIN' --enable-new-dtags -l:...} makes, without running ld.
 *
 * <p>Layout: the ELF header, three program headers, then {@code .hash}, {@code .gnu.hash},
 * {@code .dynsym} (the null symbol only), {@code .dynstr} and {@code .dynamic}, all in one
 * read-write {@code PT_LOAD} at address 0 (writable because glibc before 2.35 relocates the
 * {@code .dynamic} entries in place), then {@code .shstrtab} and the section headers, which
 * the loader does not need but readelf, objdump and jelf read. Both hash tables have one
 * empty bucket (and a zero bloom filter), so a symbol lookup that passes through the group
 * in the global scope finds nothing at once. {@code PT_GNU_STACK} without execute permission
 * keeps the loader from making the stack executable.
 */
final class GroupImage {
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int DYN_SIZE = 16;
    private static final int HASH_SIZE = 4 * 4;
    private static final int GNU_HASH_SIZE = 4 * 4 + 8 + 4;

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_GNU_STACK = 0x6474e551;
    private static final int PF_W = 2;
    private static final int PF_R = 4;

    private static final int SHT_STRTAB = 3;
    private static final int SHT_HASH = 5;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_GNU_HASH = 0x6ffffff6;
    private static final int SHF_WRITE = 1;
    private static final int SHF_ALLOC = 2;

    static final long DT_NULL = 0;
    static final long DT_NEEDED = 1;
    static final long DT_HASH = 4;
    static final long DT_STRTAB = 5;
    static final long DT_SYMTAB = 6;
    static final long DT_STRSZ = 10;
    static final long DT_SYMENT = 11;
    static final long DT_SONAME = 14;
    static final long DT_RUNPATH = 29;
    static final long DT_GNU_HASH = 0x6ffffef5L;

    private static final String RUNPATH = "$ORIGIN";
    private static final String SECTION_NAMES = "\0.hash\0.gnu.hash\0.dynsym\0.dynstr\0.dynamic\0.shstrtab\0";

    private GroupImage() {
    }

    /** The library with soname {@code soname} needing {@code neededInOrder}, for {@code arch}. */
    static byte[] of(Arch arch, String soname, List<String> neededInOrder) {
        var strings = new DynamicStrings();
        var needed = neededInOrder.stream().mapToInt(strings::offset).toArray();
        int sonameAt = strings.offset(soname);
        int runpathAt = strings.offset(RUNPATH);
        byte[] dynstr = strings.bytes();

        int hash = align(EHDR_SIZE + 3 * PHDR_SIZE, 8);
        int gnuHash = hash + HASH_SIZE;
        int dynsym = align(gnuHash + GNU_HASH_SIZE, 8);
        int dynstrAt = dynsym + SYM_SIZE;
        int dynamic = align(dynstrAt + dynstr.length, 8);
        int dynamicSize = (needed.length + 9) * DYN_SIZE;
        int loadEnd = dynamic + dynamicSize;
        int shstrtab = loadEnd;
        byte[] sectionNames = SECTION_NAMES.getBytes(StandardCharsets.US_ASCII);
        int sections = align(shstrtab + sectionNames.length, 8);
        int sectionCount = 7;
        var out = ByteBuffer.allocate(sections + sectionCount * SHDR_SIZE).order(ByteOrder.LITTLE_ENDIAN);

        header(out, arch, sections, sectionCount);
        out.position(EHDR_SIZE);
        programHeader(out, PT_LOAD, PF_R | PF_W, 0, loadEnd, arch.maxPageSize());
        programHeader(out, PT_DYNAMIC, PF_R | PF_W, dynamic, dynamicSize, 8);
        programHeader(out, PT_GNU_STACK, PF_R | PF_W, 0, 0, 16);

        out.position(hash).putInt(1).putInt(1).putInt(0).putInt(0);   // nbucket, nchain, bucket, chain
        out.position(gnuHash).putInt(1).putInt(1).putInt(1).putInt(0) // nbuckets, symoffset, bloom size, shift
                .putLong(0).putInt(0);                                  // bloom word, bucket
        out.position(dynstrAt).put(dynstr);

        out.position(dynamic);
        for (int at : needed) {
            entry(out, DT_NEEDED, at);
        }
        entry(out, DT_SONAME, sonameAt);
        entry(out, DT_RUNPATH, runpathAt);
        entry(out, DT_HASH, hash);
        entry(out, DT_GNU_HASH, gnuHash);
        entry(out, DT_STRTAB, dynstrAt);
        entry(out, DT_SYMTAB, dynsym);
        entry(out, DT_STRSZ, dynstr.length);
        entry(out, DT_SYMENT, SYM_SIZE);
        entry(out, DT_NULL, 0);
        out.position(shstrtab).put(sectionNames);

        out.position(sections + SHDR_SIZE);
        section(out, name(".hash"), SHT_HASH, SHF_ALLOC, hash, HASH_SIZE, 3, 0, 8, 4);
        section(out, name(".gnu.hash"), SHT_GNU_HASH, SHF_ALLOC, gnuHash, GNU_HASH_SIZE, 3, 0, 8, 0);
        section(out, name(".dynsym"), SHT_DYNSYM, SHF_ALLOC, dynsym, SYM_SIZE, 4, 1, 8, SYM_SIZE);
        section(out, name(".dynstr"), SHT_STRTAB, SHF_ALLOC, dynstrAt, dynstr.length, 0, 0, 1, 0);
        section(out, name(".dynamic"), SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, dynamic, dynamicSize, 4, 0, 8, DYN_SIZE);
        section(out, name(".shstrtab"), SHT_STRTAB, 0, shstrtab, sectionNames.length, 0, 0, 1, 0);
        return out.array();
    }

    private static void header(ByteBuffer out, Arch arch, int sections, int sectionCount) {
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little-endian */, 1 /* version */, 0 /* SysV */});
        out.position(16);
        out.putShort((short) 3);                  // e_type ET_DYN
        out.putShort((short) arch.elfMachine());  // e_machine
        out.putInt(1);                            // e_version
        out.putLong(0);                           // e_entry
        out.putLong(EHDR_SIZE);                   // e_phoff
        out.putLong(sections);                    // e_shoff
        out.putInt(0);                            // e_flags
        out.putShort((short) EHDR_SIZE);
        out.putShort((short) PHDR_SIZE);
        out.putShort((short) 3);                  // e_phnum
        out.putShort((short) SHDR_SIZE);
        out.putShort((short) sectionCount);
        out.putShort((short) (sectionCount - 1)); // e_shstrndx: .shstrtab is last
    }

    private static void programHeader(ByteBuffer out, int type, int flags, long offset, long size, long align) {
        out.putInt(type).putInt(flags).putLong(offset).putLong(offset).putLong(offset).putLong(size).putLong(size)
                .putLong(align);
    }

    private static void section(ByteBuffer out, int name, int type, long flags, long offset, long size, int link,
                                int info, long align, long entrySize) {
        long address = (flags & SHF_ALLOC) != 0 ? offset : 0;
        out.putInt(name).putInt(type).putLong(flags).putLong(address).putLong(offset).putLong(size).putInt(link)
                .putInt(info).putLong(align).putLong(entrySize);
    }

    private static void entry(ByteBuffer out, long tag, long value) {
        out.putLong(tag).putLong(value);
    }

    private static int name(String section) {
        return SECTION_NAMES.indexOf("\0" + section + "\0") + 1;
    }

    private static int align(int value, int to) {
        return (value + to - 1) / to * to;
    }

    /** {@code .dynstr}: a leading NUL, then each distinct name once. */
    private static final class DynamicStrings {
        private final Map<String, Integer> offsets = new LinkedHashMap<>();
        private int size = 1;

        int offset(String name) {
            if (name.isEmpty() || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a library name: '" + name + "'");
            }
            return offsets.computeIfAbsent(name, n -> {
                int at = size;
                size += n.getBytes(StandardCharsets.UTF_8).length + 1;
                return at;
            });
        }

        byte[] bytes() {
            var out = ByteBuffer.allocate(size);
            out.put((byte) 0);
            offsets.keySet().forEach(n -> out.put(n.getBytes(StandardCharsets.UTF_8)).put((byte) 0));
            return out.array();
        }
    }
}

package hcr.compiler.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binds a driver-linked module's constructors and destructors to its own functions.
 *
 * <p>A global function named in {@code .init_array} or {@code .fini_array}
 * ({@code __attribute__((constructor)) void setup(void)}) is, as ld links a shared library, an
 * absolute word the dynamic linker fills in from the symbol: the first definition of
 * {@code hcr.setup} in the process, which is the function's stub. The constructor runs while
 * {@code dlopen} loads the library, before the runtime has bound any stub's slot, so it would
 * trap as a function with no implementation (jq's {@code jv_mem_uninit_setup}). The in-process
 * link binds such words to the module's own function ({@code Relocator}); for a library the
 * driver linked, this rewrites each such relocation of {@code .rela.dyn} in place into a
 * relative one to the function ({@code R_X86_64_64 hcr.setup} → {@code R_X86_64_RELATIVE}),
 * which glibc applies like any other. ELF64 little-endian only (x86-64, aarch64); anything
 * else is left as it is.
 */
public final class StartupBinding {

    private static final int SHT_RELA = 4;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_INIT_ARRAY = 14;
    private static final int SHT_FINI_ARRAY = 15;
    private static final int STT_FUNC = 2;

    private StartupBinding() {
    }

    /** One section header, as far as it matters here. */
    private record Section(int type, long address, long offset, long size, int link, long entrySize) {

        boolean holds(long at) {
            return at >= address && at < address + size;
        }
    }

    /** Rewrites {@code library} in place; returns how many relocations it bound to the library's own functions. */
    public static int apply(Path library) throws IOException {
        var bytes = Files.readAllBytes(library);
        int bound = apply(bytes);
        if (bound > 0) {
            Files.write(library, bytes);
        }
        return bound;
    }

    /** Rewrites the library image {@code bytes}; returns how many relocations it bound. */
    static int apply(byte[] bytes) {
        var elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || elf.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            return 0;
        }
        int absolute;
        int relative;
        switch (elf.getShort(18)) {
            case 62 -> { // x86-64
                absolute = 1;  // R_X86_64_64
                relative = 8;  // R_X86_64_RELATIVE
            }
            case 183 -> { // aarch64
                absolute = 257;   // R_AARCH64_ABS64
                relative = 1027;  // R_AARCH64_RELATIVE
            }
            default -> {
                return 0;
            }
        }
        var sections = sections(elf);
        int bound = 0;
        for (var rela : sections) {
            if (rela.type() != SHT_RELA || rela.link() <= 0 || rela.link() >= sections.length
                    || sections[rela.link()].type() != SHT_DYNSYM) {
                continue;
            }
            var symbols = sections[rela.link()];
            for (long at = rela.offset(); at + 24 <= rela.offset() + rela.size(); at += 24) {
                long where = elf.getLong((int) at);
                long info = elf.getLong((int) at + 8);
                int symbol = (int) (info >>> 32);
                if ((int) info != absolute || symbol == 0 || !inStartupArray(sections, where)) {
                    continue;
                }
                int entry = Math.toIntExact(symbols.offset() + 24L * symbol);
                int type = bytes[entry + 4] & 0xf;
                int shndx = elf.getShort(entry + 6) & 0xffff;
                if (type != STT_FUNC || shndx == 0) {
                    continue; // another module's function, or not a function: the dynamic linker's
                }
                elf.putLong((int) at + 8, relative);
                elf.putLong((int) at + 16, elf.getLong(entry + 8) + elf.getLong((int) at + 16));
                bound++;
            }
        }
        return bound;
    }

    private static boolean inStartupArray(Section[] sections, long address) {
        for (var s : sections) {
            if ((s.type() == SHT_INIT_ARRAY || s.type() == SHT_FINI_ARRAY) && s.holds(address)) {
                return true;
            }
        }
        return false;
    }

    private static Section[] sections(ByteBuffer elf) {
        long table = elf.getLong(40);
        int size = elf.getShort(58) & 0xffff;
        int count = elf.getShort(60) & 0xffff;
        if (table <= 0 || size < 64 || table + (long) size * count > elf.capacity()) {
            return new Section[0];
        }
        var sections = new Section[count];
        for (int i = 0; i < count; i++) {
            int at = Math.toIntExact(table + (long) i * size);
            sections[i] = new Section(elf.getInt(at + 4), elf.getLong(at + 16), elf.getLong(at + 24),
                    elf.getLong(at + 32), elf.getInt(at + 40), elf.getLong(at + 56));
        }
        return sections;
    }
}

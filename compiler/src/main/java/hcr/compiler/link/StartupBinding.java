package hcr.compiler.link;

import static hcr.compiler.link.Elf.EM_X86_64;
import static hcr.compiler.link.Elf.RELA;
import static hcr.compiler.link.Elf.R_64;
import static hcr.compiler.link.Elf.R_RELATIVE;
import static hcr.compiler.link.Elf.SHT_DYNSYM;
import static hcr.compiler.link.Elf.SHT_FINI_ARRAY;
import static hcr.compiler.link.Elf.SHT_INIT_ARRAY;
import static hcr.compiler.link.Elf.SHT_RELA;
import static hcr.compiler.link.Elf.STT_FUNC;
import static hcr.compiler.link.Elf.SYM;

import hcr.compiler.elf.ElfSections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    private static final int EM_AARCH64 = 183;
    private static final int R_AARCH64_ABS64 = 257;
    private static final int R_AARCH64_RELATIVE = 1027;

    private StartupBinding() {
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
        var found = ElfSections.of(bytes);
        if (found.isEmpty()) {
            return 0;
        }
        var elf = found.get();
        int absolute;
        int relative;
        switch (elf.machine()) {
            case EM_X86_64 -> {
                absolute = R_64;
                relative = R_RELATIVE;
            }
            case EM_AARCH64 -> {
                absolute = R_AARCH64_ABS64;
                relative = R_AARCH64_RELATIVE;
            }
            default -> {
                return 0;
            }
        }
        var sections = elf.sections();
        var in = elf.buffer();
        int bound = 0;
        for (var rela : sections) {
            if (rela.type() != SHT_RELA || rela.link() <= 0 || rela.link() >= sections.size()
                    || sections.get(rela.link()).type() != SHT_DYNSYM || !elf.holds(rela)) {
                continue;
            }
            var symbols = sections.get(rela.link());
            for (long at = rela.offset(); at + RELA <= rela.offset() + rela.size(); at += RELA) {
                long where = in.getLong((int) at);
                long info = in.getLong((int) at + 8);
                int symbol = (int) (info >>> 32);
                if ((int) info != absolute || symbol == 0 || !inStartupArray(sections, where)) {
                    continue;
                }
                int entry = Math.toIntExact(symbols.offset() + (long) SYM * symbol);
                int type = bytes[entry + 4] & 0xf;
                int shndx = Short.toUnsignedInt(in.getShort(entry + 6));
                if (type != STT_FUNC || shndx == 0) {
                    continue; // another module's function, or not a function: the dynamic linker's
                }
                in.putLong((int) at + 8, relative);
                in.putLong((int) at + 16, in.getLong(entry + 8) + in.getLong((int) at + 16));
                bound++;
            }
        }
        return bound;
    }

    private static boolean inStartupArray(List<ElfSections.Section> sections, long address) {
        for (var s : sections) {
            if ((s.type() == SHT_INIT_ARRAY || s.type() == SHT_FINI_ARRAY) && address >= s.address()
                    && address < s.address() + s.size()) {
                return true;
            }
        }
        return false;
    }
}

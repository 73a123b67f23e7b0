package hcr.compiler.link;

import static hcr.compiler.link.Elf.SHN_UNDEF;
import static hcr.compiler.link.Elf.SHT_SYMTAB;
import static hcr.compiler.link.Elf.STB_GLOBAL;
import static hcr.compiler.link.Elf.STB_WEAK;
import static hcr.compiler.link.Elf.SYM;

import hcr.compiler.elf.ElfSections;

/**
 * Gives every global and weak symbol an object defines default visibility: in the symbol table
 * of an ELF64 little-endian relocatable object, {@code st_other}'s visibility bits
 * ({@code STV_HIDDEN}, {@code STV_INTERNAL}, {@code STV_PROTECTED}) are cleared.
 *
 * <p>For objects that are not modules and are linked as they are into the library every module
 * shares (assembly: zstd's {@code huf_decompress_amd64.S} marks its entry points {@code .hidden},
 * as the C around it marks its internals): hidden, they would not be exported by that library,
 * and the C modules calling them, each in a library of its own, would not link. The C modules
 * themselves get default visibility in their source ({@code VisibilityRewrite}).
 */
public final class DefaultVisibility {

    private static final int ET_REL = 1;

    private DefaultVisibility() {
    }

    /**
     * Rewrites {@code object} in place; returns how many symbols it made visible, or -1 when it
     * is not an ELF64 little-endian relocatable object (then nothing is changed).
     */
    public static int apply(byte[] object) {
        var elf = ElfSections.of(object).filter(e -> e.type() == ET_REL);
        if (elf.isEmpty()) {
            return -1;
        }
        var in = elf.get().buffer();
        int changed = 0;
        for (var table : elf.get().sections()) {
            if (table.type() != SHT_SYMTAB || !elf.get().holds(table)) {
                continue;
            }
            for (long at = table.offset() + SYM; at + SYM <= table.offset() + table.size(); at += SYM) {
                int i = (int) at;
                int bind = (object[i + 4] & 0xff) >> 4;
                int other = object[i + 5] & 0xff;
                if ((bind == STB_GLOBAL || bind == STB_WEAK) && in.getShort(i + 6) != SHN_UNDEF && (other & 3) != 0) {
                    object[i + 5] = (byte) (other & ~3);
                    changed++;
                }
            }
        }
        return changed;
    }
}

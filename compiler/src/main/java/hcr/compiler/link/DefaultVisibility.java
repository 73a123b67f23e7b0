package hcr.compiler.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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

    private static final int SHT_SYMTAB = 2;
    private static final int SYMBOL_SIZE = 24;

    private DefaultVisibility() {
    }

    /**
     * Rewrites {@code object} in place; returns how many symbols it made visible, or -1 when it
     * is not an ELF64 little-endian relocatable object (then nothing is changed).
     */
    public static int apply(byte[] object) {
        var elf = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
        if (object.length < 64 || elf.getInt(0) != 0x464c457f || object[4] != 2 || object[5] != 1
                || elf.getShort(16) != 1) { // ET_REL
            return -1;
        }
        long table = elf.getLong(40);
        int size = elf.getShort(58) & 0xffff;
        int count = elf.getShort(60) & 0xffff;
        if (size < 64 || table < 0 || table + (long) size * count > object.length) {
            return -1;
        }
        int changed = 0;
        for (int i = 0; i < count; i++) {
            int header = Math.toIntExact(table + (long) i * size);
            if (elf.getInt(header + 4) != SHT_SYMTAB) {
                continue;
            }
            long offset = elf.getLong(header + 24);
            long length = elf.getLong(header + 32);
            for (long at = offset + SYMBOL_SIZE; at + SYMBOL_SIZE <= Math.min(offset + length, object.length);
                 at += SYMBOL_SIZE) {
                int info = object[(int) at + 4] & 0xff;
                int bind = info >> 4;
                int shndx = elf.getShort((int) at + 6) & 0xffff;
                int other = object[(int) at + 5] & 0xff;
                if ((bind == 1 || bind == 2) && shndx != 0 && (other & 3) != 0) {
                    object[(int) at + 5] = (byte) (other & ~3);
                    changed++;
                }
            }
        }
        return changed;
    }
}

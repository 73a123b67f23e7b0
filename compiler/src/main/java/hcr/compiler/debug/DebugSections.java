package hcr.compiler.debug;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Whether two objects carry the same debug info, byte for byte: then no type, global or static
 * can have changed layout between them, and neither needs reading.
 *
 * <p>An edit inside a function body that leaves every function's size and place as they were
 * (a constant, a comparison, a string of the same length) changes the code and nothing of
 * {@code .debug_info}: in an object, the addresses and string offsets it holds are relocations
 * ({@code .rela.debug_info}), and names are in {@code .debug_str}. Those four sections equal,
 * with {@code .debug_abbrev}, mean equal DWARF. Anything else - another size, a moved function,
 * a new line before it - reads both as before. ELF64 little-endian objects only; any other file
 * is not known to be the same.
 */
final class DebugSections {

    private static final List<String> COMPARED = List.of(".debug_info", ".rela.debug_info", ".debug_abbrev",
            ".debug_str");

    private DebugSections() {
    }

    /** True when {@code a} and {@code b} are ELF64 objects whose debug info is the same bytes. */
    static boolean same(Path a, Path b) {
        byte[] first;
        byte[] second;
        try {
            first = Files.readAllBytes(a);
            second = Files.readAllBytes(b);
        } catch (IOException e) {
            return false;
        }
        for (var name : COMPARED) {
            var x = section(first, name);
            var y = section(second, name);
            if (x == null || y == null || !Arrays.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** The contents of section {@code name}; an empty array when absent; null when not an ELF64 LE file. */
    private static byte[] section(byte[] bytes, String name) {
        var elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || elf.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            return null;
        }
        long table = elf.getLong(40);
        int size = elf.getShort(58) & 0xffff;
        int count = elf.getShort(60) & 0xffff;
        int names = elf.getShort(62) & 0xffff;
        if (size < 64 || names >= count || table < 0 || table + (long) size * count > bytes.length) {
            return null;
        }
        long namesAt = elf.getLong(Math.toIntExact(table + (long) names * size) + 24);
        for (int i = 0; i < count; i++) {
            int header = Math.toIntExact(table + (long) i * size);
            long offset = elf.getLong(header + 24);
            long length = elf.getLong(header + 32);
            int type = elf.getInt(header + 4);
            if (nameIs(bytes, namesAt + (elf.getInt(header) & 0xffffffffL), name)) {
                if (type == 8) { // SHT_NOBITS
                    return new byte[0];
                }
                if (offset < 0 || offset + length > bytes.length) {
                    return null;
                }
                return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
            }
        }
        return new byte[0];
    }

    private static boolean nameIs(byte[] bytes, long at, String name) {
        var wanted = name.getBytes(StandardCharsets.US_ASCII);
        if (at < 0 || at + wanted.length >= bytes.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (bytes[(int) at + i] != wanted[i]) {
                return false;
            }
        }
        return bytes[(int) at + wanted.length] == 0;
    }
}

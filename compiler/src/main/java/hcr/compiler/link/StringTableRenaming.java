package hcr.compiler.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renames symbols of an ELF64 little-endian relocatable object in its bytes, as
 * {@code objcopy --redefine-syms} does, without running it: a new string table is appended
 * to the file (a copy of {@code .strtab}, so every existing offset stays valid, followed by
 * the new names), {@code .strtab}'s section header is pointed at it, and the {@code st_name}
 * of every symbol whose name is in the map is pointed at its new name. Relocations, groups and
 * everything else refer to symbols by index and stay as they are; DWARF names its own
 * strings, so it keeps the C names. The old string table is left behind, unreferenced.
 *
 * <p>An object of any other kind (ELF32, big-endian, not relocatable, an unexpected symbol
 * table) is not understood: {@link #apply} returns empty and the caller falls back to
 * objcopy.
 */
final class StringTableRenaming {
    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;
    private static final int ET_REL = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;

    private StringTableRenaming() {
    }

    /** The object with its symbols renamed (old → new), or empty when this is not an object it understands. */
    static Optional<byte[]> apply(byte[] object, Map<String, String> renames) {
        var in = ByteBuffer.wrap(object).order(ByteOrder.LITTLE_ENDIAN);
        if (!understood(in)) {
            return Optional.empty();
        }
        long sectionHeaders = in.getLong(0x28);
        int count = Short.toUnsignedInt(in.getShort(0x3c));
        if (count == 0 && sectionHeaders != 0 && fits(object, sectionHeaders, SHDR_SIZE)) {
            count = (int) Math.min(Integer.MAX_VALUE, in.getLong((int) sectionHeaders + 0x20)); // extended numbering
        }
        if (sectionHeaders == 0 || !fits(object, sectionHeaders, (long) count * SHDR_SIZE)) {
            return Optional.empty();
        }
        Section symtab = null;
        for (int i = 0; i < count; i++) {
            var section = Section.at(in, (int) sectionHeaders + i * SHDR_SIZE);
            if (section.type() == SHT_SYMTAB) {
                if (symtab != null) {
                    return Optional.empty();
                }
                symtab = section;
            }
        }
        if (symtab == null || symtab.entrySize() != SYM_SIZE || symtab.size() % SYM_SIZE != 0
                || !fits(object, symtab.offset(), symtab.size()) || symtab.link() <= 0 || symtab.link() >= count) {
            return Optional.empty();
        }
        int strtabHeader = (int) sectionHeaders + symtab.link() * SHDR_SIZE;
        var strtab = Section.at(in, strtabHeader);
        if (strtab.type() != SHT_STRTAB || strtab.size() == 0 || !fits(object, strtab.offset(), strtab.size())
                || object[(int) (strtab.offset() + strtab.size() - 1)] != 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(rename(object, symtab, strtab, strtabHeader, rawNames(renames)));
    }

    /** The renamed object, or {@code null} when a symbol's name lies outside the string table. */
    private static byte[] rename(byte[] object, Section symtab, Section strtab, int strtabHeader,
                                 Map<String, String> renames) {
        int strings = (int) strtab.offset();
        int stringsSize = (int) strtab.size();
        var appended = new StringBuilder();
        var placed = new HashMap<String, Integer>();
        var out = ByteBuffer.wrap(object.clone()).order(ByteOrder.LITTLE_ENDIAN);
        boolean renamed = false;
        for (long at = symtab.offset() + SYM_SIZE; at < symtab.offset() + symtab.size(); at += SYM_SIZE) {
            long name = Integer.toUnsignedLong(out.getInt((int) at));
            if (name >= stringsSize) {
                return null;
            }
            if (name == 0) {
                continue;
            }
            int end = strings + (int) name;
            while (object[end] != 0) {
                end++;
            }
            var newName = renames.get(new String(object, strings + (int) name, end - strings - (int) name,
                    StandardCharsets.ISO_8859_1));
            if (newName == null) {
                continue;
            }
            int offset = placed.computeIfAbsent(newName, n -> {
                int where = stringsSize + appended.length();
                appended.append(n).append('\0');
                return where;
            });
            out.putInt((int) at, offset);
            renamed = true;
        }
        if (!renamed) {
            return object.clone();
        }
        byte[] added = appended.toString().getBytes(StandardCharsets.ISO_8859_1);
        var file = ByteBuffer.allocate(object.length + stringsSize + added.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put(out.array()).put(object, strings, stringsSize).put(added);
        file.putLong(strtabHeader + 0x18, object.length);              // sh_offset
        file.putLong(strtabHeader + 0x20, stringsSize + added.length); // sh_size
        return file.array();
    }

    private static boolean understood(ByteBuffer in) {
        return in.capacity() >= EHDR_SIZE && in.getInt(0) == 0x464c457f // \x7fELF
                && in.get(4) == 2 && in.get(5) == 1                    // ELFCLASS64, ELFDATA2LSB
                && Short.toUnsignedInt(in.getShort(0x10)) == ET_REL
                && Short.toUnsignedInt(in.getShort(0x3a)) == SHDR_SIZE;
    }

    private static boolean fits(byte[] file, long offset, long size) {
        return offset >= 0 && size >= 0 && offset <= file.length && size <= file.length - offset
                && offset + size <= Integer.MAX_VALUE;
    }

    /** The map with both sides as raw bytes, one char per byte, as names are compared and written. */
    private static Map<String, String> rawNames(Map<String, String> renames) {
        var raw = new HashMap<String, String>();
        renames.forEach((from, to) -> raw.put(raw(from), raw(to)));
        return raw;
    }

    private static String raw(String name) {
        return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The fields of a section header that matter here. */
    private record Section(int type, long offset, long size, int link, long entrySize) {
        static Section at(ByteBuffer in, int header) {
            return new Section(in.getInt(header + 4), in.getLong(header + 0x18), in.getLong(header + 0x20),
                    in.getInt(header + 0x28), in.getLong(header + 0x38));
        }
    }
}

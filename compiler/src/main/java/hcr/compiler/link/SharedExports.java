package hcr.compiler.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a shared library of the link (the C library, {@code libm}, {@code libz}...) exports to
 * it: its soname, and for every defined dynamic symbol the version a new reference binds to,
 * as ld records it ({@code printf} → {@code GLIBC_2.2.5}, {@code memcpy} → {@code GLIBC_2.14}:
 * the default {@code @@} version, never a hidden compatibility one). Read once per toolchain;
 * immutable.
 *
 * @param soname   the library's {@code DT_SONAME} ({@code libc.so.6})
 * @param versions name → default version ({@code ""} when the symbol is unversioned or in the
 *                 base version)
 * @param types    name → symbol type ({@code STT_FUNC}, {@code STT_OBJECT}...), which ld copies
 *                 to the reference
 * @param hidden   names defined only in hidden (compatibility) versions: a new link cannot bind
 *                 them
 */
record SharedExports(String soname, Map<String, String> versions, Map<String, Integer> types, Set<String> hidden) {
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERDEF = 0x6ffffffd;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final long DT_SONAME = 14;

    SharedExports {
        versions = Map.copyOf(versions);
        types = Map.copyOf(types);
        hidden = Set.copyOf(hidden);
    }

    /** The library at {@code file}, or empty when it is not an ELF64 little-endian shared library with a soname. */
    static Optional<SharedExports> read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    static Optional<SharedExports> parse(byte[] bytes) {
        var in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || in.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1 || in.getShort(16) != 3) {
            return Optional.empty();
        }
        int shoff = Math.toIntExact(in.getLong(0x28));
        int shnum = Short.toUnsignedInt(in.getShort(0x3c));
        int dynsym = -1;
        int versym = -1;
        int verdef = -1;
        int dynamic = -1;
        for (int i = 0; i < shnum; i++) {
            int type = in.getInt(shoff + i * 64 + 4);
            switch (type) {
                case SHT_DYNSYM -> dynsym = i;
                case SHT_GNU_VERSYM -> versym = i;
                case SHT_GNU_VERDEF -> verdef = i;
                case SHT_DYNAMIC -> dynamic = i;
                default -> { }
            }
        }
        if (dynsym < 0 || dynamic < 0) {
            return Optional.empty();
        }
        int strtab = in.getInt(shoff + dynsym * 64 + 40);
        long strings = in.getLong(shoff + strtab * 64 + 24);
        String soname = null;
        long dynOffset = in.getLong(shoff + dynamic * 64 + 24);
        long dynSize = in.getLong(shoff + dynamic * 64 + 32);
        for (long at = dynOffset; at + 16 <= dynOffset + dynSize; at += 16) {
            long tag = in.getLong((int) at);
            if (tag == 0) {
                break;
            }
            if (tag == DT_SONAME) {
                soname = string(bytes, strings + in.getLong((int) at + 8));
            }
        }
        if (soname == null) {
            return Optional.empty();
        }
        var versionNames = new HashMap<Integer, String>();
        if (verdef >= 0) {
            long at = in.getLong(shoff + verdef * 64 + 24);
            int count = in.getInt(shoff + verdef * 64 + 44); // sh_info: number of entries
            for (int i = 0; i < count; i++) {
                int flags = Short.toUnsignedInt(in.getShort((int) at + 2));
                int index = Short.toUnsignedInt(in.getShort((int) at + 4));
                long aux = at + Integer.toUnsignedLong(in.getInt((int) at + 12));
                var name = string(bytes, strings + Integer.toUnsignedLong(in.getInt((int) aux)));
                versionNames.put(index, (flags & 1) != 0 ? "" : name); // VER_FLG_BASE: the file's own name
                long next = Integer.toUnsignedLong(in.getInt((int) at + 16));
                if (next == 0) {
                    break;
                }
                at += next;
            }
        }
        long symOffset = in.getLong(shoff + dynsym * 64 + 24);
        long symSize = in.getLong(shoff + dynsym * 64 + 32);
        long versymOffset = versym < 0 ? -1 : in.getLong(shoff + versym * 64 + 24);
        var versions = new HashMap<String, String>();
        var hiddenNames = new HashSet<String>();
        var types = new HashMap<String, Integer>();
        for (int i = 1; i < symSize / 24; i++) {
            int at = (int) (symOffset + i * 24L);
            int info = bytes[at + 4] & 0xff;
            int bind = info >> 4;
            int shndx = Short.toUnsignedInt(in.getShort(at + 6));
            if (shndx == 0 || (bind != 1 && bind != 2) || (bytes[at + 5] & 3) == 2 || (bytes[at + 5] & 3) == 1) {
                continue; // undefined, local, or hidden/internal visibility
            }
            var name = string(bytes, strings + Integer.toUnsignedLong(in.getInt(at)));
            int version = versymOffset < 0 ? 1 : Short.toUnsignedInt(in.getShort((int) (versymOffset + 2L * i)));
            if ((version & 0x8000) != 0) {
                hiddenNames.add(name);
                continue;
            }
            int index = version & 0x7fff;
            var versionName = index <= 1 ? "" : versionNames.get(index);
            if (versionName == null) {
                return Optional.empty();
            }
            versions.put(name, versionName);
            types.put(name, info & 0xf);
        }
        hiddenNames.removeAll(versions.keySet());
        return Optional.of(new SharedExports(soname, versions, types, hiddenNames));
    }

    private static String string(byte[] bytes, long at) {
        int start = Math.toIntExact(at);
        int end = start;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
}

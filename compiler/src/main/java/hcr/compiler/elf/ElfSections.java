package hcr.compiler.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of an ELF64 little-endian file held in memory (an object or a library, as gcc
 * makes them on x86-64 and aarch64): its header's type and machine, its section headers with
 * their names, and their bytes, read and written in place through {@link #buffer()}. For the
 * small readers and rewriters that need a section or the symbol table and no more (forwarding
 * entries, debug info compared, symbols made visible, startup relocations bound), where jelf
 * would parse everything and cannot write.
 */
public final class ElfSections {

    /** {@code SHT_NOBITS}: a section with no bytes in the file. */
    public static final int SHT_NOBITS = 8;
    private static final int SHDR = 64;

    /** One section header. */
    public record Section(int index, String name, int type, long address, long offset, long size, int link, int info) {
    }

    private final byte[] bytes;
    private final ByteBuffer buffer;
    private final List<Section> sections;

    private ElfSections(byte[] bytes, ByteBuffer buffer, List<Section> sections) {
        this.bytes = bytes;
        this.buffer = buffer;
        this.sections = List.copyOf(sections);
    }

    /**
     * The sections of {@code bytes}; empty when it is not an ELF64 little-endian file or its
     * section headers or their names lie outside it. Writes through {@link #buffer()} change
     * {@code bytes}.
     */
    public static Optional<ElfSections> of(byte[] bytes) {
        var elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || elf.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            return Optional.empty();
        }
        long table = elf.getLong(40);
        int size = Short.toUnsignedInt(elf.getShort(58));
        int count = Short.toUnsignedInt(elf.getShort(60));
        int names = Short.toUnsignedInt(elf.getShort(62));
        if (count == 0 || size < SHDR || names >= count || table <= 0 || table + (long) size * count > bytes.length) {
            return Optional.empty();
        }
        long strings = elf.getLong(Math.toIntExact(table + (long) names * size) + 24);
        var sections = new ArrayList<Section>();
        for (int i = 0; i < count; i++) {
            int at = Math.toIntExact(table + (long) i * size);
            var name = string(bytes, strings + Integer.toUnsignedLong(elf.getInt(at)));
            if (name == null) {
                return Optional.empty();
            }
            sections.add(new Section(i, name, elf.getInt(at + 4), elf.getLong(at + 16), elf.getLong(at + 24),
                    elf.getLong(at + 32), elf.getInt(at + 40), elf.getInt(at + 44)));
        }
        return Optional.of(new ElfSections(bytes, elf, sections));
    }

    /** {@code e_type}: 1 relocatable, 3 shared object. */
    public int type() {
        return Short.toUnsignedInt(buffer.getShort(16));
    }

    /** {@code e_machine}: 62 x86-64, 183 aarch64. */
    public int machine() {
        return Short.toUnsignedInt(buffer.getShort(18));
    }

    public List<Section> sections() {
        return sections;
    }

    /** The first section named {@code name}. */
    public Optional<Section> named(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A section's bytes (none for {@code SHT_NOBITS}); empty when they lie outside the file. */
    public Optional<byte[]> contents(Section section) {
        if (section.type() == SHT_NOBITS) {
            return Optional.of(new byte[0]);
        }
        if (!holds(section)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(bytes, (int) section.offset(), (int) (section.offset() + section.size())));
    }

    /** Whether the section's bytes lie inside the file. */
    public boolean holds(Section section) {
        return section.offset() >= 0 && section.size() >= 0 && section.offset() + section.size() <= bytes.length;
    }

    /** The file's bytes, little-endian; writing through it changes the array given to {@link #of}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The NUL-terminated string at {@code at}, null when it runs past the end. */
    public String string(long at) {
        return string(bytes, at);
    }

    private static String string(byte[] bytes, long at) {
        if (at < 0 || at >= bytes.length) {
            return null;
        }
        int start = (int) at;
        int end = start;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return end < bytes.length ? new String(bytes, start, end - start, StandardCharsets.UTF_8) : null;
    }
}

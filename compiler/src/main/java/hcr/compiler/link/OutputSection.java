package hcr.compiler.link;

import static hcr.compiler.link.Elf.SHF_ALLOC;

/**
 * A section of the linked library: an input section kept, or one the link makes. Mutable
 * because its size, place and index are settled step by step as the layout learns them.
 */
final class OutputSection {
    final String name;
    final int type;
    final long flags;
    final long align;
    final long entsize;
    final ObjectFile.Section input;
    long size;
    long address;
    long offset;
    int index;
    int link;
    int info;

    OutputSection(String name, int type, long flags, long align, long entsize, long size, ObjectFile.Section input) {
        this.name = name;
        this.type = type;
        this.flags = flags;
        this.align = Math.max(1, align);
        this.entsize = entsize;
        this.size = size;
        this.input = input;
    }

    /** A section the link makes itself. */
    static OutputSection made(String name, int type, long flags, long align, long entsize, long size) {
        return new OutputSection(name, type, flags, align, entsize, size, null);
    }

    boolean alloc() {
        return (flags & SHF_ALLOC) != 0;
    }

    /** Places this section at its alignment from {@code cursor}, loaded where it lies in the file if allocated; returns its end. */
    long placeAt(long cursor) {
        long at = align(cursor, align);
        offset = at;
        address = alloc() ? at : 0;
        return at + size;
    }

    static long align(long value, long to) {
        return (value + to - 1) / to * to;
    }
}

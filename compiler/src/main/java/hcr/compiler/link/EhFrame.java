package hcr.compiler.link;

import static hcr.compiler.link.Elf.SHF_ALLOC;
import static hcr.compiler.link.Elf.SHT_PROGBITS;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;

/**
 * The library's unwind tables: the object's {@code .eh_frame} ends with the zero terminator
 * {@code crtendS.o} would add, and {@code .eh_frame_hdr} holds the table of its FDEs sorted by
 * address ({@code PT_GNU_EH_FRAME}) that the unwinder searches, as ld's
 * {@code --eh-frame-hdr} makes it. Only the FDE pointer encoding gcc emits with
 * {@code -fPIC} is read; a personality routine or another encoding is declined.
 */
final class EhFrame {
    /** Bytes the terminator adds to .eh_frame. */
    static final int TERMINATOR = 4;

    private EhFrame() {
    }

    /** The .eh_frame_hdr section for the object's .eh_frame {@code ehFrame}, sized for its FDEs. */
    static OutputSection header(ByteBuffer in, ObjectFile.Section ehFrame) {
        var hdr = OutputSection.made(".eh_frame_hdr", SHT_PROGBITS, SHF_ALLOC, 4, 0, 0);
        hdr.size = 12 + 8L * countFdes(in, ehFrame);
        return hdr;
    }

    /** Writes the terminator of the relocated {@code frame} and its header {@code hdr}. */
    static void finish(ByteBuffer out, OutputSection frame, OutputSection hdr) {
        out.putInt(Math.toIntExact(frame.offset + frame.size - TERMINATOR), 0);
        writeHeader(out, hdr, frame);
    }

    /** The FDEs in an .eh_frame section (CIEs and the terminator skipped). */
    private static int countFdes(ByteBuffer in, ObjectFile.Section ehFrame) {
        int count = 0;
        long at = ehFrame.offset();
        long end = ehFrame.offset() + ehFrame.size();
        while (at + 4 <= end) {
            long length = Integer.toUnsignedLong(in.getInt(Math.toIntExact(at)));
            if (length == 0) {
                break;
            }
            if (length == 0xffffffffL) {
                throw new Decline("64-bit .eh_frame record");
            }
            if (in.getInt(Math.toIntExact(at + 4)) != 0) {
                count++;
            }
            at += 4 + length;
        }
        return count;
    }

    /** Writes .eh_frame_hdr for the relocated .eh_frame in {@code out}: the sorted table the unwinder searches. */
    private static void writeHeader(ByteBuffer out, OutputSection hdr, OutputSection frame) {
        var entries = new ArrayList<long[]>(); // initial location, FDE address
        var encodings = new HashMap<Long, Integer>(); // CIE address -> FDE pointer encoding
        long at = frame.offset;
        long end = frame.offset + frame.size - 4;
        while (at + 4 <= end) {
            long length = Integer.toUnsignedLong(out.getInt(Math.toIntExact(at)));
            if (length == 0) {
                break;
            }
            long idAt = at + 4;
            int id = out.getInt(Math.toIntExact(idAt));
            if (id == 0) {
                encodings.put(at, cieEncoding(out, idAt + 4, at + 4 + length));
            } else {
                long cie = idAt - Integer.toUnsignedLong(id);
                var encoding = encodings.get(cie);
                if (encoding == null) {
                    throw new Decline(".eh_frame FDE without a known CIE");
                }
                if (encoding != 0x1b) { // DW_EH_PE_pcrel | DW_EH_PE_sdata4: what gcc emits with -fPIC
                    throw new Decline(".eh_frame pointer encoding 0x" + Integer.toHexString(encoding));
                }
                long field = idAt + 4;
                long location = frame.address + (field - frame.offset) + out.getInt(Math.toIntExact(field));
                entries.add(new long[] {location, frame.address + (at - frame.offset)});
            }
            at += 4 + length;
        }
        entries.sort(Comparator.comparingLong(e -> e[0]));
        out.position(Math.toIntExact(hdr.offset));
        out.put((byte) 1).put((byte) 0x1b).put((byte) 0x03).put((byte) 0x3b);
        out.putInt(Math.toIntExact(frame.address - (hdr.address + 4)));
        out.putInt(entries.size());
        for (var e : entries) {
            out.putInt(Math.toIntExact(e[0] - hdr.address)).putInt(Math.toIntExact(e[1] - hdr.address));
        }
        if (8L * entries.size() + 12 != hdr.size) {
            throw new IllegalStateException(".eh_frame_hdr size");
        }
    }

    /** The FDE pointer encoding a CIE declares (its augmentation's 'R'); 0 (absptr) without one. */
    private static int cieEncoding(ByteBuffer out, long at, long end) {
        int version = out.get(Math.toIntExact(at)) & 0xff;
        long p = at + 1;
        var augmentation = new StringBuilder();
        while (out.get(Math.toIntExact(p)) != 0) {
            augmentation.append((char) out.get(Math.toIntExact(p++)));
        }
        p++;
        var aug = augmentation.toString();
        if (!aug.startsWith("z")) {
            throw new Decline(".eh_frame CIE augmentation '" + aug + "'");
        }
        long[] cursor = {p};
        uleb(out, cursor); // code alignment
        sleb(out, cursor); // data alignment
        if (version == 1) {
            cursor[0]++;
        } else {
            uleb(out, cursor);
        }
        uleb(out, cursor); // augmentation data length
        for (int i = 1; i < aug.length(); i++) {
            switch (aug.charAt(i)) {
                case 'R' -> {
                    return out.get(Math.toIntExact(cursor[0])) & 0xff;
                }
                case 'L' -> cursor[0]++;
                case 'P' -> throw new Decline(".eh_frame personality routine");
                case 'S' -> { }
                default -> throw new Decline(".eh_frame CIE augmentation '" + aug + "'");
            }
        }
        if (cursor[0] > end) {
            throw new Decline("malformed .eh_frame CIE");
        }
        return 0;
    }

    private static long uleb(ByteBuffer out, long[] cursor) {
        return leb128(out, cursor, false);
    }

    private static long sleb(ByteBuffer out, long[] cursor) {
        return leb128(out, cursor, true);
    }

    /** Reads a LEB128 number at {@code cursor[0]} and moves the cursor past it. */
    private static long leb128(ByteBuffer out, long[] cursor, boolean signed) {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = out.get(Math.toIntExact(cursor[0]++)) & 0xff;
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (signed && shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }
}

package hcr.compiler.link;

import static hcr.compiler.link.Elf.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The library's headers, written last because they describe the finished layout: the section
 * headers and their names, the ELF header, the program headers (the segments and {@code PT_DYNAMIC},
 * {@code PT_NOTE}, {@code PT_GNU_EH_FRAME}, a non-executable {@code PT_GNU_STACK},
 * {@code PT_GNU_RELRO}), and then the build id, a digest of all the rest as
 * {@code ld --build-id=sha1} makes it.
 */
final class ElfWriter {
    private ElfWriter() {
    }

    /** Writes every header, then the build id; returns the finished image. */
    static byte[] finish(ByteBuffer out, Layout layout) {
        writeSectionHeaders(out, layout);
        writeElfHeader(out, layout);
        writeProgramHeaders(out, layout);
        return withBuildId(out, layout.buildId);
    }

    private static void writeSectionHeaders(ByteBuffer out, Layout layout) {
        out.position(Math.toIntExact(layout.shstrtab.offset)).put(layout.sectionNames());
        out.position(Math.toIntExact(layout.sectionHeaders() + SHDR));
        for (var o : layout.all()) {
            out.putInt(layout.nameAt(o)).putInt(o.type).putLong(o.flags).putLong(o.address).putLong(o.offset)
                    .putLong(o.size).putInt(o.link).putInt(o.info).putLong(o.align).putLong(o.entsize);
        }
    }

    private static void writeElfHeader(ByteBuffer out, Layout layout) {
        out.position(0);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) 3).putShort((short) EM_X86_64).putInt(1).putLong(0).putLong(EHDR)
                .putLong(layout.sectionHeaders()).putInt(0).putShort((short) EHDR).putShort((short) PHDR)
                .putShort((short) layout.programHeaders()).putShort((short) SHDR)
                .putShort((short) (layout.all().size() + 1)).putShort((short) layout.shstrtab.index);
    }

    private static void writeProgramHeaders(ByteBuffer out, Layout layout) {
        var s = layout.segments();
        out.position(EHDR);
        segment(out, PT_LOAD, PF_R, 0, 0, s.headerEnd(), s.headerEnd(), PAGE);
        if (layout.hasCode()) {
            long size = s.codeEnd() - s.codeStart();
            segment(out, PT_LOAD, PF_R | PF_X, s.codeStart(), s.codeStart(), size, size, PAGE);
        }
        if (layout.hasReadOnly()) {
            long size = s.readOnlyEnd() - s.readOnlyStart();
            segment(out, PT_LOAD, PF_R, s.readOnlyStart(), s.readOnlyStart(), size, size, PAGE);
        }
        segment(out, PT_LOAD, PF_R | PF_W, s.writableStart(), s.writableStart(), s.fileEnd() - s.writableStart(),
                s.writableEnd() - s.writableStart(), PAGE);
        var dynamic = layout.dynamic;
        segment(out, PT_DYNAMIC, PF_R | PF_W, dynamic.offset, dynamic.address, dynamic.size, dynamic.size, 8);
        var buildId = layout.buildId;
        segment(out, PT_NOTE, PF_R, buildId.offset, buildId.address, buildId.size, buildId.size, 4);
        var hdr = layout.ehFrameHdr();
        if (hdr != null) {
            segment(out, PT_GNU_EH_FRAME, PF_R, hdr.offset, hdr.address, hdr.size, hdr.size, 4);
        }
        segment(out, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
        long relro = s.relroEnd() - s.writableStart();
        segment(out, PT_GNU_RELRO, PF_R, s.writableStart(), s.writableStart(), relro, relro, 1);
    }

    private static void segment(ByteBuffer out, int type, int flags, long offset, long address, long fileSize,
                                long memSize, long align) {
        out.putInt(type).putInt(flags).putLong(offset).putLong(address).putLong(address).putLong(fileSize)
                .putLong(memSize).putLong(align);
    }

    /** The build id note: a digest of everything else, as ld --build-id=sha1 does. */
    private static byte[] withBuildId(ByteBuffer out, OutputSection buildId) {
        out.position(Math.toIntExact(buildId.offset));
        out.putInt(4).putInt(BUILD_ID_SIZE).putInt(3).put("GNU\0".getBytes(StandardCharsets.US_ASCII));
        byte[] image = out.array();
        System.arraycopy(sha1(image), 0, image, Math.toIntExact(buildId.offset + 16), BUILD_ID_SIZE);
        return image;
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

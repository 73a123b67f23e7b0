package hcr.compiler.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import net.fornwall.jelf.ElfFile;

/**
 * The names a static library ({@code ar} archive of ELF objects) defines: what the static linker
 * would take from it when a shared library is linked against it, as {@code libc_nonshared.a}
 * provides {@code atexit} and {@code libgcc.a} provides {@code __cpu_model}.
 *
 * <p>The archive's symbol index ({@code /}, or {@code /SYM64/}) is what the linker reads, so it
 * is read when present; an archive without one has each ELF member's {@code .symtab} read
 * instead (GLOBAL or WEAK, defined). The format: the global header {@code !<arch>\n}, then per
 * member a 60-byte header (name 16, date 12, uid 6, gid 6, mode 8, decimal size 10, {@code `\n})
 * and its data padded to an even offset; GNU names longer members {@code /<offset>} into the
 * long-name table {@code //}. Thin archives ({@code !<thin>\n}) hold only the index.
 */
final class ArchiveSymbols {
    static final String MAGIC = "!<arch>\n";
    static final String THIN_MAGIC = "!<thin>\n";
    private static final int HEADER = 60;
    private static final int SHN_UNDEF = 0;
    private static final int STB_GLOBAL = net.fornwall.jelf.ElfSymbol.BINDING_GLOBAL;
    private static final int STB_WEAK = net.fornwall.jelf.ElfSymbol.BINDING_WEAK;
    private static final int STT_SECTION = net.fornwall.jelf.ElfSymbol.STT_SECTION;
    private static final int STT_FILE = net.fornwall.jelf.ElfSymbol.STT_FILE;

    private ArchiveSymbols() {
    }

    /** True when {@code bytes} start like an archive. */
    static boolean isArchive(byte[] bytes) {
        return startsWith(bytes, MAGIC) || startsWith(bytes, THIN_MAGIC);
    }

    /** The defined global names of {@code archive}; an error naming the file (and member) if malformed. */
    static Set<String> definedNames(Path archive) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(archive);
        } catch (IOException e) {
            throw new IOException(archive + ": cannot read: " + e.getMessage(), e);
        }
        return definedNames(archive.toString(), bytes);
    }

    static Set<String> definedNames(String name, byte[] bytes) throws IOException {
        if (!isArchive(bytes)) {
            throw new IOException(name + ": not an ar archive (no !<arch> header)");
        }
        boolean thin = startsWith(bytes, THIN_MAGIC);
        var fromMembers = new LinkedHashSet<String>();
        String longNames = "";
        int at = MAGIC.length();
        while (at < bytes.length) {
            if (at + HEADER > bytes.length || bytes[at + 58] != '`' || bytes[at + 59] != '\n') {
                throw new IOException(name + ": malformed archive member header at offset " + at);
            }
            var member = ascii(bytes, at, 16).stripTrailing();
            long size;
            try {
                size = Long.parseLong(ascii(bytes, at + 48, 10).strip());
            } catch (NumberFormatException e) {
                throw new IOException(name + ": bad member size at offset " + at, e);
            }
            int data = at + HEADER;
            boolean special = member.equals("/") || member.equals("/SYM64/") || member.equals("//");
            boolean stored = !thin || special;
            if (stored && (size < 0 || data + size > bytes.length)) {
                throw new IOException(name + ": member '" + member + "' runs past the end of the archive");
            }
            switch (member) {
                case "/" -> {
                    return index(name, bytes, data, (int) size, 4);
                }
                case "/SYM64/" -> {
                    return index(name, bytes, data, (int) size, 8);
                }
                case "//" -> longNames = ascii(bytes, data, (int) size);
                default -> {
                    if (thin) {
                        throw new IOException(name + ": a thin archive without a symbol index");
                    }
                    int skip = 0;
                    if (member.startsWith("#1/")) { // BSD: the name precedes the data
                        skip = Integer.parseInt(member.substring(3));
                    }
                    var object = Arrays.copyOfRange(bytes, data + skip, (int) (data + size));
                    if (startsWith(object, "\u007fELF")) {
                        var label = name + "(" + memberName(member, longNames) + ")";
                        ElfFiles.parse(label, object, elf -> defined(elf, fromMembers));
                    }
                }
            }
            at = (int) (data + (stored ? size : 0));
            at += at % 2;
        }
        return fromMembers;
    }

    /** The GNU symbol index: a big-endian count, that many member offsets, then the names, NUL-terminated. */
    private static Set<String> index(String name, byte[] bytes, int data, int size, int width) throws IOException {
        long count = number(bytes, data, width);
        long names = data + width + count * width;
        if (count < 0 || names > data + size) {
            throw new IOException(name + ": malformed archive symbol index");
        }
        var defined = new LinkedHashSet<String>();
        int at = (int) names;
        for (long i = 0; i < count; i++) {
            int end = at;
            while (end < data + size && bytes[end] != 0) {
                end++;
            }
            if (end >= data + size) {
                throw new IOException(name + ": malformed archive symbol index (names end early)");
            }
            defined.add(new String(bytes, at, end - at, StandardCharsets.UTF_8));
            at = end + 1;
        }
        return defined;
    }

    private static Set<String> defined(ElfFile elf, Set<String> into) {
        var table = elf.getSymbolTableSection();
        if (table == null) {
            return into;
        }
        for (var symbol : table.symbols) {
            int binding = symbol.getBinding();
            int type = symbol.getType();
            if (symbol.st_name != 0 && (binding == STB_GLOBAL || binding == STB_WEAK)
                    && (symbol.st_shndx & 0xffff) != SHN_UNDEF && type != STT_SECTION && type != STT_FILE) {
                into.add(symbol.getName());
            }
        }
        return into;
    }

    /** {@code name/} as it is, or {@code /<offset>} looked up in the GNU long-name table. */
    private static String memberName(String member, String longNames) {
        if (member.length() > 1 && member.startsWith("/") && Character.isDigit(member.charAt(1))) {
            int offset = Integer.parseInt(member.substring(1));
            int end = longNames.indexOf("/\n", offset);
            return offset < longNames.length() ? longNames.substring(offset, end < 0 ? longNames.length() : end) : member;
        }
        return member.endsWith("/") ? member.substring(0, member.length() - 1) : member;
    }

    private static long number(byte[] bytes, int at, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = value << 8 | (bytes[at + i] & 0xff);
        }
        return value;
    }

    private static String ascii(byte[] bytes, int at, int length) {
        return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

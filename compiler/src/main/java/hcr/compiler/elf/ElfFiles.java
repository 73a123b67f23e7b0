package hcr.compiler.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.fornwall.jelf.ElfFile;

/** Opens ELF files with jelf, turning its unchecked failures into an {@link IOException} naming the file. */
final class ElfFiles {
    private ElfFiles() {
    }

    interface Reading<T> {
        T from(ElfFile elf) throws IOException;
    }

    static <T> T read(Path file, Reading<T> reading) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes, reading);
    }

    static <T> T parse(String name, byte[] bytes, Reading<T> reading) throws IOException {
        try {
            return reading.from(ElfFile.from(bytes));
        } catch (RuntimeException e) {
            throw new IOException(name + ": not a readable ELF file: " + e.getMessage(), e);
        }
    }
}

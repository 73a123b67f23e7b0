package hcr.compiler.debug;

import hcr.compiler.elf.ElfSections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
        Optional<ElfSections> first;
        Optional<ElfSections> second;
        try {
            first = ElfSections.of(Files.readAllBytes(a));
            second = ElfSections.of(Files.readAllBytes(b));
        } catch (IOException e) {
            return false;
        }
        if (first.isEmpty() || second.isEmpty()) {
            return false;
        }
        for (var name : COMPARED) {
            var x = contents(first.get(), name);
            var y = contents(second.get(), name);
            if (x.isEmpty() || y.isEmpty() || !Arrays.equals(x.get(), y.get())) {
                return false;
            }
        }
        return true;
    }

    /** Section {@code name}'s bytes, none when there is no such section; empty when they lie outside the file. */
    private static Optional<byte[]> contents(ElfSections elf, String name) {
        var section = elf.named(name);
        return section.isPresent() ? elf.contents(section.get()) : Optional.of(new byte[0]);
    }
}

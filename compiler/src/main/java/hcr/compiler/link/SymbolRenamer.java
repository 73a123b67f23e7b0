package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renames symbols of an object file, definitions and references alike, while DWARF keeps the
 * C names. An ELF64 little-endian object (what gcc makes on x86-64 and aarch64) is rewritten
 * in-process ({@link StringTableRenaming}); any other goes through
 * {@code objcopy --redefine-syms}, which costs a process and 10 to 20 ms.
 */
public final class SymbolRenamer {
    private final String objcopy;

    public SymbolRenamer(String objcopy) {
        this.objcopy = objcopy;
    }

    /**
     * Writes {@code in} with every symbol named in {@code renames} (old → new) renamed to
     * {@code out}; an empty map copies the file. {@code out} may be {@code in}.
     */
    public void rename(Path in, Map<String, String> renames, Path out) throws ToolException, IOException {
        renames.forEach((from, to) -> {
            requireName(from);
            requireName(to);
        });
        if (renames.isEmpty()) {
            if (!in.equals(out)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        var renamed = StringTableRenaming.apply(Files.readAllBytes(in), renames);
        if (renamed.isEmpty()) {
            withObjcopy(in, renames, out);
        } else if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            replace(out, renamed.get());
        } else {
            Files.write(out, renamed.get());
        }
    }

    /**
     * The bytes of {@code in} with every symbol in {@code renames} renamed, made in memory; empty
     * when the object is not one the in-process renaming understands ({@link #rename} then
     * runs objcopy).
     */
    public Optional<byte[]> renamedBytes(Path in, Map<String, String> renames) throws IOException {
        renames.forEach((from, to) -> {
            requireName(from);
            requireName(to);
        });
        var bytes = Files.readAllBytes(in);
        return renames.isEmpty() ? Optional.of(bytes) : StringTableRenaming.apply(bytes, renames);
    }

    /** The objcopy path, for objects the in-process renaming does not understand. */
    void withObjcopy(Path in, Map<String, String> renames, Path out) throws ToolException, IOException {
        var map = new StringBuilder();
        new TreeMap<>(renames).forEach((from, to) -> map.append(from).append(' ').append(to).append('\n'));
        var parent = out.toAbsolutePath().getParent();
        var mapFile = Files.createTempFile(parent, "." + out.getFileName(), ".renames");
        try {
            Files.writeString(mapFile, map);
            Tool.run(List.of(objcopy, "--redefine-syms=" + mapFile, in.toString(), out.toString()));
        } finally {
            Files.deleteIfExists(mapFile);
        }
    }

    /** Replaces {@code file} by {@code object} through a rename: a reader sees the old or the new object. */
    private static void replace(Path file, byte[] object) throws IOException {
        var aside = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(aside, object);
            AtomicFile.move(aside, file);
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private static void requireName(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#' || c == 0)) {
            throw new IllegalArgumentException("not a symbol name: '" + name + "'");
        }
    }
}

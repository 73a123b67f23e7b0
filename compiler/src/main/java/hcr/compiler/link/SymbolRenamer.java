package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renames symbols of an object file with {@code objcopy --redefine-syms}: definitions and
 * references alike, while DWARF keeps the C names.
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
        if (renames.isEmpty()) {
            if (!in.equals(out)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        var map = new StringBuilder();
        new TreeMap<>(renames).forEach((from, to) -> {
            requireName(from);
            requireName(to);
            map.append(from).append(' ').append(to).append('\n');
        });
        var parent = out.toAbsolutePath().getParent();
        var mapFile = Files.createTempFile(parent, "." + out.getFileName(), ".renames");
        try {
            Files.writeString(mapFile, map);
            Tool.run(List.of(objcopy, "--redefine-syms=" + mapFile, in.toString(), out.toString()));
        } finally {
            Files.deleteIfExists(mapFile);
        }
    }

    private static void requireName(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
            throw new IllegalArgumentException("not a symbol name: '" + name + "'");
        }
    }
}

package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Links the group library of a generation (docs/internals.md section 4): an empty shared
 * library whose {@code DT_NEEDED} lists every stub library, oldest first, then every live
 * module, found through {@code RUNPATH=$ORIGIN}. One {@code dlopen} of it loads modules that
 * use each other's globals together, with the stubs ahead of them in the lookup scope.
 */
public final class GroupLibrary {
    private final String ld;

    public GroupLibrary(String ld) {
        this.ld = ld;
    }

    /** Links {@code dir/fileName} needing {@code neededInOrder}, files that exist in {@code dir}. */
    public void link(Path dir, String fileName, List<String> neededInOrder) throws ToolException, IOException {
        for (var needed : neededInOrder) {
            if (!Files.isRegularFile(dir.resolve(needed))) {
                throw new IOException(dir.resolve(needed) + ": missing, needed by " + fileName);
            }
        }
        var out = Files.createTempFile(dir, "." + fileName, ".tmp");
        try {
            var command = new ArrayList<>(List.of(ld, "-shared", "-soname", fileName, "--no-as-needed",
                    "-rpath", "$ORIGIN", "--enable-new-dtags", "-o", out.toString(), "-L", dir.toString()));
            for (var needed : neededInOrder) {
                command.add("-l:" + needed);
            }
            Tool.run(command);
            AtomicFile.move(out, dir.resolve(fileName));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

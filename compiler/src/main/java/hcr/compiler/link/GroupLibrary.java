package hcr.compiler.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;

/**
 * Writes the group library of a generation (docs/internals.md section 4): an empty shared
 * library whose {@code DT_NEEDED} lists every stub library, oldest first, then every live
 * module, found through {@code RUNPATH=$ORIGIN}. One {@code dlopen} of it loads modules that
 * use each other's globals together, with the stubs ahead of them in the lookup scope.
 *
 * <p>The file is written in-process ({@link GroupImage}); with 200 modules, running ld for it
 * cost 100 ms of every rebuild.
 */
public final class GroupLibrary {
    private final Arch arch;

    public GroupLibrary(Arch arch) {
        this.arch = arch;
    }

    /** Writes {@code dir/fileName} needing {@code neededInOrder}, files that exist in {@code dir}. */
    public void link(Path dir, String fileName, List<String> neededInOrder) throws IOException {
        var present = new HashSet<String>();
        try (var entries = Files.newDirectoryStream(dir)) { // one listing, not a stat per library
            entries.forEach(entry -> present.add(entry.getFileName().toString()));
        }
        for (var needed : neededInOrder) {
            if (!present.contains(needed)) {
                throw new IOException(dir.resolve(needed) + ": missing, needed by " + fileName);
            }
        }
        write(dir, fileName, neededInOrder);
    }

    /**
     * Writes {@code dir/fileName} needing {@code neededInOrder} without looking for them: for a
     * caller that puts them there itself, maybe while the group is written.
     */
    public void write(Path dir, String fileName, List<String> neededInOrder) throws IOException {
        var image = GroupImage.of(arch, fileName, neededInOrder);
        var out = Files.createTempFile(dir, "." + fileName, ".tmp");
        try {
            Files.write(out, image);
            try {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the loader does not need the bits
            }
            AtomicFile.move(out, dir.resolve(fileName));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

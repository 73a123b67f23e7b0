package hcr.compiler.link;

import hcr.compiler.elf.DriverFiles;
import hcr.compiler.elf.SystemSymbols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every {@code -l} of a link line ({@link LinkLine}) as ld finds it and reads what it
 * offers a module: in the {@code -L} folders in order, {@code lib<name>.so} before
 * {@code lib<name>.a} in each; a link script followed to its files
 * ({@link SystemSymbols#linkedFiles}); a shared library read for its soname and exports
 * ({@link SharedExports}), an archive for the names its members define. {@code -lc} is the
 * C library found through the driver's {@code libc.so} ({@link SystemSymbols#moduleLinkInputs},
 * whose other files, like {@code -lgcc} and {@code -lgcc_s}, only add names a module's
 * reference is declined for). So {@code -lm} is {@code libm.so.6} (and {@code libmvec.so.1},
 * as needed), {@code -lz} is {@code libz.so.1}, and {@code -ldl}, {@code -lpthread},
 * {@code -lrt}, {@code -lutil} on glibc 2.34 and later are empty archives: nothing.
 */
final class LibrarySearch {
    private final String cc;
    private final SharedExports libc;
    private final List<LinkLibraries.Shared> shared = new ArrayList<>();
    private final Map<String, String> archived = new HashMap<>();

    private LibrarySearch(String cc, SharedExports libc) {
        this.cc = cc;
        this.libc = libc;
    }

    /** The libraries of {@code line}; throws {@link Decline} for one the in-process link does not take as ld does. */
    static LinkLibraries find(LinkLine line, SharedExports libc, String cc) throws IOException {
        var search = new LibrarySearch(cc, libc);
        for (var library : line.libraries()) {
            search.add(library, line.searchDirs());
        }
        return new LinkLibraries(search.shared, search.archived);
    }

    private void add(LinkLine.Library library, List<Path> dirs) throws IOException {
        switch (library.name()) {
            case "c" -> addShared(libc, library.asNeeded(), library);
            case "gcc", "gcc_s" -> { } // the compiler's runtime: every name it defines is declined
            default -> {
                var file = locate(library, dirs);
                for (var linked : DriverFiles.linkedFiles(cc, file)) {
                    if (linked.archive()) {
                        var name = linked.file().getFileName().toString();
                        SystemSymbols.archiveNames(linked.file()).forEach(n -> archived.putIfAbsent(n, name));
                    } else {
                        var exports = SharedExports.read(linked.file()).orElseThrow(() -> new Decline(
                                library + " links " + linked.file() + ", not a shared library with a soname"));
                        addShared(exports, library.asNeeded() || linked.asNeeded(), library);
                    }
                }
            }
        }
    }

    private static Path locate(LinkLine.Library library, List<Path> dirs) {
        for (var dir : dirs) {
            for (var name : library.fileNames()) {
                var file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new Decline(library + " is in none of the link's library folders");
    }

    /** A library named again keeps its first place; named once as needed and once not, ld's choice is left to ld. */
    private void addShared(SharedExports exports, boolean asNeeded, LinkLine.Library library) {
        for (var s : shared) {
            if (s.exports().soname().equals(exports.soname())) {
                if (s.asNeeded() != asNeeded) {
                    throw new Decline(exports.soname() + " is named both with and without --as-needed (" + library + ")");
                }
                return;
            }
        }
        shared.add(new LinkLibraries.Shared(exports, asNeeded));
    }
}

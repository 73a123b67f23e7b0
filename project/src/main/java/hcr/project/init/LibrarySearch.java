package hcr.project.init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code ld} finds {@code -lNAME}: {@code libNAME.so}, then {@code libNAME.a}, in each
 * directory in turn ({@code libNAME.a} only, after {@code -static} or {@code -Wl,-Bstatic});
 * {@code -l:FILE} names the file itself.
 */
final class LibrarySearch {
    private LibrarySearch() {
    }

    static Optional<Path> find(String name, List<Path> dirs, boolean staticOnly) {
        var names = name.startsWith(":") ? List.of(name.substring(1))
                : staticOnly ? List.of("lib" + name + ".a") : List.of("lib" + name + ".so", "lib" + name + ".a");
        for (var dir : dirs) {
            for (var file : names) {
                var candidate = dir.resolve(file);
                if (Files.exists(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}

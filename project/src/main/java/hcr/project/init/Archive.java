package hcr.project.init;

import java.nio.file.Path;
import java.util.List;

/**
 * A static archive the build made with {@code ar}: its members in the order they were added,
 * over every {@code ar} run that wrote it.
 *
 * @param path    the archive, absolute
 * @param members the member objects, absolute
 */
record Archive(Path path, List<Path> members) {

    Archive {
        members = List.copyOf(members);
    }
}

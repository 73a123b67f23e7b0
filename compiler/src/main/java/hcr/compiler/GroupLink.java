package hcr.compiler;

import hcr.compiler.link.GroupLibrary;
import hcr.compiler.link.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;

/**
 * Links a generation's group library without waiting for the libraries it needs. The group
 * only records names: ld takes a {@code DT_NEEDED} entry from each input's soname, or, for an
 * input without one, from the name it was found under. So the group is linked against one
 * empty, soname-less placeholder library, hard-linked under every needed name in
 * {@code state/group/}, and can run while the modules are still being linked.
 */
final class GroupLink {
    private static final String PLACEHOLDER = ".placeholder";
    private final GroupLibrary group;
    private final Path dir;

    GroupLink(GroupLibrary group, Path stateDir) {
        this.group = group;
        this.dir = stateDir.resolve("group");
    }

    /** Links {@code staging/fileName} needing {@code neededInOrder}. */
    void link(Path staging, String fileName, List<String> neededInOrder) throws IOException, ToolException {
        var placeholder = placeholder();
        var wanted = new HashSet<>(neededInOrder);
        try (var entries = Files.newDirectoryStream(dir, "*.so")) {
            for (var entry : entries) {
                if (!wanted.remove(entry.getFileName().toString())) {
                    Files.delete(entry);
                }
            }
        }
        for (var name : wanted) {
            Files.createLink(dir.resolve(name), placeholder);
        }
        group.link(dir, fileName, neededInOrder);
        Files.move(dir.resolve(fileName), staging.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path placeholder() throws IOException, ToolException {
        var placeholder = dir.resolve(PLACEHOLDER);
        if (Files.isRegularFile(placeholder)) {
            return placeholder;
        }
        Files.createDirectories(dir);
        var object = dir.resolve(".placeholder.o");
        var temporary = dir.resolve(".placeholder.tmp");
        run(List.of("as", "/dev/null", "-o", object.toString()));
        run(List.of("ld", "-shared", "-o", temporary.toString(), object.toString()));
        Files.delete(object);
        Files.move(temporary, placeholder, StandardCopyOption.ATOMIC_MOVE);
        return placeholder;
    }

    private void run(List<String> command) throws IOException, ToolException {
        var result = Subprocess.run(command, dir);
        if (!result.ok()) {
            throw new ToolException(command, result.exitCode(), result.output());
        }
    }
}

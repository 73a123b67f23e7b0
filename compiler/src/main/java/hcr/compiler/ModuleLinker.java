package hcr.compiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Links one renamed module object into its shared library:
 * {@code cc -shared -o lib<stem>.g<N>.so -Wl,-soname,lib<stem>.g<N>.so <obj> <libraries>}.
 * References to other modules stay undefined; the group library resolves them at load.
 */
final class ModuleLinker {
    private final List<String> cc;
    private final List<String> libraries;
    private final Path projectDir;

    ModuleLinker(BuildConfig config) {
        this.cc = config.ccCommand();
        this.libraries = config.libraries();
        this.projectDir = config.projectDir();
    }

    Subprocess.Result link(Path object, Path library) throws IOException {
        var name = library.getFileName().toString();
        var command = new ArrayList<>(cc);
        command.addAll(List.of("-shared", "-o", library.toString(), "-Wl,-soname," + name, object.toString()));
        command.addAll(libraries);
        return Subprocess.run(command, projectDir);
    }
}

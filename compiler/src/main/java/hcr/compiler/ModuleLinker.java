package hcr.compiler;

import hcr.compiler.link.InProcessLinker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links one renamed module object into its shared library. In process when it can
 * ({@link InProcessLinker}: the common case, a module linking nothing but the C library,
 * without 40 to 60 ms of driver, collect2 and ld), otherwise, and always when the project
 * names link inputs or {@code HCR_LINK=cc} is set, with
 * {@code cc -shared -o lib<stem>.g<N>.so -Wl,-soname,lib<stem>.g<N>.so <obj> <libraries>}.
 * References to other modules stay undefined; the group library resolves them at load.
 */
final class ModuleLinker {
    /** {@code HCR_LINK=cc} in the environment (or {@code -Dhcr.link=cc}): every module is linked by the driver. */
    static final boolean DRIVER_ONLY = "cc".equals(System.getProperty("hcr.link", System.getenv("HCR_LINK")));

    private final List<String> cc;
    private final List<String> libraries;
    private final Path projectDir;
    private final String ccText;
    private Optional<InProcessLinker> inProcess;
    private String inProcessProblem;

    ModuleLinker(BuildConfig config) {
        this.cc = config.ccCommand();
        this.libraries = config.libraries();
        this.projectDir = config.projectDir();
        this.ccText = config.cc();
    }

    /** How one module was linked: the driver's result, and whether the in-process linker made it (else why not). */
    record Linked(Subprocess.Result result, boolean inProcess, String declined) {
    }

    Subprocess.Result link(Path object, Path library) throws IOException {
        return linkTraced(object, library).result();
    }

    Linked linkTraced(Path object, Path library) throws IOException {
        return link(null, object, library);
    }

    /**
     * Links the renamed object, given as bytes ({@code object} is written only if the driver
     * must link it) or, when {@code bytes} is null, as the file {@code object}.
     */
    Linked link(byte[] bytes, Path object, Path library) throws IOException {
        var name = library.getFileName().toString();
        String declined;
        var linker = libraries.isEmpty() && !DRIVER_ONLY ? inProcess() : Optional.<InProcessLinker>empty();
        if (linker.isPresent()) {
            var outcome = linker.get().link(bytes != null ? bytes : Files.readAllBytes(object), name);
            if (outcome.linked()) {
                Files.write(library, outcome.library());
                setExecutable(library);
                return new Linked(new Subprocess.Result(List.of("hcr-link", name), 0, ""), true, null);
            }
            declined = outcome.declined();
        } else {
            declined = DRIVER_ONLY ? "HCR_LINK=cc" : libraries.isEmpty() ? inProcessProblem : "the project names link inputs";
        }
        if (bytes != null) {
            Files.write(object, bytes);
        }
        var command = new ArrayList<>(cc);
        command.addAll(List.of("-shared", "-o", library.toString(), "-Wl,-soname," + name, object.toString()));
        command.addAll(libraries);
        return new Linked(Subprocess.run(command, projectDir), false, declined);
    }

    private synchronized Optional<InProcessLinker> inProcess() {
        if (inProcess == null) {
            try {
                inProcess = InProcessLinker.forHost(ccText);
                if (inProcess.isEmpty()) {
                    inProcessProblem = "no shared C library found through " + ccText;
                }
            } catch (IOException | RuntimeException e) {
                inProcess = Optional.empty();
                inProcessProblem = "cannot set up the in-process link: " + e.getMessage();
            }
        }
        return inProcess;
    }

    /** rwxr-xr-x, as ld leaves a library. */
    private static void setExecutable(Path library) {
        try {
            Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // the loader does not need it
        }
    }
}

package hcr.compiler;

import hcr.compiler.link.InProcessLinker;
import hcr.compiler.link.StartupBinding;
import hcr.compiler.link.StaticSites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Links one renamed module object into its shared library. In process when it can
 * ({@link InProcessLinker}: the common case, a module linking the C library and the shared
 * libraries the project names, {@code -lm -Wl,-E -ldl} say, without 40 to 60 ms of driver,
 * collect2 and ld), otherwise, and always when {@code HCR_LINK=cc} is set, with
 * {@code cc -shared -o lib<stem>.g<N>.so -Wl,-soname,lib<stem>.g<N>.so <obj> <libraries>}.
 * References to other modules stay undefined; the group library resolves them at load. A
 * driver-linked library's constructors and destructors are then bound to its own functions
 * ({@link StartupBinding}), as the in-process link binds them.
 * {@code HCR_LINK_TRACE=1} (or {@code -Dhcr.link.trace=true}) prints how each module was
 * linked, and why not in process, on standard error.
 */
final class ModuleLinker {
    /** {@code HCR_LINK=cc} in the environment (or {@code -Dhcr.link=cc}): every module is linked by the driver. */
    static final boolean DRIVER_ONLY = "cc".equals(System.getProperty("hcr.link", System.getenv("HCR_LINK")));
    /** {@code HCR_LINK_TRACE=1} (or {@code -Dhcr.link.trace=true}): one line per module link on standard error. */
    static final boolean TRACE = Boolean.parseBoolean(System.getProperty("hcr.link.trace",
            "1".equals(System.getenv("HCR_LINK_TRACE")) ? "true" : "false"));

    private final List<String> cc;
    private final List<String> libraries;
    private final Path projectDir;
    private final String ccText;
    private InProcessLinker.Setup inProcess;

    ModuleLinker(BuildConfig config) {
        this.cc = config.ccCommand();
        this.libraries = config.libraries();
        this.projectDir = config.projectDir();
        this.ccText = config.cc();
    }

    /**
     * How one module was linked: the driver's result, whether the in-process linker made it (else
     * why not), and where the library addresses its statics (known only for an in-process link).
     */
    record Linked(Subprocess.Result result, boolean inProcess, String declined, StaticSites statics) {
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
        var setup = DRIVER_ONLY ? null : inProcess();
        if (setup != null && setup.available()) {
            long start = System.nanoTime();
            var outcome = setup.linker().link(bytes != null ? bytes : Files.readAllBytes(object), name);
            if (outcome.linked()) {
                Files.write(library, outcome.library());
                setExecutable(library);
                trace(name, "in process, " + (System.nanoTime() - start) / 1000 + " us" + describe(outcome.statics()));
                return new Linked(new Subprocess.Result(List.of("hcr-link", name), 0, ""), true, null,
                        outcome.statics());
            }
            declined = outcome.declined();
        } else {
            declined = setup == null ? "HCR_LINK=cc" : setup.unavailable();
        }
        long start = System.nanoTime();
        var result = linkWithDriver(bytes, object, library, name);
        trace(name, "cc -shared, " + (System.nanoTime() - start) / 1000 + " us: " + declined);
        return new Linked(result, false, declined, StaticSites.NONE);
    }

    private Subprocess.Result linkWithDriver(byte[] bytes, Path object, Path library, String name) throws IOException {
        if (bytes != null) {
            Files.write(object, bytes);
        }
        var command = new ArrayList<>(cc);
        command.addAll(List.of("-shared", "-o", library.toString(), "-Wl,-soname," + name, object.toString()));
        command.addAll(libraries);
        var result = Subprocess.run(command, projectDir);
        if (result.exitCode() == 0) {
            StartupBinding.apply(library);
        }
        return result;
    }

    /** The in-process linker for this toolchain and these link inputs, set up on first use. */
    private synchronized InProcessLinker.Setup inProcess() {
        if (inProcess == null) {
            try {
                inProcess = InProcessLinker.forLink(ccText, libraries, projectDir);
            } catch (IOException | RuntimeException e) {
                inProcess = new InProcessLinker.Setup(null, "cannot set up the in-process link: " + e.getMessage());
            }
        }
        return inProcess;
    }

    /** For the trace: {@code ; statics: 2 with 7 sites, 1 without (buf: shares section .bss with seen)}. */
    private static String describe(StaticSites statics) {
        if (statics.known().isEmpty() && statics.unknown().isEmpty()) {
            return "";
        }
        var text = new StringBuilder("; statics: ").append(statics.known().size()).append(" with ")
                .append(statics.count()).append(" sites");
        if (!statics.unknown().isEmpty()) {
            text.append(", ").append(statics.unknown().size()).append(" without (");
            statics.unknown().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    text.append(text.charAt(text.length() - 1) == '(' ? "" : "; ").append(e.getKey()).append(": ")
                            .append(e.getValue()));
            text.append(')');
        }
        return text.toString();
    }

    private static void trace(String library, String how) {
        if (TRACE) {
            System.err.println("hcr link " + library + ": " + how);
        }
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

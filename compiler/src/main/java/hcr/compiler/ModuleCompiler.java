package hcr.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the C compiler on one module:
 * {@code cc -pipe -c -fPIC -g -O0 -DHCR=1 <includes> <cflags> -MMD -MF <dep> src -o <obj>}, in the
 * project directory so messages name files as the user knows them; for gcc, once checked, as the
 * {@code cc1 | as} pipeline the driver would run ({@link DirectCompile}), without the driver. gcc's default semantic
 * interposition and default visibility stay: the reload mechanism needs every reference to
 * a global to go through the dynamic linker. When the project's flags raise the optimisation
 * level, {@code -fno-toplevel-reorder} is added, so hcr.h's hook descriptors stay in source
 * order (the runtime runs a module's hooks in offset order).
 */
final class ModuleCompiler {
    /** {@code HCR_COMPILE=cc} in the environment (or {@code -Dhcr.compile=cc}): every module is compiled through the driver. */
    static final boolean DRIVER_ONLY = "cc".equals(System.getProperty("hcr.compile", System.getenv("HCR_COMPILE")));

    private final List<String> cc;
    private final List<String> flags;
    private final boolean colour;
    private final Path projectDir;
    private final Path stateDir;

    /** What one compile produced. */
    record Compiled(SourceModule module, Path object, boolean ok, String output, List<Path> headers) {
    }

    ModuleCompiler(BuildConfig config, List<String> includeOptions, boolean colour) {
        this.cc = config.ccCommand();
        var all = new ArrayList<>(List.of("-c", "-fPIC", "-g", "-O0", "-DHCR=1"));
        all.addAll(includeOptions);
        all.addAll(config.cflags());
        if (optimises(all)) {
            all.add("-fno-toplevel-reorder");
        }
        this.flags = List.copyOf(all);
        this.colour = colour;
        this.projectDir = config.projectDir();
        this.stateDir = config.stateDir();
    }

    /** True when the last {@code -O} option asks for more than {@code -O0}: gcc then reorders top-level definitions. */
    static boolean optimises(List<String> flags) {
        var level = "-O0";
        for (var flag : flags) {
            if (flag.startsWith("-O")) {
                level = flag;
            }
        }
        return !level.equals("-O0");
    }

    /** The flags that shape the object, for the content key. */
    List<String> flags() {
        return flags;
    }

    Compiled compile(SourceModule module, Path object, Path depFile) throws IOException {
        var base = new ArrayList<>(cc);
        base.addAll(flags);
        if (colour) {
            base.add("-fdiagnostics-color=always");
        }
        var direct = DRIVER_ONLY || cc.size() != 1 ? Optional.<DirectCompile>empty()
                : DirectCompile.of(base, projectDir, stateDir);
        Subprocess.Result result = null;
        if (direct.isPresent()) {
            result = direct.get().run(module.sourceName(), object, depFile, projectDir);
            if (result == null) {
                DirectCompile.forget(base);
            }
        }
        if (result == null) {
            var command = new ArrayList<>(base);
            command.add(1, "-pipe"); // the assembler reads the compiler's output as it comes: no temporary file
            command.addAll(List.of("-MMD", "-MF", depFile.toString(), module.sourceName(), "-o", object.toString()));
            result = Subprocess.run(command, projectDir);
        }
        if (!result.ok()) {
            Files.deleteIfExists(object);
            return new Compiled(module, object, false, result.output(), List.of());
        }
        var headers = DepFile.prerequisites(Files.readString(depFile, StandardCharsets.UTF_8), projectDir,
                module.source());
        return new Compiled(module, object, true, result.output(), headers);
    }
}

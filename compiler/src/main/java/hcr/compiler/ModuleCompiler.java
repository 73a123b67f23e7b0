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
 * {@code cc -pipe -c -fPIC -g -fdata-sections -DHCR=1 <module flags> -I<hcr.h> <cflags>
 * -fpatchable-function-entry=9,7 -falign-functions=16 -MMD -MF <dep> src -o <obj>},
 * in the module's directory so messages name files as the program's own build does. The
 * module's flags are the program's (recorded by {@code hcr init}, from hcr.toml or a compile
 * database), or hcr's defaults for a folder of C files ({@code -O0}, the root on the include
 * path). For gcc, once checked, it runs as the {@code cc1 | as} pipeline the driver would run
 * ({@link DirectCompile}), without the driver; a module that declares hidden symbols is
 * preprocessed and rewritten first ({@link VisibilityRewrite}). gcc's default semantic
 * interposition and default visibility stay: the reload mechanism needs every reference to a
 * global to go through the dynamic linker. When the flags optimise and the module includes
 * hcr.h, {@code -fno-toplevel-reorder} is added, so hcr.h's hook descriptors stay in source
 * order (the runtime runs a module's hooks in offset order); other modules do without it (it
 * costs a tenth of an optimised compile).
 */
final class ModuleCompiler {
    /** {@code HCR_COMPILE=cc} in the environment (or {@code -Dhcr.compile=cc}): every module is compiled through the driver. */
    static final boolean DRIVER_ONLY = "cc".equals(System.getProperty("hcr.compile", System.getenv("HCR_COMPILE")));

    /**
     * What reloading needs of every module. {@code -fdata-sections} puts every static in a
     * section of its own, so the in-process link knows every place that addresses it and the
     * runtime can make a new version address the old storage (docs/internals.md section 6,
     * {@code staticref}); it changes where data lies in the library, not what the code does.
     */
    private static final List<String> RELOADING = List.of("-c", "-fPIC", "-g", "-fdata-sections", "-DHCR=1");

    /**
     * What forwarding old versions to new ones needs (issue 10; docs/internals.md section 6,
     * {@code entry}): seven one-byte NOPs before every function, 16-byte aligned, and two at its
     * entry (after its {@code endbr64} under {@code -fcf-protection}), which the runtime turns
     * into a jump to the function's newest version. Added after the module's own flags, so that
     * its {@code -falign-functions} or {@code -fpatchable-function-entry} cannot undo them.
     */
    static final List<String> FORWARDING = List.of("-fpatchable-function-entry=9,7", "-falign-functions=16");

    /**
     * hcr's own {@code -g} is for the types and layouts of globals, statics and structs and for
     * crash sites (line tables), not for the locals of optimised code: their tracking
     * ({@code -fvar-tracking}, on with {@code -g} from {@code -O1}) costs a sixth of an
     * optimised compile (Lua's lauxlib.c at -O2: 265 ms with it, 232 ms without, 219 ms with
     * no {@code -g}). Turned off unless the module's own flags ask for debug info.
     */
    static final String NO_LOCALS_TRACKING = "-fno-var-tracking";

    private final List<String> cc;
    private final List<String> after;
    private final boolean colour;
    private final Path stateDir;
    private final VisibilityRewrite visibility = new VisibilityRewrite();
    private final SourceMentions hcrHeader = new SourceMentions("hcr.h");

    /** What one compile produced. */
    record Compiled(SourceModule module, Path object, boolean ok, String output, List<Path> headers) {
    }

    /**
     * @param hcrIncludeDir where hcr.h is, put on the include path after the module's own folders
     */
    ModuleCompiler(BuildConfig config, Path hcrIncludeDir, boolean colour) {
        this.cc = config.ccCommand();
        var tail = new ArrayList<String>();
        tail.add("-I" + hcrIncludeDir);
        tail.addAll(config.cflags());
        this.after = List.copyOf(tail);
        this.colour = colour;
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

    /**
     * The flags shared by every module that shape the object, for the content key (with
     * {@link #NO_LOCALS_TRACKING}, which each module gets or not by its own flags).
     */
    List<String> flags() {
        var all = new ArrayList<>(RELOADING);
        all.addAll(after);
        all.addAll(FORWARDING);
        all.add(NO_LOCALS_TRACKING);
        return all;
    }

    /** Whether {@code flags} ask for debug info themselves: {@code -g}, {@code -g3}, {@code -ggdb}, {@code -gdwarf-4}. */
    static boolean asksForDebugInfo(List<String> flags) {
        return flags.stream().anyMatch(flag -> flag.matches("-g([1-3]|gdb.*|dwarf.*)?"));
    }

    /**
     * Every flag {@code module} is compiled with, in order.
     *
     * @param hooks whether the module includes hcr.h (and may declare hooks)
     */
    List<String> flags(SourceModule module, boolean hooks) {
        var all = new ArrayList<>(RELOADING);
        all.addAll(module.flags());
        all.addAll(after);
        all.addAll(FORWARDING);
        if (!asksForDebugInfo(module.flags()) && !asksForDebugInfo(after)) {
            all.add(NO_LOCALS_TRACKING);
        }
        if (hooks && optimises(all)) {
            all.add("-fno-toplevel-reorder");
        }
        return all;
    }

    /** Whether the module includes hcr.h: its source names it, or its headers hold it. */
    private boolean usesHooks(SourceModule module, List<Path> headers) throws IOException {
        for (var header : headers) {
            if (header.getFileName().toString().equals("hcr.h")) {
                return true;
            }
        }
        return hcrHeader.in(module.source(), List.of());
    }

    /**
     * Compiles {@code module}. A first compile (its headers unknown) and a module that declares
     * hidden symbols are preprocessed first: the dependency file then names the headers before
     * the compile proper, so whether the module uses hcr.h and hides symbols is known without
     * compiling twice. Any other module is compiled directly from its source.
     *
     * @param knownHeaders the project headers the module's last compile included
     * @param first        true when the module was never compiled in this build folder
     */
    Compiled compile(SourceModule module, Path object, Path depFile, List<Path> knownHeaders, boolean first)
            throws IOException {
        if (first || visibility.needed(module.source(), knownHeaders)) {
            return preprocessedFirst(module, object, depFile);
        }
        boolean hooks = usesHooks(module, knownHeaders);
        var result = plain(command(module, hooks), module.sourceArgument(), object, depFile, module.directory());
        if (!result.ok()) {
            return failed(module, object, result);
        }
        var headers = headers(module, depFile);
        if (usesHooks(module, headers) != hooks || visibility.needed(module.source(), headers)) {
            return preprocessedFirst(module, object, depFile); // a new #include changed what it needs
        }
        return new Compiled(module, object, true, result.output(), headers);
    }

    /**
     * Preprocesses, then compiles what the preprocessor wrote when it rewrote a visibility, and
     * the source itself otherwise (so that diagnostics and objects are exactly a plain compile's).
     */
    private Compiled preprocessedFirst(SourceModule module, Path object, Path depFile) throws IOException {
        var preprocessed = stateDir.resolve("obj").resolve(module.stem() + ".i");
        var cpp = visibility.preprocess(command(module, false), module.sourceArgument(), depFile, preprocessed,
                module.directory());
        if (!cpp.ok()) {
            return failed(module, object, cpp.result());
        }
        var headers = headers(module, depFile);
        var command = command(module, usesHooks(module, headers));
        Subprocess.Result compiled;
        if (cpp.rewrote()) {
            compiled = visibility.compilePreprocessed(command, preprocessed, object, module.directory());
        } else {
            compiled = plain(command, module.sourceArgument(), object, depFile, module.directory());
        }
        var result = new Subprocess.Result(compiled.command(), compiled.exitCode(), cpp.result().output()
                + compiled.output());
        return result.ok() ? new Compiled(module, object, true, result.output(), headers) : failed(module, object, result);
    }

    private List<String> command(SourceModule module, boolean hooks) {
        var base = new ArrayList<>(cc);
        base.addAll(flags(module, hooks));
        if (colour) {
            base.add("-fdiagnostics-color=always");
        }
        return base;
    }

    private List<Path> headers(SourceModule module, Path depFile) throws IOException {
        return DepFile.prerequisites(Files.readString(depFile, StandardCharsets.UTF_8), module.directory(),
                module.source());
    }

    private static Compiled failed(SourceModule module, Path object, Subprocess.Result result) throws IOException {
        Files.deleteIfExists(object);
        return new Compiled(module, object, false, result.output(), List.of());
    }

    private Subprocess.Result plain(List<String> base, String source, Path object, Path depFile, Path directory)
            throws IOException {
        var direct = DRIVER_ONLY || cc.size() != 1 ? Optional.<DirectCompile>empty()
                : DirectCompile.of(base, directory, stateDir);
        Subprocess.Result result = null;
        if (direct.isPresent()) {
            result = direct.get().run(source, object, depFile, directory);
            if (result == null) {
                DirectCompile.forget(base);
            }
        }
        if (result == null) {
            var command = new ArrayList<>(base);
            command.add(1, "-pipe"); // the assembler reads the compiler's output as it comes: no temporary file
            command.addAll(List.of("-MMD", "-MF", depFile.toString(), source, "-o", object.toString()));
            result = Subprocess.run(command, directory);
        }
        return result;
    }
}

package hcr.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which of a build's own flags a module may keep under reloading. Every module becomes a shared
 * library whose global symbols are bound through the dynamic linker, so what would merge modules
 * (link-time optimisation), hide symbols from other modules ({@code -fvisibility=hidden}) or bind
 * calls at compile time ({@code -fno-semantic-interposition}) is dropped, and position-dependent
 * code is compiled {@code -fPIC} instead. Everything else — optimisation levels, hardening
 * ({@code -fstack-protector-strong}, {@code -D_FORTIFY_SOURCE=2}, {@code -fcf-protection}),
 * {@code -ffunction-sections}, warnings, defines, include paths — is kept as the build gave it.
 * What is dropped is reported with the reason, once per flag, so {@code hcr init} can write it
 * into hcr.toml.
 */
public final class FlagPolicy {

    /** What remains of a command's flags, and what was left out. */
    public record Filtered(List<String> kept, List<DroppedFlag> dropped) {
        public Filtered {
            kept = List.copyOf(kept);
            dropped = List.copyOf(dropped);
        }
    }

    /** Options whose next argument belongs to them and that hcr replaces (outputs, dependency files). */
    private static final Set<String> OUTPUT_WITH_ARGUMENT = Set.of("-o", "-MF", "-MT", "-MQ");
    /** Options without argument that hcr replaces by its own. */
    private static final Set<String> OUTPUT_ALONE = Set.of("-c", "-MD", "-MMD", "-MP", "-pipe", "-M", "-MM", "-MG");
    /** Compile options whose next argument belongs to them: kept together. */
    private static final Set<String> WITH_ARGUMENT = Set.of("-I", "-D", "-U", "-include", "-imacros", "-isystem",
            "-iquote", "-idirafter", "-iprefix", "-iwithprefix", "-isysroot", "-x", "-Xpreprocessor",
            "-Xassembler", "--param", "-aux-info", "-L", "-l", "-Xlinker", "-T", "-u", "-z", "-e");

    private static final String PIC = "modules are shared libraries: hcr compiles every module with -fPIC";
    private static final String LTO = "link-time optimisation merges modules; every module must stay a library of its own";
    private static final String VISIBILITY = "a module must reach the symbols of every other module: hcr keeps default visibility";
    private static final String INTERPOSITION = "calls must go through the dynamic linker so that reloaded code is reached";
    private static final String WHOLE = "-fwhole-program assumes one translation unit is the whole program";

    private FlagPolicy() {
    }

    /**
     * The flags of one compile command that shape the module's object under hcr.
     *
     * @param arguments the command's arguments after the compiler itself
     * @param source    the source argument as written in the command (left out), or null when
     *                  the arguments hold no source
     */
    public static Filtered compileFlags(List<String> arguments, String source) {
        var kept = new ArrayList<String>();
        var dropped = new ArrayList<DroppedFlag>();
        for (int i = 0; i < arguments.size(); i++) {
            var arg = arguments.get(i);
            if (OUTPUT_WITH_ARGUMENT.contains(arg)) {
                i++;
                continue;
            }
            if (OUTPUT_ALONE.contains(arg) || arg.equals(source)
                    || arg.startsWith("-o") && arg.length() > 2 && !arg.startsWith("-openmp")
                    || arg.startsWith("-MF") || arg.startsWith("-MT") || arg.startsWith("-MQ")
                    || arg.startsWith("-Wp,-MD,") || arg.startsWith("-Wp,-MMD,")) {
                continue;
            }
            if (WITH_ARGUMENT.contains(arg) && i + 1 < arguments.size()) {
                kept.add(arg);
                kept.add(arguments.get(++i));
                continue;
            }
            var reason = compileReason(arg);
            if (reason != null) {
                note(dropped, arg, reason);
            } else if (arg.startsWith("-Wl,") || arg.startsWith("-l") || arg.equals("-static") || arg.equals("-shared")
                    || arg.equals("-pie") || arg.equals("-no-pie") || arg.equals("-rdynamic")) {
                continue; // link-time only: a compile ignores it
            } else {
                kept.add(arg);
            }
        }
        return new Filtered(kept, dropped);
    }

    /**
     * Whether {@code option}, written alone, takes the next argument as its value ({@code -o FILE},
     * {@code -I DIR}, {@code -l NAME}...): what tells a command's option values from its files.
     */
    public static boolean takesArgument(String option) {
        return OUTPUT_WITH_ARGUMENT.contains(option) || WITH_ARGUMENT.contains(option);
    }

    /** Why a compile flag cannot stay, or null when it can. */
    static String compileReason(String arg) {
        if (arg.equals("-fpie") || arg.equals("-fPIE") || arg.equals("-fpic") || arg.equals("-fno-pic")
                || arg.equals("-fno-PIC") || arg.equals("-fno-pie") || arg.equals("-fno-PIE")) {
            return PIC;
        }
        if (arg.equals("-flto") || arg.startsWith("-flto=") || arg.equals("-ffat-lto-objects")
                || arg.startsWith("-flto-partition")) {
            return LTO;
        }
        if (arg.startsWith("-fvisibility=") && !arg.equals("-fvisibility=default")
                || arg.equals("-fvisibility-inlines-hidden")) {
            return VISIBILITY;
        }
        if (arg.equals("-fno-semantic-interposition")) {
            return INTERPOSITION;
        }
        if (arg.equals("-fwhole-program")) {
            return WHOLE;
        }
        return null;
    }

    /**
     * The arguments of the program's link that every module library links with: libraries
     * ({@code -lm}, {@code /usr/lib/.../libz.so}, a foreign {@code .a}), {@code -L} paths,
     * {@code -pthread}, {@code -Wl,} options that suit a shared library. Left out: the output,
     * what is only for executables, what needs the whole program at once.
     *
     * @param arguments the link's arguments after the compiler, without the project's own objects
     *                  and archives (those are modules)
     */
    public static Filtered linkInputs(List<String> arguments) {
        var kept = new ArrayList<String>();
        var dropped = new ArrayList<DroppedFlag>();
        for (int i = 0; i < arguments.size(); i++) {
            var arg = arguments.get(i);
            if (arg.equals("-o")) {
                i++;
                continue;
            }
            if ((arg.equals("-L") || arg.equals("-l") || arg.equals("-Xlinker") || arg.equals("-u"))
                    && i + 1 < arguments.size()) {
                kept.add(arg);
                kept.add(arguments.get(++i));
                continue;
            }
            if (arg.startsWith("-o")) {
                continue;
            }
            var reason = linkReason(arg);
            if (reason != null) {
                note(dropped, arg, reason);
            } else if (arg.startsWith("-l") || arg.startsWith("-L") || arg.startsWith("-Wl,") || arg.equals("-pthread")
                    || arg.equals("-rdynamic") || arg.startsWith("-fsanitize") || !arg.startsWith("-")) {
                kept.add(arg);
            }
            // anything else on a link line (-O2, -std=..., -W..., -g) only mattered to compiles
        }
        return new Filtered(kept, dropped);
    }

    /** Why a link argument cannot stay, or null when it can. */
    static String linkReason(String arg) {
        if (arg.equals("-static") || arg.equals("-static-pie") || arg.equals("-pie") || arg.equals("-no-pie")) {
            return "the program runs as shared libraries in hcr's host, not as an executable";
        }
        if (arg.equals("-s") || arg.equals("-Wl,-s") || arg.equals("-Wl,--strip-all")) {
            return "hcr reads the modules' symbol tables and debug information";
        }
        if (arg.equals("-flto") || arg.startsWith("-flto=") || arg.equals("-fuse-linker-plugin")) {
            return LTO;
        }
        if (arg.startsWith("-Wl,") && (arg.contains("--gc-sections") || arg.contains("--version-script")
                || arg.contains("-Map") || arg.contains("--icf") || arg.contains("--dynamic-list")
                || arg.contains("--exclude-libs"))) {
            return "it needs the whole program at once; every module is linked alone";
        }
        return null;
    }

    private static void note(List<DroppedFlag> dropped, String flag, String reason) {
        DroppedFlag.addOnce(dropped, new DroppedFlag(flag, reason));
    }
}

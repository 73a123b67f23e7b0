package hcr.project.init;

import java.util.regex.Pattern;

/**
 * What a recorded execution is to hcr init, told by its executable's name: a C compiler driver
 * ({@code gcc}, {@code cc}, {@code clang}, {@code x86_64-linux-gnu-gcc-12}, {@code c99}), an
 * archiver ({@code ar}, {@code gcc-ar}, {@code llvm-ar}), or anything else (make, sh, libtool's
 * own shell, and the compiler's inner programs cc1, as, collect2, ld).
 */
enum ToolKind {
    COMPILER_DRIVER,
    ARCHIVER,
    OTHER;

    private static final Pattern DRIVER = Pattern.compile("(?:[A-Za-z0-9_.]+-)*(?:cc|gcc|clang|c89|c99|c11|c17|tcc|icx|icc)(?:-[0-9][0-9.]*)?");
    private static final Pattern ARCHIVER_NAME = Pattern.compile("(?:[A-Za-z0-9_.]+-)*ar(?:-[0-9][0-9.]*)?");

    /** The kind of {@code execution}: by the executable's name, else by argv[0]'s. */
    static ToolKind of(Execution execution) {
        var kind = of(execution.name());
        if (kind != OTHER) {
            return kind;
        }
        var argv0 = execution.arguments().get(0);
        return of(argv0.substring(argv0.lastIndexOf('/') + 1));
    }

    /** The kind of an executable named {@code name}. */
    static ToolKind of(String name) {
        if (DRIVER.matcher(name).matches()) {
            return COMPILER_DRIVER;
        }
        if (ARCHIVER_NAME.matcher(name).matches()) {
            return ARCHIVER;
        }
        return OTHER;
    }
}

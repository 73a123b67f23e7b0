package hcr.project.init;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a file on a compiler driver's command line is, told by its name as gcc tells it. */
enum FileKind {
    /** {@code .c}: a C source, a module when it is in the program's closure. */
    C_SOURCE,
    /** Any other source gcc compiles ({@code .S}, {@code .s}, {@code .cpp}, {@code .m}...). */
    OTHER_SOURCE,
    /** {@code .o}, {@code .lo}, {@code .obj}. */
    OBJECT,
    /** {@code .a}. */
    ARCHIVE,
    /** {@code .so} or a versioned {@code .so.1.2}. */
    SHARED_LIBRARY,
    /** Anything else (a linker script, a file with no extension): passed through. */
    OTHER;

    private static final Pattern SHARED = Pattern.compile(".*\\.so(\\.[0-9]+)*");
    private static final Pattern SOURCE = Pattern.compile(
            ".*\\.(i|ii|s|S|sx|cc|cp|cxx|cpp|CPP|c\\+\\+|C|m|mi|mm|M|f|for|f90|f95|F|F90|ada|adb|d|go)");

    static FileKind of(String word) {
        var name = word.substring(word.lastIndexOf('/') + 1);
        if (name.endsWith(".c")) {
            return C_SOURCE;
        }
        var lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".o") || lower.endsWith(".lo") || lower.endsWith(".obj")) {
            return OBJECT;
        }
        if (name.endsWith(".a")) {
            return ARCHIVE;
        }
        if (SHARED.matcher(name).matches()) {
            return SHARED_LIBRARY;
        }
        if (SOURCE.matcher(name).matches()) {
            return OTHER_SOURCE;
        }
        return OTHER;
    }

    boolean isSource() {
        return this == C_SOURCE || this == OTHER_SOURCE;
    }
}

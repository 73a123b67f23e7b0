package hcr.project.init;

import hcr.project.FlagPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One source file compiled by the build.
 *
 * @param source     the source, absolute
 * @param object     the object it made, absolute (for a source compiled and linked in one
 *                   command, where that object would have gone)
 * @param directory  where the compile ran
 * @param compiler   the driver as the build named it ({@code gcc}, {@code /usr/bin/cc})
 * @param options    the command's options that compile this source alone, source included
 * @param sourceWord the source as the command wrote it
 */
record Compile(Path source, Path object, Path directory, String compiler, List<String> options, String sourceWord) {

    Compile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(object, "object");
        options = List.copyOf(options);
    }

    /** A C source ({@code .c}); anything else cannot be a module. */
    boolean isC() {
        return FileKind.of(sourceWord) == FileKind.C_SOURCE;
    }

    /** The flags hcr keeps, and what it leaves out. */
    FlagPolicy.Filtered flags() {
        return FlagPolicy.compileFlags(options, sourceWord);
    }
}

package hcr.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One C source file of the program and how it is compiled, as the program's own build compiles it.
 *
 * @param source    the file, absolute
 * @param directory where the compile runs, absolute: relative paths in {@code flags} and
 *                  diagnostics are relative to it
 * @param flags     the compile arguments that shape the object, in order: everything of the
 *                  recorded command except the compiler itself, {@code -c}, {@code -o FILE}, the
 *                  source and dependency-file options, and what {@link FlagPolicy} dropped
 */
public record ModuleSource(Path source, Path directory, List<String> flags) {

    public ModuleSource {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directory, "directory");
        flags = List.copyOf(flags);
    }
}

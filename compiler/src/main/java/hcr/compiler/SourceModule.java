package hcr.compiler;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code .c} file of the program, the unit that is compiled, linked and reloaded, with the
 * program's own way of compiling it.
 *
 * @param id        the path relative to the project root, {@code /}-separated, without {@code .c}
 *                  ({@code physics/body})
 * @param source    the absolute path of the file
 * @param directory where its compile runs (the project root for a folder of C files; the
 *                  directory the program's own build compiled it in)
 * @param flags     the program's compile flags for it: hcr's defaults for a folder of C files
 *                  ({@code -O0}, {@code -I} the root and its {@code include/}), the recorded
 *                  ones otherwise; hcr adds what reloading needs around them
 */
public record SourceModule(String id, Path source, Path directory, List<String> flags) {

    public SourceModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directory, "directory");
        flags = List.copyOf(flags);
    }

    /** The id with {@code /} replaced by {@code __}: the base of every file made for the module. */
    public String stem() {
        return id.replace("/", "__");
    }

    /** The source as the user knows it, relative to the project root: {@code physics/body.c}. */
    public String sourceName() {
        return id + ".c";
    }

    /** The source as the compile names it: relative to {@link #directory()} when inside it. */
    String sourceArgument() {
        return source.startsWith(directory) ? directory.relativize(source).toString() : source.toString();
    }

    /** The module's library built in {@code generation}: {@code lib<stem>.g<N>.so}, also its soname. */
    public String library(int generation) {
        return "lib" + stem() + ".g" + generation + ".so";
    }
}

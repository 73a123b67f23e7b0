package hcr.compiler;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code .c} file of the project, the unit that is compiled, linked and reloaded.
 *
 * @param id     the path relative to the project root, {@code /}-separated, without {@code .c}
 *               ({@code physics/body})
 * @param source the absolute path of the file
 */
public record SourceModule(String id, Path source) {

    public SourceModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
    }

    /** The id with {@code /} replaced by {@code __}: the base of every file made for the module. */
    public String stem() {
        return id.replace("/", "__");
    }

    /** The source as the user knows it, relative to the project root: {@code physics/body.c}. */
    public String sourceName() {
        return id + ".c";
    }

    /** The module's library built in {@code generation}: {@code lib<stem>.g<N>.so}, also its soname. */
    public String library(int generation) {
        return "lib" + stem() + ".g" + generation + ".so";
    }
}

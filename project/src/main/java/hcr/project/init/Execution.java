package hcr.project.init;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One program the build executed, as the recorder saw it.
 *
 * @param executable the file executed ({@code /usr/bin/gcc})
 * @param arguments  its whole argument vector, {@code argv[0]} included
 * @param directory  its working directory, absolute
 */
public record Execution(Path executable, List<String> arguments, Path directory) {

    public Execution {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(directory, "directory");
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("an execution has at least argv[0]");
        }
    }

    /** The arguments after {@code argv[0]}. */
    public List<String> options() {
        return arguments.subList(1, arguments.size());
    }

    /** The file name of the executable ({@code gcc-12}), or of argv[0] when that is all there is. */
    public String name() {
        var file = executable.getFileName();
        return file == null ? Path.of(arguments.get(0)).getFileName().toString() : file.toString();
    }

    /** The build's own command line, for messages: {@code gcc -c -o lapi.o lapi.c}. */
    public String commandLine() {
        return String.join(" ", arguments);
    }
}

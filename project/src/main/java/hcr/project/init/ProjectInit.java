package hcr.project.init;

import hcr.project.HcrToml;
import hcr.project.ModelException;
import hcr.project.ProjectFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code hcr init}: runs the project's build once under the recorder, finds the program's link
 * and its closure, and writes {@code <dir>/hcr.toml}. Nothing else in the project is written
 * but the recording under {@code <dir>/.hcr/init/}.
 */
public final class ProjectInit {

    /**
     * What to learn.
     *
     * @param directory the project directory, as the user gave it
     * @param target    {@code --target}: the program's name or its path relative to the directory
     * @param command   the build command, run in the directory
     * @param force     whether an existing hcr.toml may be replaced
     */
    public record Request(Path directory, Optional<String> target, List<String> command, boolean force) {
        public Request {
            command = List.copyOf(command);
        }
    }

    /**
     * What was learnt.
     *
     * @param file    the hcr.toml written
     * @param project its content
     * @param summary the lines told the user (already passed to the listener)
     */
    public record Result(Path file, ProjectFile project, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    /** Where the recording of the build goes, under the project directory. */
    public static final Path RECORDING = Path.of(".hcr", "init", "build-events.json");

    private final BuildRecorder recorder;
    private final Consumer<String> say;

    /**
     * @param recorder runs the build
     * @param say      receives each line hcr init tells the user, without a prefix
     */
    public ProjectInit(BuildRecorder recorder, Consumer<String> say) {
        this.recorder = recorder;
        this.say = say;
    }

    public Result run(Request request) throws ModelException {
        var given = request.directory();
        if (!Files.isDirectory(given)) {
            throw new ModelException(given + ": no such directory");
        }
        if (request.command().isEmpty()) {
            throw new ModelException("no build command: give it after --, like: hcr init " + given + " -- make");
        }
        var file = given.resolve(HcrToml.FILE_NAME).normalize();
        if (Files.exists(file) && !request.force()) {
            throw new ModelException(file + " exists; --force replaces it");
        }
        Path root;
        try {
            root = given.toRealPath();
        } catch (IOException e) {
            throw new ModelException(given + ": " + e.getMessage());
        }
        var command = CommandWords.line(request.command());
        var recording = root.resolve(RECORDING);
        int status = recorder.record(root, request.command(), recording);
        if (status != 0) {
            throw new ModelException("the build command failed (exit status " + status + "): " + command);
        }
        var graph = BuildGraph.of(BuildRecording.read(recording));
        var program = new ProgramChoice(graph, root).choose(request.target(), command, say);
        var closure = new ClosureTracer(graph, root).trace(program);
        if (closure.modules().isEmpty()) {
            throw new ModelException(program.name() + "'s link holds no C source the build compiled: nothing to reload");
        }
        var name = program.name();
        var project = new ProjectFileLayout(root).layout(name, closure);
        var header = List.of(
                "Written by `hcr init` from the build command `" + command + "`, program " + name
                        + " (linked in " + relative(root, program.directory()) + ").",
                "Learn the build again after changing it: hcr init --force . --target " + CommandWords.quote(name)
                        + " -- " + command);
        write(file, HcrToml.write(project, header));
        var summary = new ArrayList<>(new InitSummary(root).lines(command, project, closure, graph));
        summary.add("wrote " + file);
        summary.forEach(say);
        return new Result(file, project, summary);
    }

    private static void write(Path file, String text) throws ModelException {
        var temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot write: " + e.getMessage());
        }
    }

    private static String relative(Path root, Path path) {
        if (!path.startsWith(root)) {
            return path.toString();
        }
        var rel = root.relativize(path).toString();
        return rel.isEmpty() ? "." : rel;
    }
}

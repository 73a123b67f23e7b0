package hcr.project.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a recorded build made and from what: every compile by the object it wrote, every
 * archive with its members, every link by its output. Files are known by their real path when
 * they still exist (a link through {@code .libs/libfoo.so}, a symbolic link, finds the
 * {@code libfoo.so.0.0.0} the build linked), otherwise by their normalised absolute path. When
 * the build made a file twice, the last time counts.
 */
final class BuildGraph {
    private final List<Compile> compiles = new ArrayList<>();
    private final Map<Path, Compile> compilesByObject = new LinkedHashMap<>();
    private final Map<Path, List<Path>> archiveMembers = new LinkedHashMap<>();
    private final Map<Path, Link> links = new LinkedHashMap<>();
    private int driverRuns;

    private BuildGraph() {
    }

    /** The graph of {@code recording}. */
    static BuildGraph of(BuildRecording recording) {
        var graph = new BuildGraph();
        recording.executions().forEach(graph::add);
        return graph;
    }

    private void add(Execution execution) {
        switch (ToolKind.of(execution)) {
            case COMPILER_DRIVER -> addDriver(DriverCommand.parse(execution));
            case ARCHIVER -> ArchiveCommand.parse(execution).ifPresent(a -> addArchive(execution.directory(), a));
            case OTHER -> {
            }
        }
    }

    private void addDriver(DriverCommand command) {
        var directory = command.execution().directory();
        var compiler = command.execution().arguments().get(0);
        switch (command.mode()) {
            case COMPILE -> {
                driverRuns++;
                var sources = command.sources();
                for (var source : sources) {
                    var object = sources.size() == 1 && command.output().isPresent()
                            ? directory.resolve(command.output().get()).normalize()
                            : directory.resolve(objectName(source.text())).normalize();
                    var compile = new Compile(directory.resolve(source.text()).normalize(), object, directory, compiler,
                            command.optionsFor(source), source.text());
                    compiles.add(compile);
                    compilesByObject.put(identity(object), compile);
                }
            }
            case LINK -> {
                driverRuns++;
                var output = directory.resolve(command.output().orElse("a.out")).normalize();
                var key = identity(output);
                links.remove(key);
                links.put(key, new Link(output, command));
            }
            case OTHER -> {
            }
        }
    }

    private void addArchive(Path directory, ArchiveCommand command) {
        var members = archiveMembers.computeIfAbsent(identity(command.archivePath(directory)), k -> new ArrayList<>());
        for (var member : command.members()) {
            var path = directory.resolve(member).normalize();
            members.remove(path);
            if (command.adds()) {
                members.add(path);
            }
        }
    }

    /** {@code dir/foo.c} compiled without {@code -o}: gcc writes {@code foo.o} in the working directory. */
    static String objectName(String source) {
        var name = source.substring(source.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".o";
    }

    /** How a file is known: its real path when it exists, else its normalised absolute path. */
    static Path identity(Path file) {
        var path = file.toAbsolutePath().normalize();
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path;
        }
    }

    /** Whether the build ran a compiler driver that compiled or linked anything. */
    boolean ranCompiler() {
        return driverRuns > 0;
    }

    /** Every compile, in the order the build ran them. */
    List<Compile> compiles() {
        return List.copyOf(compiles);
    }

    /** Every link, in the order the build last ran them. */
    List<Link> links() {
        return List.copyOf(links.values());
    }

    /**
     * The compile that made {@code object}. For libtool's objects the PIC compile is chosen:
     * {@code foo.lo} and {@code foo.o} both stand for {@code .libs/foo.o} when the build made
     * it from the same source.
     */
    Optional<Compile> compileOf(Path object) {
        var name = object.getFileName().toString();
        var parent = object.getParent();
        var stem = name.substring(0, name.lastIndexOf('.'));
        var pic = parent == null || parent.endsWith(".libs") ? null
                : compilesByObject.get(identity(parent.resolve(".libs").resolve(stem + ".o")));
        if (name.endsWith(".lo")) {
            return Optional.ofNullable(pic != null ? pic : compilesByObject.get(identity(parent.resolve(stem + ".o"))));
        }
        var plain = compilesByObject.get(identity(object));
        if (plain != null && pic != null && pic.source().equals(plain.source())) {
            return Optional.of(pic);
        }
        return Optional.ofNullable(plain);
    }

    /** The archive at {@code path}, when this build made it. */
    Optional<Archive> archive(Path path) {
        var members = archiveMembers.get(identity(path));
        return members == null ? Optional.empty() : Optional.of(new Archive(path, members));
    }

    /** The link that made {@code output}, when this build made it. */
    Optional<Link> linkOf(Path output) {
        return Optional.ofNullable(links.get(identity(output)));
    }
}

package hcr.project.init;

import hcr.project.FlagPolicy;
import hcr.project.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows a program's link line to every object in it: the objects named on it, the members of
 * the project's own static archives (named by path or found through {@code -L}/{@code -l}),
 * the objects of the project's own shared libraries and the libraries those link with, and the
 * parts of {@code ld -r} objects; each object is traced to the compile that made it. An archive
 * or library is the project's own when this build made it inside the project directory;
 * anything else stays on the link line as it was written.
 */
final class ClosureTracer {
    private final BuildGraph graph;
    private final Path root;

    /**
     * @param root the project directory, as a real path
     */
    ClosureTracer(BuildGraph graph, Path root) {
        this.graph = graph;
        this.root = root;
    }

    Closure trace(Link program) throws ModelException {
        var walk = new Walk(program);
        walk.line(program, true);
        return walk.closure();
    }

    /** One trace: what it found so far. */
    private final class Walk {
        private final Link program;
        private final Map<Path, Compile> modules = new LinkedHashMap<>();
        private final List<String> own = new ArrayList<>();
        private final List<String> inherited = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<Path> visited = new HashSet<>();

        Walk(Link program) {
            this.program = program;
        }

        Closure closure() {
            var arguments = new ArrayList<>(own);
            inherited.stream().filter(a -> !arguments.contains(a)).distinct().forEach(arguments::add);
            arguments.removeIf(a -> a.startsWith("-L") && !neededSearchDirectory(a.substring(2), arguments));
            return new Closure(program, List.copyOf(modules.values()), arguments, notes);
        }

        /**
         * Walks the arguments of {@code link}: the program's own line ({@code programLine}) keeps
         * every option for the link inputs; a library's line gives only its libraries.
         */
        void line(Link link, boolean programLine) throws ModelException {
            var command = link.command();
            var options = command.execution().options();
            var directory = link.directory();
            var files = new LinkedHashMap<Integer, DriverCommand.FileWord>();
            command.files().forEach(f -> files.put(f.index(), f));
            var searchDirs = searchDirectories(options, directory);
            boolean staticOnly = false;
            for (int i = 0; i < options.size(); i++) {
                var arg = options.get(i);
                boolean hasNext = i + 1 < options.size();
                var file = files.get(i);
                if (file != null) {
                    file(link, file, programLine);
                } else if (arg.equals("-o") && hasNext) {
                    i++;
                } else if (arg.startsWith("-o") && arg.length() > 2 && !arg.startsWith("-openmp")) {
                    continue;
                } else if (arg.equals("-l") && hasNext) {
                    library(options.get(++i), searchDirs, staticOnly, programLine);
                } else if (arg.startsWith("-l") && arg.length() > 2) {
                    library(arg.substring(2), searchDirs, staticOnly, programLine);
                } else if (arg.equals("-L") && hasNext) {
                    emit(programLine, "-L" + relative(directory, options.get(++i)));
                } else if (arg.startsWith("-L") && arg.length() > 2) {
                    emit(programLine, "-L" + relative(directory, arg.substring(2)));
                } else if (arg.equals("-pthread")) {
                    emit(programLine, arg);
                } else if (programLine) {
                    staticOnly = switch (arg) {
                        case "-static", "-Wl,-Bstatic", "-Wl,-static", "-Wl,-dn", "-Wl,-non_shared" -> true;
                        case "-Wl,-Bdynamic", "-Wl,-dy", "-Wl,-call_shared" -> false;
                        default -> staticOnly;
                    };
                    i = option(options, i, directory);
                } else if (FlagPolicy.takesArgument(arg)) {
                    i++;
                }
            }
        }

        /** An option of the program's line other than libraries; returns the index of its last word. */
        private int option(List<String> options, int i, Path directory) {
            var arg = options.get(i);
            boolean hasNext = i + 1 < options.size();
            if ((arg.equals("-Xlinker") || arg.equals("-u")) && hasNext) {
                own.add(arg);
                own.add(options.get(i + 1));
                return i + 1;
            }
            if (arg.equals("-z") && hasNext) {
                own.add("-Wl,-z," + options.get(i + 1));
                return i + 1;
            }
            if (arg.equals("-T") && hasNext) {
                own.add("-Wl,-T," + relative(directory, options.get(i + 1)));
                return i + 1;
            }
            if (FlagPolicy.takesArgument(arg) && hasNext) {
                return i + 1; // a compile option and its value (-I dir, -D X, -include f): nothing for the link
            }
            own.add(arg);
            return i;
        }

        private void file(Link link, DriverCommand.FileWord file, boolean programLine) throws ModelException {
            var directory = link.directory();
            var path = directory.resolve(file.text()).normalize();
            switch (file.kind()) {
                case C_SOURCE -> module(new Compile(path, directory.resolve(BuildGraph.objectName(file.text())).normalize(),
                        directory, link.command().execution().arguments().get(0), link.command().optionsFor(file),
                        file.text()));
                case OTHER_SOURCE -> throw new ModelException(program.name() + "'s link compiles " + shown(path)
                        + " itself, which is not C; only C sources can be modules");
                case OBJECT -> object(path, relative(directory, file.text()), programLine);
                case ARCHIVE -> archive(path, file.text(), directory, programLine);
                case SHARED_LIBRARY -> sharedLibrary(path, file.text(), directory, programLine);
                case OTHER -> {
                    if (programLine) {
                        own.add(relative(directory, file.text()));
                    }
                }
            }
        }

        private void object(Path path, String written, boolean programLine) throws ModelException {
            var compile = graph.compileOf(path);
            if (compile.isPresent()) {
                if (!compile.get().isC()) {
                    notC(path, compile.get());
                    return;
                }
                module(compile.get());
                return;
            }
            var partial = graph.linkOf(path).filter(l -> l.command().relocatable());
            if (partial.isPresent()) {
                if (visited.add(partial.get().output())) {
                    line(partial.get(), false);
                }
                return;
            }
            if (inside(path)) {
                throw new ModelException(program.name() + "'s link uses " + shown(path) + ", which the build did not"
                        + " compile: a prebuilt object, or one built before hcr init ran (clean the tree and run"
                        + " hcr init again)");
            }
            emit(programLine, written);
        }

        /**
         * An object compiled from something other than C (assembly: zstd's huf_decompress_amd64.S)
         * is not a module: it becomes a link input, linked as it is into the library every module
         * shares, and is never reloaded. The build's own object is used, so it must be -fPIC.
         */
        private void notC(Path object, Compile compile) {
            var written = root.relativize(object).toString();
            if (!own.contains(written)) {
                own.add(written);
                notes.add("not a module: " + shown(object) + " (from " + shown(compile.source())
                        + ", not C): linked as it is, never reloaded");
            }
        }

        private void archive(Path path, String written, Path directory, boolean programLine) throws ModelException {
            var archive = graph.archive(path).filter(a -> inside(path));
            if (archive.isEmpty()) {
                emit(programLine, relative(directory, written));
                return;
            }
            if (visited.add(BuildGraph.identity(path))) {
                for (var member : archive.get().members()) {
                    object(member, relative(member.getParent(), member.toString()), false);
                }
            }
        }

        private void sharedLibrary(Path path, String written, Path directory, boolean programLine) throws ModelException {
            var library = graph.linkOf(path).filter(Link::isSharedLibrary).filter(l -> inside(path));
            if (library.isEmpty()) {
                emit(programLine, relative(directory, written));
                return;
            }
            if (visited.add(library.get().output())) {
                line(library.get(), false);
            }
        }

        private void library(String name, List<Path> searchDirs, boolean staticOnly, boolean programLine)
                throws ModelException {
            var found = LibrarySearch.find(name, searchDirs, staticOnly);
            if (found.isPresent() && inside(found.get())) {
                var path = found.get();
                if (FileKind.of(path.toString()) == FileKind.ARCHIVE && graph.archive(path).isPresent()) {
                    archive(path, path.toString(), path.getParent(), programLine);
                    return;
                }
                if (graph.linkOf(path).filter(Link::isSharedLibrary).isPresent()) {
                    sharedLibrary(path, path.toString(), path.getParent(), programLine);
                    return;
                }
            }
            emit(programLine, "-l" + name);
        }

        private void module(Compile compile) {
            var known = modules.get(compile.source());
            if (known == null) {
                modules.put(compile.source(), compile);
            } else if (!known.flags().kept().equals(compile.flags().kept())) {
                notes.add(shown(compile.source()) + " is compiled twice into " + program.name()
                        + " with different flags; hcr uses the first: " + String.join(" ", known.flags().kept()));
            }
        }

        private void emit(boolean programLine, String argument) {
            (programLine ? own : inherited).add(argument);
        }

        /** Whether a -L directory inside the project serves a library that stays a link input. */
        private boolean neededSearchDirectory(String written, List<String> arguments) {
            var directory = root.resolve(written).normalize();
            if (!inside(directory)) {
                return true;
            }
            return arguments.stream().filter(a -> a.startsWith("-l") && a.length() > 2)
                    .anyMatch(a -> LibrarySearch.find(a.substring(2), List.of(directory), false).isPresent());
        }
    }

    /** The -L directories of a link line, in order, then its working directory. */
    private static List<Path> searchDirectories(List<String> options, Path directory) {
        var dirs = new ArrayList<Path>();
        for (int i = 0; i < options.size(); i++) {
            var arg = options.get(i);
            if (arg.equals("-L") && i + 1 < options.size()) {
                dirs.add(directory.resolve(options.get(++i)).normalize());
            } else if (arg.startsWith("-L") && arg.length() > 2) {
                dirs.add(directory.resolve(arg.substring(2)).normalize());
            } else if (FlagPolicy.takesArgument(arg)) {
                i++;
            }
        }
        dirs.add(directory);
        return dirs;
    }

    private boolean inside(Path path) {
        return BuildGraph.identity(path).startsWith(root) || path.toAbsolutePath().normalize().startsWith(root);
    }

    /** A path of a link line made relative to the project directory (absolute paths outside it stay). */
    private String relative(Path directory, String written) {
        var path = directory.resolve(written).normalize();
        if (Path.of(written).isAbsolute() && !path.startsWith(root)) {
            return written;
        }
        var rel = root.relativize(path).toString();
        return rel.isEmpty() ? "." : rel;
    }

    private String shown(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}

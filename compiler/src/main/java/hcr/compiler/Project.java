package hcr.compiler;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import hcr.project.ProgramModel;
import java.util.List;

/**
 * The modules of a project for one build. For a bare folder, as found on disk right now: every
 * {@code *.c} under the root, except under the build folder, {@code .git} and directories whose
 * name starts with a dot, compiled with hcr's defaults. For a described program
 * ({@link ProgramModel}: hcr.toml or a compile database), the model's sources with their own
 * compile commands.
 *
 * @param root     the project directory
 * @param buildDir the build folder, never scanned
 * @param modules  sorted by id
 * @param folder   true for a bare folder of C files (hcr's own flags)
 */
public record Project(Path root, Path buildDir, List<SourceModule> modules, boolean folder) {

    public Project {
        modules = List.copyOf(modules);
    }

    /**
     * Scans {@code root}.
     *
     * @throws ProjectException when the directory is missing, or a file name cannot make a module
     *                          (a space in it, or two files mapping to one file stem)
     */
    public static Project scan(Path root, Path buildDir) throws ProjectException {
        var top = root.toAbsolutePath().normalize();
        var build = buildDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(top)) {
            throw new ProjectException("project directory " + top + " does not exist or is not a directory");
        }
        var found = new ArrayList<SourceModule>();
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(top)) {
                        return FileVisitResult.CONTINUE;
                    }
                    var name = dir.getFileName().toString();
                    return name.startsWith(".") || dir.equals(build)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                    var name = path.getFileName().toString();
                    boolean file = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(path);
                    if (file && name.endsWith(".c") && name.length() > 2) {
                        found.add(moduleOf(top, path));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (file.equals(top)) {
                        throw e;
                    }
                    return FileVisitResult.CONTINUE; // vanished while walking, or unreadable dir: not a module
                }
            });
        } catch (IOException e) {
            throw new ProjectException("cannot scan project directory " + top + ": " + e.getMessage());
        }
        found.sort(Comparator.comparing(SourceModule::id));
        check(found);
        return new Project(top, build, found, true);
    }

    /** The modules of {@code model}; a folder model is scanned as {@link #scan} does. */
    public static Project of(ProgramModel model, Path buildDir) throws ProjectException {
        if (model.isFolder()) {
            return scan(model.root(), buildDir);
        }
        var root = model.root();
        var modules = new ArrayList<SourceModule>();
        for (var source : model.modules()) {
            if (!source.source().startsWith(root)) {
                throw new ProjectException(source.source() + ": a module's source must be inside the project " + root);
            }
            var relative = root.relativize(source.source()).toString().replace('\\', '/');
            if (!relative.endsWith(".c")) {
                throw new ProjectException(relative + ": a module's source must be a .c file");
            }
            modules.add(new SourceModule(relative.substring(0, relative.length() - 2), source.source(),
                    source.directory(), source.flags()));
        }
        modules.sort(Comparator.comparing(SourceModule::id));
        check(modules);
        return new Project(root, buildDir.toAbsolutePath().normalize(), modules, false);
    }

    /** A folder's module: compiled in the root with hcr's defaults, {@code -O0} and the root and its {@code include/} on the include path. */
    private static SourceModule moduleOf(Path root, Path file) {
        var relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return new SourceModule(relative.substring(0, relative.length() - 2), file, root,
                List.of("-O0", "-I" + root, "-I" + root.resolve("include")));
    }

    private static void check(List<SourceModule> modules) throws ProjectException {
        var byStem = new HashMap<String, SourceModule>();
        for (var module : modules) {
            if (module.id().chars().anyMatch(Character::isWhitespace)) {
                throw new ProjectException(module.sourceName()
                        + ": a module's path cannot contain white space; rename the file or its folder");
            }
            var clash = byStem.putIfAbsent(module.stem(), module);
            if (clash != null) {
                throw new ProjectException(clash.sourceName() + " and " + module.sourceName()
                        + " both map to the library name lib" + module.stem() + "; rename one of them");
            }
        }
    }
}

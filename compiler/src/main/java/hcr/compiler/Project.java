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
import java.util.List;

/**
 * The modules of a project as found on disk right now: every {@code *.c} under the root,
 * except under the build folder, {@code .git} and directories whose name starts with a dot.
 *
 * @param root     the project directory
 * @param buildDir the build folder, never scanned
 * @param modules  sorted by id
 */
public record Project(Path root, Path buildDir, List<SourceModule> modules) {

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
        return new Project(top, build, found);
    }

    private static SourceModule moduleOf(Path root, Path file) {
        var relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return new SourceModule(relative.substring(0, relative.length() - 2), file);
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

    /** The {@code -I} options every compile gets: the root, {@code <root>/include}, and hcr.h's folder. */
    public List<String> includeOptions(Path hcrIncludeDir) {
        return List.of("-I" + root, "-I" + root.resolve("include"), "-I" + hcrIncludeDir);
    }
}

package hcr.cli.smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project a scenario runs: a copy of the original folder (its build folder left out), edited
 * the way {@code cp} and editors that write in place edit files. The original is never touched.
 *
 * @param original the project folder the scenario names
 * @param edits    its folder of edit variants
 * @param dir      the copy, named like the original so the program keeps its name
 */
record ProjectCopy(Path original, Path edits, Path dir) {

    private static final Path BUILD_FOLDER = Path.of(".hcr");

    /** Copies {@code original} into {@code parent/<its name>}. */
    static ProjectCopy of(Path original, Path edits, Path parent) throws IOException {
        if (!Files.isDirectory(original)) {
            throw new IOException("no project folder " + original);
        }
        var dir = parent.resolve(original.getFileName().toString());
        try (var files = Files.walk(original)) {
            for (var file : (Iterable<Path>) files.filter(f -> !original.relativize(f).startsWith(BUILD_FOLDER))::iterator) {
                var target = dir.resolve(original.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return new ProjectCopy(original, edits, dir);
    }

    /** The copy's build folder. */
    Path buildDir() {
        return dir.resolve(BUILD_FOLDER);
    }

    /** Copies {@code edits/<variant>} over the project; an empty {@code X.delete} removes X. Returns the files touched. */
    List<String> apply(String variant) throws IOException {
        var from = edits.resolve(variant);
        if (!Files.isDirectory(from)) {
            throw new IOException("no edit variant " + from);
        }
        List<Path> files;
        try (var walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (var file : files) {
            var relative = from.relativize(file).toString();
            if (relative.endsWith(".delete")) {
                Files.deleteIfExists(dir.resolve(relative.substring(0, relative.length() - ".delete".length())));
            } else {
                var target = dir.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.write(target, Files.readAllBytes(file));
            }
        }
        return files.stream().map(file -> from.relativize(file).toString()).toList();
    }

    /** Replaces every match of {@code regex} in {@code file}; returns how many there were (at least one). */
    int edit(String file, Pattern regex, String replacement) throws IOException {
        var path = inside(file);
        var text = Files.readString(path, StandardCharsets.UTF_8);
        var matcher = regex.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        if (count == 0) {
            throw new IOException("/" + regex + "/ matches nothing in " + file);
        }
        Files.writeString(path, regex.matcher(text).replaceAll(replacement), StandardCharsets.UTF_8);
        return count;
    }

    /** Writes {@code file} again with the bytes it has. */
    void touch(String file) throws IOException {
        var path = inside(file);
        Files.write(path, Files.readAllBytes(path));
    }

    void delete(String file) throws IOException {
        if (!Files.deleteIfExists(inside(file))) {
            throw new IOException("no file " + file + " to delete");
        }
    }

    /**
     * Puts {@code files} back as the original has them (one the original lacks is deleted); with
     * none named, the whole project. Only files that differ are written. Returns how many changed.
     */
    int restore(List<String> files) throws IOException {
        var names = files.isEmpty() ? allFiles() : files;
        int changed = 0;
        for (var name : names) {
            var source = original.resolve(name);
            var target = inside(name);
            if (!Files.exists(source)) {
                if (Files.deleteIfExists(target)) {
                    changed++;
                }
                continue;
            }
            var bytes = Files.readAllBytes(source);
            if (!Files.exists(target) || !Arrays.equals(bytes, Files.readAllBytes(target))) {
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
                changed++;
            }
        }
        return changed;
    }

    /** Every file of the original and of the copy, build folders left out. */
    private List<String> allFiles() throws IOException {
        try (var mine = Files.walk(dir); var theirs = Files.walk(original)) {
            return Stream.concat(files(dir, mine), files(original, theirs)).distinct()
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    private static Stream<String> files(Path root, Stream<Path> walk) {
        return walk.filter(Files::isRegularFile).map(root::relativize)
                .filter(path -> !path.startsWith(BUILD_FOLDER)).map(Path::toString);
    }

    private Path inside(String file) throws IOException {
        var path = dir.resolve(file).normalize();
        if (!path.startsWith(dir) || path.startsWith(buildDir())) {
            throw new IOException(file + " is not a file of the project");
        }
        if (!Files.isRegularFile(path) && !file.isEmpty() && Files.exists(path)) {
            throw new IOException(file + " is not a file");
        }
        return path;
    }

    /** Removes the copy. */
    void remove() throws IOException {
        try (var walk = Files.walk(dir.getParent())) {
            for (var path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}

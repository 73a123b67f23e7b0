package hcr.cli;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of one fixture ({@code test-fixtures/<name>}) in a test's temporary folder, edited the
 * ways editors and people edit files. Variants follow test-fixtures/README.md: a variant's files
 * replace the project's, an {@code X.delete} marker removes X.
 */
record Project(String fixture, Path dir) {

    /** A copy of {@code fixture} in {@code parent/<fixture>}, so hcr names the program after it. */
    static Project copy(String fixture, Path parent) {
        var dir = parent.resolve(fixture);
        copyTree(Hcr.fixtures().resolve(fixture), dir);
        return new Project(fixture, dir);
    }

    /** A project of one file written by the test. */
    static Project of(Path parent, String name, String file, String text) {
        var dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Project(name, dir);
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies {@code edits/<fixture>/<variant>} the way {@code cp} does: each file rewritten in place. */
    void apply(String variant) {
        var edits = Hcr.fixtures().resolve("edits").resolve(fixture).resolve(variant);
        assertTrue(Files.isDirectory(edits), () -> "no edit variant " + edits);
        try (var files = Files.walk(edits)) {
            for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                var target = dir.resolve(edits.relativize(file).toString());
                var name = target.getFileName().toString();
                if (name.endsWith(".delete")) {
                    Files.deleteIfExists(target.resolveSibling(name.substring(0, name.length() - ".delete".length())));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} over {@code name} in place, as {@code cp} and editors without atomic saves do. */
    void write(String name, String text) {
        try {
            Files.writeString(file(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves like VS Code's or JetBrains' atomic save: a temporary file renamed over the source. */
    void saveByRename(String name, String text) {
        try {
            var temp = Files.writeString(dir.resolve("." + name + ".tmp"), text);
            Files.move(temp, file(name), ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a real vim that substitutes {@code pattern} with {@code replacement} in {@code name}
     * and writes the file: with 'backupcopy' auto it probes with {@code 4913}, renames the file to
     * {@code name~}, writes a new one and keeps the backup.
     */
    void editWithVim(String name, String pattern, String replacement) {
        RequiredTool.requireExecutable(Path.of("/usr/bin/vim"), "vim");
        Hcr.toolOk(dir, "/usr/bin/vim", "-u", "NONE", "-i", "NONE", "-N", "-Es",
                "-c", "set backup writebackup backupskip= backupcopy=auto",
                "-c", "%s/" + pattern + "/" + replacement + "/", "-c", "wq", name);
        assertTrue(Files.exists(file(name + "~")), "vim should have saved by rename, keeping a backup");
    }

    /** Runs {@code sed -i script name}: sed writes a temporary file and renames it over the source. */
    void editWithSed(String name, String script) {
        Hcr.toolOk(dir, "sed", "-i", script, name);
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            fail("no fixture " + from);
        }
        try (var files = Files.walk(from)) {
            // a build folder left by running hcr on the fixture itself is not part of it
            for (var file : (Iterable<Path>) files.filter(f -> !from.relativize(f).startsWith(".hcr"))::iterator) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

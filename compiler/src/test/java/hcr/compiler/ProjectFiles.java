package hcr.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small C project on disk, written by a test. */
record ProjectFiles(Path dir) {

    ProjectFiles write(String relative, String text) {
        try {
            var file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProjectFiles delete(String relative) {
        try {
            Files.delete(dir.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the modification time into the future without changing the content. */
    ProjectFiles touch(String relative) {
        try {
            Files.setLastModifiedTime(dir.resolve(relative), FileTime.from(Instant.now().plusSeconds(5)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }

    Path gen(int number) {
        return dir.resolve(".hcr/gen/" + number);
    }

    String current() {
        try {
            return Files.readString(dir.resolve(".hcr/gen/current"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BuildConfig config() {
        return BuildConfig.defaults(dir).withCc("gcc").withJobs(2);
    }

    /** Runs a command in the project folder and returns what it printed; fails on a non-zero exit. */
    String run(String... command) {
        var result = runAllowingFailure(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    Subprocess.Result runAllowingFailure(String... command) {
        try {
            return Subprocess.run(new ArrayList<>(List.of(command)), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

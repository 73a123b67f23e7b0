package hcr.project.init;

import hcr.project.ModelException;
import hcr.testsupport.RequiredTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway C project written by a test (its sources and its Makefile), and {@code hcr init}
 * run on it for real: the build runs under the real {@code bear}.
 */
final class TestProject {
    final Path dir;

    TestProject(Path dir) {
        this.dir = dir;
    }

    /** Requires bear and the tools the project's build uses: a missing one fails under CI=true, is skipped elsewhere. */
    static void requireTools(String... tools) {
        RequiredTool.require(BuildRecorder.bearOnPath().isPresent(), "bear (apt-get install bear)");
        for (var tool : tools) {
            RequiredTool.require(onPath(tool), tool);
        }
    }

    static boolean onPath(String tool) {
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code text} to {@code path} under the project; a Makefile's recipe lines start with {@code >}, made a tab. */
    TestProject file(String path, String text) {
        var file = dir.resolve(path);
        var content = path.endsWith("Makefile") ? text.replaceAll("(?m)^>", "\t") : text;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Runs {@code hcr init} with {@code --target} (null for none) and the build {@code command}. */
    Run init(String target, String... command) {
        return init(target, false, command);
    }

    Run init(String target, boolean force, String... command) {
        var output = new ByteArrayOutputStream();
        var said = new ArrayList<String>();
        var init = new ProjectInit(new BuildRecorder(BuildRecorder.bearOnPath(), Optional.of(output)), said::add);
        try {
            var result = init.run(new ProjectInit.Request(dir, Optional.ofNullable(target), List.of(command), force));
            return new Run(Optional.of(result), Optional.empty(), output.toString(StandardCharsets.UTF_8), said);
        } catch (ModelException e) {
            return new Run(Optional.empty(), Optional.of(e.getMessage()), output.toString(StandardCharsets.UTF_8), said);
        }
    }

    /** Runs the shell {@code command} in the project (to prepare prebuilt files outside hcr init); fails on error. */
    void shell(String command) {
        try {
            var process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
            var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError("`" + command + "` failed:\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One run of hcr init.
     *
     * @param result the outcome, when it succeeded
     * @param error  its one-line error, when it failed
     * @param build  what the build printed
     * @param said   what hcr init told the user
     */
    record Run(Optional<ProjectInit.Result> result, Optional<String> error, String build, List<String> said) {

        ProjectInit.Result ok() {
            return result.orElseThrow(() -> new AssertionError("hcr init failed: " + error.orElse("") + "\nbuild:\n" + build));
        }

        String failure() {
            return error.orElseThrow(() -> new AssertionError("hcr init succeeded: " + said));
        }
    }
}

package hcr.cli.bench;

import hcr.project.ModelException;
import hcr.project.init.BuildRecorder;
import hcr.project.init.ProjectInit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code hcr init [--target NAME] -- <build command>}, in process as {@code InitCommand} runs it
 * (the same {@link ProjectInit}, {@code bear} from PATH), the build's output into a log.
 *
 * @param target  {@code --target}
 * @param command the build command
 */
record InitRun(Optional<String> target, List<String> command) {

    /** One init: how long it took and what it said. */
    record Outcome(long micros, ProjectInit.Result result) {
    }

    InitRun {
        command = List.copyOf(command);
    }

    Outcome run(Path dir, Path log) throws BenchFailure, IOException {
        var said = new ArrayList<String>();
        try (OutputStream output = Files.newOutputStream(log)) {
            var init = new ProjectInit(new BuildRecorder(BuildRecorder.bearOnPath(), Optional.of(output)), said::add);
            long start = System.nanoTime();
            var result = init.run(new ProjectInit.Request(dir, target, command, false));
            return new Outcome((System.nanoTime() - start) / 1000, result);
        } catch (ModelException e) {
            throw new BenchFailure("hcr init in " + dir + ": " + e.getMessage() + "\n" + String.join("\n", said)
                    + "\n" + PlainBuild.tail(log) + "\n(a tree already built compiles nothing: clean it, or give"
                    + " --clean 'make clean')");
        }
    }

    String text() {
        return "hcr init" + target.map(name -> " --target " + name).orElse("") + " -- " + String.join(" ", command);
    }
}

package hcr.cli;

import hcr.project.ModelException;
import hcr.project.init.BuildRecorder;
import hcr.project.init.ProjectInit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hcr init [<dir>] [--target NAME] [--force] -- <build command...>}: learn the program from
 * its own build and write {@code <dir>/hcr.toml}. The {@code --} is required: what comes before
 * it is hcr's (the directory, default the current one), what comes after it is the build's, so
 * {@code hcr init -- make linux} can never take {@code make} for the directory.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Learn the program from its own build: run the build once under bear (apt-get install bear),"
                + " find the link that makes the program and every source in it, and write <dir>/hcr.toml."
                + " Clean the tree first (make clean) so that every compile runs.")
final class InitCommand implements Callable<Integer> {
    private static final String PREFIX = "hcr init: ";

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "NAME",
            description = "The program to learn, by name or path relative to <dir>, when the build links several.")
    String target;

    @Option(names = "--force", description = "Replace an existing hcr.toml.")
    boolean force;

    @Parameters(paramLabel = "[<dir>] -- <build command>", arity = "0..*",
            description = "The project directory (default: the current one), then -- and the build command run in it.")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        var original = spec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        if (dashes < 0) {
            System.err.println(PREFIX + "give the build command after --, like: hcr init . -- make");
            return 2;
        }
        int before = positionalsBefore(original.subList(original.indexOf("init") + 1, dashes));
        if (before > 1) {
            System.err.println(PREFIX + "one directory before --, then the build command: hcr init DIR -- make");
            return 2;
        }
        var directory = Path.of(before == 1 ? words.get(0) : ".");
        var command = words.subList(before, words.size());
        var request = new ProjectInit.Request(directory, Optional.ofNullable(target), command, force);
        var init = new ProjectInit(new BuildRecorder(BuildRecorder.bearOnPath(), Optional.empty()),
                line -> System.err.println(PREFIX + line));
        try {
            init.run(request);
            return 0;
        } catch (ModelException e) {
            System.err.println(PREFIX + e.getMessage());
            return 1;
        }
    }

    /** How many of hcr's own words (before {@code --}) are positional: the directory, or none. */
    private static int positionalsBefore(List<String> words) {
        int count = 0;
        for (int i = 0; i < words.size(); i++) {
            var word = words.get(i);
            if (word.equals("--target")) {
                i++;
            } else if (!word.startsWith("-")) {
                count++;
            }
        }
        return count;
    }
}

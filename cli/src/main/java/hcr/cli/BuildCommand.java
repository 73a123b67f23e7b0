package hcr.cli;

import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.compiler.ReleaseBuild;
import hcr.compiler.ReleaseResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hcr build <dir> [--release]}: build once. */
@Command(name = "build", description = "Build the project once: a reloadable generation, or with --release a plain executable.")
final class BuildCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = "--release", description = "Link the same sources into an ordinary optimised executable, with no hcr in it.")
    boolean release;

    @Override
    public Integer call() {
        var terminal = Terminal.standard();
        try {
            var config = project.config();
            if (release) {
                var result = new ReleaseBuild(config, terminal).build();
                if (result instanceof ReleaseResult.Executable executable) {
                    terminal.say("built " + executable.path());
                    return 0;
                }
                return BuildOutcome.failed(terminal, (BuildReport.Failed) result);
            }
            try (var builder = new Builder(config, terminal)) {
                return BuildOutcome.report(terminal, builder.build());
            }
        } catch (ProjectOptions.UsageError e) {
            terminal.say(e.getMessage());
            return 2;
        }
    }
}

package hcr.cli;

import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import hcr.project.ModelException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hcr run <dir> [-- args]}: build and run once. The program still reloads when a new
 * generation is published (by {@code hcr build} from another terminal), but nothing watches.
 */
@Command(name = "run", description = "Build and run the program once, with reloading but without watching.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        var terminal = Terminal.standard();
        try {
            var config = project.config();
            try (var builder = new Builder(config, terminal)) {
                var report = builder.build();
                if (report instanceof BuildReport.Failed failed) {
                    return BuildOutcome.failed(terminal, failed);
                }
            }
            var base = HostOptions.of(config.buildDir())
                    .withOutput(HostOptions.OutputMode.INHERIT_AND_CAPTURE)
                    .withInput(HostOptions.InputMode.INHERIT);
            var options = ProgramLaunch.launch(base, ProgramLaunch.model(config), project.programArgs());
            try (var host = ProgramHost.start(options);
                 var generations = new PublishedGenerations(config.buildDir(), host)) {
                Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "hcr-shutdown"));
                var ending = host.awaitEnding(Duration.ofDays(365));
                if (ending instanceof HostEvent.Exited exited) {
                    return exited.status();
                }
                if (ending instanceof HostEvent.Crashed crash) {
                    terminal.say(CrashReport.line(options.programName(), crash));
                    return 128 + CrashReport.signalNumber(crash.signal());
                }
                return 130;
            }
        } catch (ProjectOptions.UsageError | ModelException e) {
            terminal.say(e.getMessage());
            return 2;
        }
    }
}

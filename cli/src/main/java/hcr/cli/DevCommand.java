package hcr.cli;

import hcr.console.ConsoleOptions;
import hcr.project.ModelException;
import hcr.watcher.WatchOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hcr dev [<dir>] [-- args]}: watch, rebuild and reload until Ctrl-C. */
@Command(name = "dev", description = "Build, run and keep reloading the program as its sources change.")
final class DevCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7878",
            description = "Port of the browser console (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ConsoleOptions.LOOPBACK,
            description = "Address the browser console listens on. Default: ${DEFAULT-VALUE} (this machine only); "
                    + "anything else is reachable from other machines, and hcr says so.")
    String host;

    @Option(names = "--quiet-ms", paramLabel = "MS", defaultValue = "10",
            description = "How long the sources must stay quiet before a rebuild. Default: ${DEFAULT-VALUE}.")
    long quietMillis;

    @Option(names = "--restart-on-layout-change",
            description = "Restart the program, instead of asking, when a struct or union type whose objects it may "
                    + "hold changed layout (the new code would read the old objects with the new layout).")
    boolean restartOnLayoutChange;

    @Override
    public Integer call() throws InterruptedException {
        var terminal = Terminal.standard();
        try {
            var options = WatchOptions.defaults().withQuietPeriod(Duration.ofMillis(quietMillis));
            var session = new DevSession(project.config(), project.programArgs(), terminal, options,
                    new ConsoleOptions(host, port), restartOnLayoutChange);
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "hcr-shutdown"));
            return session.run();
        } catch (ProjectOptions.UsageError | ModelException | IllegalArgumentException e) {
            terminal.say(e.getMessage());
            return 2;
        }
    }
}

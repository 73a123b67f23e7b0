package hcr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hcr} command. */
@Command(name = "hcr", mixinStandardHelpOptions = true, version = "hcr 0.1.0",
        description = "Hot code reloading for C programs: edit, save, and the running program has the new code.",
        subcommands = {DevCommand.class, BuildCommand.class, RunCommand.class, InitCommand.class,
                hcr.cli.smoke.SmokeCommand.class,
                hcr.cli.bench.BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}

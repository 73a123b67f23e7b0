package hcr.cli;

import hcr.compiler.BuildConfig;
import hcr.loader.HostOptions;
import hcr.project.ModelException;
import hcr.project.ProgramModel;
import hcr.project.ProgramModels;
import java.util.List;

/** How the program a project describes is started: its name, arguments, working directory and environment. */
public final class ProgramLaunch {
    private ProgramLaunch() {
    }

    /** The program as described in the project (hcr.toml, a compile database or the folder). */
    public static ProgramModel model(BuildConfig config) throws ModelException {
        return ProgramModels.load(config.projectDir(), config.buildDir());
    }

    /**
     * {@code options} for running the program {@code model} describes: its name, working directory
     * and environment, and its arguments unless {@code args} (from the command line) are given.
     */
    public static HostOptions launch(HostOptions options, ProgramModel model, List<String> args) {
        var launched = options.withArgs((args.isEmpty() ? model.programArgs() : args).toArray(String[]::new))
                .withWorkingDir(model.workingDir().orElse(null));
        if (model.name().isPresent()) {
            launched = launched.withProgramName(model.name().get());
        }
        for (var variable : model.environment().entrySet()) {
            launched = launched.withEnvironment(variable.getKey(), variable.getValue());
        }
        return launched;
    }

}

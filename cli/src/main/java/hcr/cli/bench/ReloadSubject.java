package hcr.cli.bench;

import hcr.compiler.Builder;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A generated program running through {@link ProgramHost} (ticking every 5 ms), with the
 * Builder of its project: one {@link #reload} edits one module, builds, asks the host to reload
 * and returns the runtime's {@code generation} event (its {@code us} phases and its counts).
 */
final class ReloadSubject implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Builder builder;
    private final TickingProgram program;
    private final ProgramHost host;
    private final String original;

    private ReloadSubject(Builder builder, TickingProgram program, ProgramHost host, String original) {
        this.builder = builder;
        this.program = program;
        this.host = host;
        this.original = original;
    }

    static ReloadSubject start(Builder builder, TickingProgram program) throws BenchFailure, IOException {
        return start(builder, program, Map.of());
    }

    /** As {@link #start(Builder, TickingProgram)}, with {@code environment} added to the program's. */
    static ReloadSubject start(Builder builder, TickingProgram program, Map<String, String> environment)
            throws BenchFailure, IOException {
        var source = builder.config().projectDir().resolve(program.edit().file());
        var original = Files.readString(source, StandardCharsets.UTF_8);
        var options = HostOptions.of(builder.config().buildDir()).withArgs("5");
        for (var variable : environment.entrySet()) {
            options = options.withEnvironment(variable.getKey(), variable.getValue());
        }
        var host = ProgramHost.start(options);
        try {
            host.awaitOutput("^tick ", TIMEOUT);
        } catch (RuntimeException e) {
            host.stop();
            throw new BenchFailure(name(builder) + ": " + e.getMessage(), e);
        }
        return new ReloadSubject(builder, program, host, original);
    }

    /** The modules loaded in the running program. */
    int modules() {
        return program.loaded();
    }

    /** The project's folder name, which names the program in messages. */
    String name() {
        return name(builder);
    }

    /** Edit {@code n}, built and reloaded; the runtime's {@code generation} event of that reload. */
    HostEvent.GenerationLoaded reload(int n) throws BenchFailure, IOException, InterruptedException {
        var edit = program.edit();
        var project = builder.config().projectDir();
        edit.save(project, original, n);
        var generation = Builds.oneChanged(builder.build(), project.resolve(edit.file()), "rebuild of " + edit.file());
        try {
            var result = host.requestReload().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result.failed() || result.code() < 1) {
                throw new BenchFailure(name() + ": reload of gen " + generation.number() + " returned "
                        + result.code() + " " + result.error());
            }
            return host.awaitEvent(HostEvent.GenerationLoaded.class, loaded -> loaded.generation() == generation.number(),
                    TIMEOUT);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new BenchFailure(name() + ": reload of gen " + generation.number() + ": " + e.getMessage(), e);
        }
    }

    private static String name(Builder builder) {
        return builder.config().projectDir().getFileName().toString();
    }

    @Override
    public void close() {
        host.stop();
    }
}

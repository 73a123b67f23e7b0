package hcr.console;

import static org.junit.jupiter.api.Assertions.fail;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.compiler.Generation;
import hcr.loader.HostEvent;
import hcr.loader.HostOptions;
import hcr.loader.ProgramHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A C project in a test's temporary folder, wired to a {@link ConsoleState} the way the dev
 * session wires it: the real {@link Builder} with the console's listener, change sets with real
 * {@link System#nanoTime()} stamps, and a real {@link ProgramHost} whose events feed the state.
 */
final class ConsoleProject implements AutoCloseable {
    private final Path dir;
    private final String fixture;
    private final BuildConfig config;
    private final ConsoleState state;
    private final Builder builder;
    private final List<ProgramHost> hosts = new ArrayList<>();

    private ConsoleProject(Path dir, String fixture) {
        this.dir = dir;
        this.fixture = fixture;
        this.config = BuildConfig.defaults(dir);
        this.state = new ConsoleState(config);
        this.builder = new Builder(config, state.listener(BuildListener.silent()));
    }

    static Path fixtures() {
        var path = System.getProperty("hcr.fixtures");
        if (path == null) {
            fail("-Dhcr.fixtures is not set (Maven sets it to the test-fixtures folder)");
        }
        return Path.of(path);
    }

    /** A copy of {@code test-fixtures/<name>} in {@code parent/name}. */
    static ConsoleProject fixture(String name, Path parent) throws IOException {
        var dir = parent.resolve(name);
        copyTree(fixtures().resolve(name), dir);
        return new ConsoleProject(dir, name);
    }

    /** A project {@code parent/name} made of {@code files} (path → text). */
    static ConsoleProject of(Path parent, String name, Map<String, String> files) throws IOException {
        var dir = Files.createDirectories(parent.resolve(name));
        for (var file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return new ConsoleProject(dir, null);
    }

    Path dir() {
        return dir;
    }

    ConsoleState state() {
        return state;
    }

    /** One build as the dev session runs it. */
    BuildReport build() {
        state.buildStarted();
        var report = builder.build();
        state.buildFinished(report);
        return report;
    }

    Generation published() {
        var report = build();
        if (report instanceof BuildReport.Published published) {
            return published.generation();
        }
        return fail("expected a published generation, got " + report
                + (report instanceof BuildReport.Failed f ? "\n" + f.summary() : ""));
    }

    /** Writes {@code path} and tells the state, as the watcher would (first event before the write). */
    void edit(String path, String text) {
        long first = System.nanoTime();
        try {
            Files.writeString(dir.resolve(path), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.changesSeen(List.of(dir.resolve(path)), first, System.nanoTime());
    }

    /** Applies the fixture's edit variant {@code edits/<fixture>/<variant>} (replacement files only). */
    void apply(String variant) throws IOException {
        var edits = fixtures().resolve("edits").resolve(fixture).resolve(variant);
        try (var files = Files.list(edits)) {
            for (var file : files.toList()) {
                edit(edits.relativize(file).toString(), Files.readString(file));
            }
        }
    }

    /** Starts the program with the state subscribed, as the dev session does, plus {@code also}. */
    ProgramHost start(Consumer<HostEvent> also, String... args) {
        state.programStarting();
        var host = ProgramHost.start(HostOptions.of(config.buildDir()).withArgs(args), event -> {
            state.hostEvent(event);
            also.accept(event);
        });
        hosts.add(host);
        return host;
    }

    ProgramHost start(String... args) {
        return start(event -> { }, args);
    }

    @Override
    public void close() {
        hosts.forEach(ProgramHost::stop);
        builder.close();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (var source : files.toList()) {
                var relative = from.relativize(source).toString();
                if (relative.startsWith(".")) {
                    continue;
                }
                var target = to.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.compiler.Generation;
import hcr.loader.HostOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

/**
 * A copy of one test fixture ({@code test-fixtures/<name>}, found through {@code -Dhcr.fixtures})
 * in a test's temporary folder, built by the real {@link Builder}. Edit variants are applied the
 * way test-fixtures/README.md says: files replace, an {@code X.delete} marker removes X.
 */
final class FixtureProject implements AutoCloseable {

    private final String fixture;
    private final Path dir;
    private Builder builder;

    private FixtureProject(String fixture, Path dir, BuildConfig config) {
        this.fixture = fixture;
        this.dir = dir;
        this.builder = new Builder(config, BuildListener.silent());
    }

    /** A copy of {@code fixture} in {@code parent/fixture}, built with the default configuration. */
    static FixtureProject copy(String fixture, Path parent) throws IOException {
        return copy(fixture, parent, UnaryOperator.identity());
    }

    /** As {@link #copy(String, Path)}, with the build configuration changed by {@code configure}. */
    static FixtureProject copy(String fixture, Path parent, UnaryOperator<BuildConfig> configure) throws IOException {
        var dir = parent.resolve(fixture);
        copyTree(fixtures().resolve(fixture), dir);
        return new FixtureProject(fixture, dir, configure.apply(BuildConfig.defaults(dir)));
    }

    static Path fixtures() {
        var path = System.getProperty("hcr.fixtures");
        if (path == null) {
            fail("-Dhcr.fixtures is not set (Maven sets it to the test-fixtures folder)");
        }
        return Path.of(path);
    }

    Path dir() {
        return dir;
    }

    Path buildDir() {
        return builder.config().buildDir();
    }

    HostOptions hostOptions(String... args) {
        return HostOptions.of(buildDir()).withArgs(args);
    }

    /** Overlays {@code edits/<fixture>/<variant>}. */
    FixtureProject apply(String variant) throws IOException {
        var edits = fixtures().resolve("edits").resolve(fixture).resolve(variant);
        if (!Files.isDirectory(edits)) {
            fail("no edit variant " + edits);
        }
        try (var files = Files.walk(edits)) {
            for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                var target = dir.resolve(edits.relativize(file).toString());
                var name = target.getFileName().toString();
                if (name.endsWith(".delete")) {
                    var doomed = target.resolveSibling(name.substring(0, name.length() - ".delete".length()));
                    if (!Files.deleteIfExists(doomed)) {
                        fail(variant + " deletes " + doomed + ", which does not exist");
                    }
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return this;
    }

    /** Puts the fixture's own {@code path} back, undoing an edit of that file. */
    FixtureProject restore(String path) throws IOException {
        Files.copy(fixtures().resolve(fixture).resolve(path), dir.resolve(path), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** Writes {@code text} to the project's {@code path}. */
    FixtureProject write(String path, String text) throws IOException {
        var file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
    }

    /** The text of the fixture's {@code path}, or of variant {@code variant}'s when not null. */
    String original(String variant, String path) throws IOException {
        var base = variant == null ? fixtures().resolve(fixture) : fixtures().resolve("edits").resolve(fixture).resolve(variant);
        return Files.readString(base.resolve(path));
    }

    BuildReport build() {
        return builder.build();
    }

    /** Builds and returns the published generation; fails the test on anything else. */
    Generation publish() {
        var report = build();
        if (report instanceof BuildReport.Failed failed) {
            fail("build of " + dir + " failed:\n" + failed.summary() + "\n" + failed.output());
        }
        return assertInstanceOf(BuildReport.Published.class, report, "build of " + dir).generation();
    }

    /** Replaces the builder with a new one, which reads the compiler's saved state afresh. */
    void restartBuilder() {
        var config = builder.config();
        builder.close();
        builder = new Builder(config, BuildListener.silent());
    }

    @Override
    public void close() {
        builder.close();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            files.filter(source -> !from.relativize(source).toString().startsWith("."))
                    .forEach(source -> copy(source, to.resolve(from.relativize(source).toString())));
        }
    }

    private static void copy(Path source, Path target) {
        try {
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

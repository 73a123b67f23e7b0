package hcr.loader;

import static org.junit.jupiter.api.Assertions.fail;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A C project in a test's temporary folder, built with the real compiler: a copy of a fixture
 * from {@code -Dhcr.fixtures}, or files written by the test.
 */
final class TestProject implements AutoCloseable {

    private final Path dir;
    private final Builder builder;

    private TestProject(Path dir) {
        this.dir = dir;
        this.builder = new Builder(BuildConfig.defaults(dir), BuildListener.silent());
    }

    static Path fixtures() {
        var path = System.getProperty("hcr.fixtures");
        if (path == null) {
            fail("-Dhcr.fixtures is not set (Maven sets it to the test-fixtures folder)");
        }
        return Path.of(path);
    }

    /** A copy of fixture {@code name} in {@code parent/name}. */
    static TestProject fixture(String name, Path parent) throws IOException {
        var dir = parent.resolve(name);
        copyTree(fixtures().resolve(name), dir);
        return new TestProject(dir);
    }

    /** A project {@code parent/name} made of {@code files} (path → text). */
    static TestProject of(Path parent, String name, Map<String, String> files) throws IOException {
        var project = new TestProject(Files.createDirectories(parent.resolve(name)));
        files.forEach(project::write);
        return project;
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

    /** Overlays {@code edits/<fixture>/<variant>}: files replace, {@code X.delete} removes X. */
    TestProject apply(String variant) throws IOException {
        var edits = fixtures().resolve("edits").resolve(dir.getFileName().toString()).resolve(variant);
        try (var files = Files.walk(edits)) {
            for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                var target = dir.resolve(edits.relativize(file).toString());
                var name = target.getFileName().toString();
                if (name.endsWith(".delete")) {
                    Files.deleteIfExists(target.resolveSibling(name.substring(0, name.length() - ".delete".length())));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return this;
    }

    TestProject write(String path, String text) {
        try {
            var file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    /** Builds and returns the published generation; fails the test on a build error. */
    int build() {
        var report = builder.build();
        if (report instanceof BuildReport.Published published) {
            return published.generation().number();
        }
        if (report instanceof BuildReport.Failed failed) {
            return fail("build of " + dir + " failed:\n" + failed.summary() + "\n" + failed.output());
        }
        return fail("build of " + dir + " published nothing: " + report);
    }

    @Override
    public void close() {
        builder.close();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (var source : (Iterable<Path>) files::iterator) {
                if (from.relativize(source).toString().startsWith(".")) {
                    continue; // a build folder of someone's manual run
                }
                var target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

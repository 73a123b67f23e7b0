package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fixture program of test-fixtures/, and every edit variant applied to it as the next
 * generation, built by the Builder, loaded through its group library and run from its
 * {@code main} (through the stub): the last line must be what the plain build prints
 * (expected.txt). Then the variant is undone, and the original must print its line again.
 * A fixture with {@code plugins/<name>/} gets that plugin, built on its own, as its third
 * argument, as the plain check does.
 */
class FixturesTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyFixtureAndVariantRunsAsPublished() throws IOException {
        var property = System.getProperty("hcr.fixtures");
        RequiredTool.require(property != null && Files.isRegularFile(Path.of(property, "expected.txt")),
                "the test fixtures (-Dhcr.fixtures, which Maven sets)");
        var fixtures = Path.of(property);
        var expected = expectations(fixtures.resolve("expected.txt"));
        var loadCheck = new LoadCheck(dir.resolve("driver"));
        var byFixture = new LinkedHashMap<String, List<String>>();
        expected.keySet().forEach(id -> byFixture.computeIfAbsent(id.split("/")[0], f -> new ArrayList<>())
                .add(id.contains("/") ? id.substring(id.indexOf('/') + 1) : null));
        return byFixture.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> check(fixtures, e.getKey(), e.getValue(), expected, loadCheck)));
    }

    private void check(Path fixtures, String name, List<String> variants, Map<String, String> expected,
                       LoadCheck loadCheck) throws IOException {
        var project = dir.resolve(name);
        copy(fixtures.resolve(name), project);
        var args = plugin(fixtures, name).map(p -> List.of("1", "3", p.toString())).orElse(List.of("1", "3"));
        var config = BuildConfig.defaults(project).withCc("gcc").withJobs(2)
                .withCflags(List.of("-std=c11", "-Wall", "-Wextra", "-Werror")).withLibraries(List.of("-lm"));
        try (var builder = new Builder(config, BuildListener.silent())) {
            assertRuns(builder, loadCheck, args, expected.get(name), name);
            for (var variant : variants) {
                if (variant == null) {
                    continue;
                }
                var id = name + "/" + variant;
                var changed = apply(fixtures.resolve("edits").resolve(name).resolve(variant), project);
                var want = expected.get(id);
                if (want.startsWith("build-fails ")) {
                    var failed = assertInstanceOf(BuildReport.Failed.class, builder.build(), id);
                    var error = failed.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
                    var gcc = want.substring("build-fails ".length()).replaceAll("'", "");
                    var location = project.relativize(error.file()) + ":" + error.line() + ":" + error.column()
                            + ": " + error.severity() + ": " + error.message().replaceAll("[‘’']", "");
                    assertTrue(location.startsWith(gcc), id + ": " + location);
                } else {
                    assertRuns(builder, loadCheck, args, want, id);
                }
                for (var file : changed) {
                    var original = fixtures.resolve(name).resolve(file);
                    if (Files.exists(original)) {
                        Files.copy(original, project.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.deleteIfExists(project.resolve(file));
                    }
                }
                assertRuns(builder, loadCheck, args, expected.get(name), id + " undone");
            }
        }
    }

    /** {@code plugins/<name>/*.c} built on its own into a plugin, outside the project; none without them. */
    private Optional<Path> plugin(Path fixtures, String name) throws IOException {
        var sources = fixtures.resolve("plugins").resolve(name);
        if (!Files.isDirectory(sources)) {
            return Optional.empty();
        }
        var plugin = dir.resolve(name + "-plugin.so");
        var command = new ArrayList<>(List.of("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC",
                "-o", plugin.toString()));
        try (var files = Files.list(sources)) {
            files.filter(f -> f.toString().endsWith(".c")).sorted().forEach(f -> command.add(f.toString()));
        }
        var result = Subprocess.run(command, dir);
        assertTrue(result.ok(), "building the plugin of " + name + ":\n" + result.output());
        return Optional.of(plugin);
    }

    private static void assertRuns(Builder builder, LoadCheck loadCheck, List<String> args, String want, String id) {
        var report = builder.build();
        if (report instanceof BuildReport.Failed failed) {
            throw new AssertionError(id + ": build failed:\n" + failed.summary() + "\n" + failed.output());
        }
        if (want.startsWith("startup=")) {
            // its plain output depends on HCR_INIT or constructors, which only the runtime runs with
            // the stubs bound (this check calls main without it): NimIntegrationScenarioTest and
            // ConstructorsScenarioTest cover them
            return;
        }
        var dir = report instanceof BuildReport.Published p ? p.generation().dir()
                : builder.config().buildDir().resolve("gen/" + ((BuildReport.UpToDate) report).generation());
        var lines = loadCheck.runMain(dir, args.toArray(String[]::new)).lines().toList();
        assertEquals(want, lines.get(lines.size() - 1), id);
    }

    /** Overlays a variant; returns the files it changed or removed, relative to the project. */
    private static List<Path> apply(Path variant, Path project) throws IOException {
        var changed = new ArrayList<Path>();
        try (var files = Files.walk(variant)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                var relative = variant.relativize(file);
                var name = relative.toString();
                if (name.endsWith(".delete")) {
                    var target = Path.of(name.substring(0, name.length() - ".delete".length()));
                    Files.deleteIfExists(project.resolve(target));
                    changed.add(target);
                } else {
                    Files.createDirectories(project.resolve(relative).getParent());
                    Files.copy(file, project.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                    changed.add(relative);
                }
            }
        }
        return changed;
    }

    private static Map<String, String> expectations(Path file) throws IOException {
        var expected = new LinkedHashMap<String, String>();
        for (var line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                var space = line.indexOf(' ');
                expected.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return expected;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.getFileName().toString().equals(".hcr")) {
                    return FileVisitResult.SKIP_SUBTREE; // a build folder of someone's manual run
                }
                Files.createDirectories(to.resolve(from.relativize(d)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

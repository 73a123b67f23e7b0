package hcr.compiler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Builder;
import hcr.compiler.Generation;
import hcr.compiler.ModuleBuild;
import hcr.compiler.ModuleState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-module edit, measured: (a) {@link Builder#build()} after one function body changed
 * (compile, rename, link, group, publish), (b) a bare {@code gcc -c -fPIC -g -O0} plus
 * {@code gcc -shared} of the same file, (c) a build with nothing changed. Interleaved a, b, c
 * per repetition, for the demo fixture and a generated 200-module program, after warm-up
 * rounds. Not a test: excluded from the default run, started with
 * {@code mvn -B -ntp -o -pl compiler test -Dgroups=bench -DexcludedGroups=none}
 * ({@code -Dhcr.bench.reps=N}, default 20; {@code -Dhcr.bench.projects=demo,generated};
 * {@code -Dhcr.bench.modules=200}). Prints a table; also writes it to
 * {@code target/rebuild-bench.txt}.
 */
@Tag("bench")
class RebuildBenchTest {
    private static final int WARM_UP = 3;

    @TempDir
    Path dir;

    /** One edit: in {@code file}, {@code marker} becomes {@code replacement} with the round number. */
    private record Edit(String file, String marker, String replacement) {
    }

    /** The measurements of one project, by name, in table order. */
    private record Row(String name, int modules, Map<String, Samples> samples) {
        Samples get(String what) {
            return samples.computeIfAbsent(what, w -> new Samples());
        }
    }

    /** Remembers when each progress line of a build came: where a build's time went. */
    private static final class Clock implements BuildListener {
        private final Map<String, Long> at = new LinkedHashMap<>();

        @Override
        public synchronized void progress(String line) {
            at.put(line.substring(line.indexOf(']') + 2), System.nanoTime());
        }

        @Override
        public void toolOutput(String text) {
        }

        synchronized long when(String step) {
            var time = at.get(step);
            if (time == null) {
                throw new AssertionError("no progress line '" + step + "' in " + at.keySet());
            }
            return time;
        }

        synchronized void clear() {
            at.clear();
        }
    }

    @Test
    void oneModuleEditAgainstBareGcc() throws Exception {
        int reps = Integer.getInteger("hcr.bench.reps", 20);
        var projects = List.of(System.getProperty("hcr.bench.projects", "demo,generated").split(","));
        var rows = new ArrayList<Row>();

        if (projects.contains("demo")) {
            var demo = dir.resolve("demo");
            copy(fixtures().resolve("demo"), demo);
            rows.add(measure("demo", demo, new Edit("sim.c", "sim_value += STEP;", "sim_value += STEP + %d;"), reps));
        }
        if (projects.contains("generated")) {
            var generated = new GeneratedProgram(Integer.getInteger("hcr.bench.modules", 200));
            var big = dir.resolve("generated");
            generated.writeTo(big);
            rows.add(measure("generated", big, new Edit(generated.editedModule(), GeneratedProgram.EDIT_MARK,
                    "/*edit*/%d"), reps));
        }

        var table = table(rows, reps);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "rebuild-bench.txt"), table, StandardCharsets.UTF_8);
    }

    private Row measure(String name, Path project, Edit edit, int reps) throws Exception {
        var config = BuildConfig.defaults(project).withCc("gcc");
        var bareDir = Files.createDirectories(dir.resolve(name + "-bare"));
        var source = project.resolve(edit.file());
        var original = Files.readString(source, StandardCharsets.UTF_8);
        if (!original.contains(edit.marker())) {
            throw new AssertionError(edit.file() + " does not contain '" + edit.marker() + "'");
        }
        var clock = new Clock();
        Row row;
        try (var builder = new Builder(config, clock)) {
            row = new Row(name, published(builder.build()).modules().size(), new LinkedHashMap<>());
            for (int round = 0; round < WARM_UP + reps; round++) {
                Files.writeString(source, original.replace(edit.marker(), edit.replacement().formatted(round + 2)),
                        StandardCharsets.UTF_8);

                clock.clear();
                long start = System.nanoTime();
                var generation = published(builder.build());
                long end = System.nanoTime();
                var module = checkOneChanged(generation, edit, project);

                long bareStart = System.nanoTime();
                var object = bareDir.resolve("bare.o").toString();
                run(project, List.of("gcc", "-c", "-fPIC", "-g", "-O0", source.toString(), "-o", object));
                long bareCompiled = System.nanoTime();
                run(project, List.of("gcc", "-shared", "-o", bareDir.resolve("bare.so").toString(), object));
                long bareEnd = System.nanoTime();

                long noopStart = System.nanoTime();
                assertInstanceOf(BuildReport.UpToDate.class, builder.build(), "nothing changed");
                long noopEnd = System.nanoTime();

                if (round >= WARM_UP) {
                    long compiled = clock.when("CC " + edit.file());
                    long linked = clock.when("LINK " + module.library());
                    long grouped = clock.when("LINK libhcrgroup.g" + generation.number() + ".so");
                    row.get("a").add(micros(start, end));
                    row.get("b").add(micros(bareStart, bareEnd));
                    row.get("c").add(micros(noopStart, noopEnd));
                    row.get("a: to CC").add(micros(start, compiled));
                    row.get("b: gcc -c").add(micros(bareStart, bareCompiled));
                    row.get("a: CC to LINK").add(micros(compiled, linked));
                    row.get("b: gcc -shared").add(micros(bareCompiled, bareEnd));
                    row.get("a: to group").add(micros(linked, grouped));
                    row.get("a: to end").add(micros(grouped, end));
                    row.get("a: scan").add(generation.timings().scanMicros());
                    row.get("a: publish").add(generation.timings().publishMicros());
                }
            }
        } finally {
            Files.writeString(source, original, StandardCharsets.UTF_8);
        }
        return row;
    }

    private static ModuleBuild checkOneChanged(Generation generation, Edit edit, Path project) {
        var changed = generation.modules().stream().filter(m -> m.state() != ModuleState.KEPT).toList();
        assertEquals(1, changed.size(), "one module relinked: " + changed);
        assertEquals(project.resolve(edit.file()), changed.get(0).source());
        return changed.get(0);
    }

    private static void run(Path dir, List<String> command) throws IOException {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Generation published(BuildReport report) {
        if (report instanceof BuildReport.Failed failed) {
            throw new AssertionError("build failed:\n" + failed.summary() + "\n" + failed.output());
        }
        return assertInstanceOf(BuildReport.Published.class, report).generation();
    }

    private static String table(List<Row> rows, int reps) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "one-module edit, %d rounds each, %d processors, load %s%n", reps,
                Runtime.getRuntime().availableProcessors(), loadAverage()));
        text.append(String.format(Locale.ROOT, "%-10s %7s | %-15s | %-15s | %5s | %-15s%n", "project", "modules",
                "(a) rebuild", "(b) bare gcc", "a/b", "(c) no-op"));
        text.append(String.format(Locale.ROOT, "%-10s %7s | %-15s | %-15s | %5s | %-15s%n", "", "",
                "median     p90", "median     p90", "", "median     p90"));
        for (var row : rows) {
            text.append(String.format(Locale.ROOT, "%-10s %7d | %6.1f  %6.1f | %6.1f  %6.1f | %5.2f | %6.1f  %6.1f%n",
                    row.name(), row.modules(), row.get("a").median(), row.get("a").p90(), row.get("b").median(),
                    row.get("b").p90(), row.get("a").median() / row.get("b").median(), row.get("c").median(),
                    row.get("c").p90()));
        }
        text.append("where (a) went, medians: until the CC line (scan, keys, gcc -c) vs bare gcc -c | CC to the "
                + "module's LINK line (plan, rename, gcc -shared) vs bare gcc -shared | to the group | to the end "
                + "(manifest, publish, state)\n");
        for (var row : rows) {
            text.append(String.format(Locale.ROOT, "%-10s %7d | %6.1f vs %5.1f | %6.1f vs %5.1f | %5.1f | %5.1f"
                            + "   (scan %.1f, publish %.1f)%n", row.name(), row.modules(),
                    row.get("a: to CC").median(), row.get("b: gcc -c").median(), row.get("a: CC to LINK").median(),
                    row.get("b: gcc -shared").median(), row.get("a: to group").median(),
                    row.get("a: to end").median(), row.get("a: scan").median(), row.get("a: publish").median()));
        }
        text.append("times in ms; a = Builder.build() after one function body changed; b = gcc -c -fPIC -g -O0 + "
                + "gcc -shared of the same file; c = build() with nothing changed\n");
        return text.toString();
    }

    private static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Path fixtures() {
        var property = System.getProperty("hcr.fixtures");
        return property == null ? Path.of("..", "test-fixtures") : Path.of(property);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static long micros(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1000;
    }
}

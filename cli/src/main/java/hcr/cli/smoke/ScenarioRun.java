package hcr.cli.smoke;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.cli.ProgramLaunch;
import hcr.loader.HostOptions;
import hcr.project.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One scenario, run: a copy of its project, the dev pipeline on it, and the steps in order, each
 * reported on one line. The first step that does not hold ends the run; its report says which
 * step (file, line, iteration), what was expected, what came, and the program's last lines.
 */
final class ScenarioRun {

    private static final int TAIL_LINES = 12;

    private final Scenario scenario;
    private final ProjectCopy project;
    private final Console console;
    private final Timeline timeline;
    private final Cursors cursors = new Cursors();
    private final Expectations expectations;
    private final SmokePipeline pipeline;
    private final List<ResourceSample> samples = new ArrayList<>();
    private long sampledPid;
    private boolean started;

    private ScenarioRun(Scenario scenario, ProjectCopy project, Console console, BuildConfig config, HostOptions options) {
        this.scenario = scenario;
        this.project = project;
        this.console = console;
        this.timeline = new Timeline(console::observed);
        this.expectations = new Expectations(timeline, cursors, scenario.setup().timeout(), project.dir());
        this.pipeline = new SmokePipeline(config, options, timeline, new BuildListener() {
            @Override
            public void progress(String line) {
                console.progress(line);
            }

            @Override
            public void toolOutput(String text) {
                text.lines().forEach(console::progress);
            }
        });
        pipeline.restartOnLayoutChange(scenario.setup().restartOnLayoutChange());
    }

    /**
     * Reads and runs the scenario in {@code file}, its project copied under {@code workParent}.
     * The copy is removed after a pass unless {@code keep}; after a failure it is kept and named.
     */
    static ScenarioResult run(Path file, Path workParent, Console console, boolean keep) throws InterruptedException {
        long begin = System.nanoTime();
        var name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Scenario scenario;
        ProjectCopy project;
        BuildConfig config;
        HostOptions options;
        try {
            scenario = ScenarioParser.read(file);
            project = ProjectCopy.of(scenario.setup().project(), scenario.setup().edits(),
                    Files.createTempDirectory(workParent, "hcr-smoke-" + name + "-"));
            config = BuildConfig.defaults(project.dir());
            // outside the project copy: hcr must not see it
            var plugin = scenario.setup().plugin().isEmpty() ? null
                    : PluginBuild.build(List.of("gcc"), scenario.setup().plugin(), project.dir().getParent());
            options = ProgramLaunch.launch(HostOptions.of(project.buildDir()), ProgramLaunch.model(config),
                    scenario.setup().args(plugin));
            if (scenario.setup().sanitize()) {
                var asan = AddressSanitizer.of(config);
                config = asan.configure(config);
                options = asan.configure(options);
            }
        } catch (ScenarioError | IOException | ModelException e) {
            console.line(name + ": cannot run: " + e.getMessage());
            return new ScenarioResult(name, file, console.takeLog(), Optional.of(e.getMessage()), true, since(begin));
        }
        var run = new ScenarioRun(scenario, project, console, config, options);
        var failure = run.steps();
        var time = since(begin);
        if (failure.isEmpty()) {
            console.line(name + ": ok " + Expectations.seconds(time));
            if (!keep) {
                removeQuietly(project);
            }
        } else {
            console.line(name + ": FAILED (project kept in " + project.dir() + ")");
        }
        return new ScenarioResult(name, file, console.takeLog(), failure, false, time);
    }

    /** Runs every step; returns the failure, if one did not hold. */
    private Optional<String> steps() throws InterruptedException {
        var steps = scenario.steps();
        console.line("hcr smoke " + scenario.name() + " (" + scenario.file().getFileName() + ", " + steps.size() + " steps, "
                + scenario.setup().project().getFileName() + ")");
        try {
            for (int i = 0; i < steps.size(); i++) {
                var step = steps.get(i);
                var prefix = "[" + (i + 1) + "/" + steps.size() + "] " + text(step.line());
                long begin = System.nanoTime();
                try {
                    var detail = step instanceof Step.Repeat repeat ? repeat(repeat, prefix) : perform(step);
                    checkNever();
                    console.line(prefix + " ... ok " + elapsed(begin) + (detail.isEmpty() ? "" : " (" + detail + ")"));
                } catch (StepFailure e) {
                    return Optional.of(fail(prefix, begin, step.line(), "", e));
                } catch (IterationFailure e) {
                    return Optional.of(fail(prefix, begin, e.line, " (iteration " + e.iteration + " of " + e.count + ")",
                            e.failure));
                } catch (RuntimeException e) {
                    // a bug of hcr's own: this scenario fails, the others still run
                    return Optional.of(fail(prefix, begin, step.line(), "", new StepFailure("the step to run", "internal error: " + e)));
                }
            }
            return Optional.empty();
        } finally {
            pipeline.close();
        }
    }

    private String repeat(Step.Repeat repeat, String prefix) throws IterationFailure, InterruptedException {
        long begin = System.nanoTime();
        for (int iteration = 1; iteration <= repeat.count(); iteration++) {
            List<Step> body;
            try {
                body = ScenarioParser.steps(repeat, iteration);
            } catch (ScenarioError e) {
                throw new IterationFailure(repeat.line(), iteration, repeat.count(),
                        new StepFailure("a valid step", e.getMessage()));
            }
            for (var step : body) {
                try {
                    if (step instanceof Step.Repeat inner) {
                        repeat(inner, prefix);
                    } else {
                        perform(step);
                    }
                    checkNever();
                } catch (StepFailure e) {
                    throw new IterationFailure(step.line(), iteration, repeat.count(), e);
                }
            }
            if (iteration * 10L / repeat.count() > (iteration - 1) * 10L / repeat.count() && iteration < repeat.count()) {
                console.line(prefix + " ... " + iteration + "/" + repeat.count() + " " + elapsed(begin));
            }
        }
        return repeat.count() + " iterations";
    }

    /** A step of a repeat's body that did not hold, and in which iteration. */
    private static final class IterationFailure extends Exception {
        final Step.Line line;
        final int iteration;
        final int count;
        final StepFailure failure;

        IterationFailure(Step.Line line, int iteration, int count, StepFailure failure) {
            super(failure.getMessage());
            this.line = line;
            this.iteration = iteration;
            this.count = count;
            this.failure = failure;
        }
    }

    private String perform(Step step) throws StepFailure, InterruptedException {
        try {
            return action(step);
        } catch (IOException e) {
            throw new StepFailure("the project edited", e.getMessage());
        }
    }

    /** Does one step (not a repeat); returns the detail for its line. */
    private String action(Step step) throws StepFailure, InterruptedException, IOException {
        if (step instanceof Step.Start) {
            return start();
        } else if (step instanceof Step.Restart) {
            return restart();
        } else if (step instanceof Step.Apply apply) {
            return String.join(" ", project.apply(apply.variant()));
        } else if (step instanceof Step.Edit edit) {
            return plural(project.edit(edit.file(), edit.regex(), edit.replacement()), "match");
        } else if (step instanceof Step.Touch touch) {
            project.touch(touch.file());
        } else if (step instanceof Step.Delete delete) {
            project.delete(delete.file());
        } else if (step instanceof Step.Restore restore) {
            return plural(project.restore(restore.files()), "file") + " changed";
        } else if (step instanceof Step.Sleep sleep) {
            Thread.sleep(sleep.duration().toMillis());
        } else if (step instanceof Step.ExpectOutput output) {
            return expectations.output(output);
        } else if (step instanceof Step.ExpectNext next) {
            return expectations.next(next);
        } else if (step instanceof Step.Never never) {
            expectations.never(never);
        } else if (step instanceof Step.ExpectReload reload) {
            return expectations.reload(reload);
        } else if (step instanceof Step.ExpectNoReload none) {
            return expectations.noReload(none);
        } else if (step instanceof Step.ExpectReset reset) {
            return expectations.reset(reset);
        } else if (step instanceof Step.ExpectShared shared) {
            return expectations.shared(shared);
        } else if (step instanceof Step.ExpectFresh fresh) {
            return expectations.fresh(fresh);
        } else if (step instanceof Step.ExpectLayout layout) {
            return LayoutExpectation.check(expectations.newestPublished(), layout, scenario.setup().timeout());
        } else if (step instanceof Step.ExpectError error) {
            return expectations.error(error);
        } else if (step instanceof Step.ExpectCrash crash) {
            return expectations.crash(crash);
        } else if (step instanceof Step.ExpectExit exit) {
            return expectations.exit(exit);
        } else if (step instanceof Step.ExpectStarted expect) {
            return expectations.started(expect.within());
        } else if (step instanceof Step.Measure) {
            return measure();
        } else if (step instanceof Step.ExpectFlat flat) {
            return flat(flat);
        } else {
            throw new IllegalStateException("not a single step: " + step);
        }
        return "";
    }

    private String start() throws StepFailure, InterruptedException, IOException {
        if (started) {
            throw new StepFailure("one 'start' (use 'restart' to start the program again)", "a second 'start'");
        }
        started = true;
        pipeline.start();
        return expectations.started(Optional.empty());
    }

    private String restart() throws StepFailure, InterruptedException {
        if (!started) {
            throw new StepFailure("'start' before 'restart'", "no program started yet");
        }
        pipeline.restart();
        return expectations.started(Optional.empty());
    }

    private String measure() throws StepFailure, IOException {
        var host = pipeline.host().orElseThrow(() -> new StepFailure("a running program to measure", "none runs"));
        if (host.pid() != sampledPid) {
            samples.clear();
            sampledPid = host.pid();
        }
        var sample = ResourceSample.of(host.pid(), timeline.reloadsSinceStart(), pipeline.runFolder(host.pid()));
        samples.add(sample);
        return sample.describe();
    }

    /**
     * Compares the first and the last sample of the program that runs now: descriptors may grow
     * by the step's slack; resident memory by the address space of the libraries loaded in
     * between (what the runtime maps and never unmaps) plus the step's slack.
     */
    private String flat(Step.ExpectFlat flat) throws StepFailure {
        if (samples.size() < 2) {
            throw new StepFailure("two 'measure' steps or more before 'expect flat'", samples.size() + " samples");
        }
        var first = samples.get(0);
        var last = samples.get(samples.size() - 1);
        int fdGrowth = last.fds() - first.fds();
        long rssGrowth = last.rssBytes() - first.rssBytes();
        long mapped = last.mappedBytes() - first.mappedBytes();
        long files = last.codeBytes() - first.codeBytes();
        var figures = "reload " + first.reloads() + " -> " + last.reloads() + ": fds " + first.fds() + " -> " + last.fds()
                + " (max " + samples.stream().mapToInt(ResourceSample::fds).max().orElse(0) + "), RSS "
                + ResourceSample.mib(first.rssBytes()) + " -> " + ResourceSample.mib(last.rssBytes())
                + " (+" + ResourceSample.mib(rssGrowth) + "), code loaded " + ResourceSample.mib(mapped) + " mapped ("
                + ResourceSample.mib(files) + " of files), bound " + ResourceSample.mib(mapped + flat.rssSlackBytes());
        if (fdGrowth > flat.fdSlack()) {
            throw new StepFailure("open descriptors to grow by " + flat.fdSlack() + " at most", figures);
        }
        if (rssGrowth > mapped + flat.rssSlackBytes()) {
            throw new StepFailure("resident memory to grow by the code loaded + " + ResourceSample.mib(flat.rssSlackBytes())
                    + " at most", figures);
        }
        return figures;
    }

    private void checkNever() throws StepFailure {
        var violation = timeline.violation();
        if (violation.isPresent()) {
            throw StepFailure.violated(violation.get());
        }
    }

    private String fail(String prefix, long begin, Step.Line line, String where, StepFailure failure) {
        var text = new ArrayList<String>();
        text.add(prefix + " ... FAILED after " + Expectations.seconds(since(begin)));
        text.add("      at " + line.file() + ":" + line.number() + where + ": " + text(line));
        text.add("      expected: " + failure.expected());
        text.add("      got: " + failure.got());
        var tail = timeline.lastOutput(timeline.size(), TAIL_LINES);
        text.add("      last output" + (tail.isEmpty() ? ": none" : " (" + tail.size() + " lines):"));
        tail.forEach(line2 -> text.add("        | " + line2));
        text.forEach(console::line);
        return text.stream().map(String::strip).collect(Collectors.joining("\n"));
    }

    /** A step as written, without its comment. */
    private static String text(Step.Line line) {
        return String.join(" ", Words.split(line.text()));
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("h") ? "es" : "s");
    }

    private static String elapsed(long begin) {
        long nanos = System.nanoTime() - begin;
        return nanos < 10_000_000_000L ? Expectations.millis(nanos / 1e6) + " ms" : Expectations.seconds(Duration.ofNanos(nanos));
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static void removeQuietly(ProjectCopy project) {
        try {
            project.remove();
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}

package hcr.cli.smoke;

import hcr.compiler.BuildReport;
import hcr.compiler.Diagnostic;
import hcr.compiler.Generation;
import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waits behind the {@code expect} steps: each looks at the timeline from its cursor, takes the
 * first entry that answers it, fails fast on one that makes it impossible (a failed build, an end
 * of the program nobody expected, a refused reload), and otherwise times out. Each returns a short
 * detail for the step's line, or throws a {@link StepFailure}.
 */
final class Expectations {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    /** How long {@code expect no reload} waits for a build when it says nothing. */
    private static final Duration NO_RELOAD_WAIT = Duration.ofSeconds(3);

    private final Timeline timeline;
    private final Cursors cursors;
    private final Duration timeout;
    private final Path projectDir;
    private final Map<String, String> variables = new HashMap<>();
    private Observed.Reloaded lastReload;

    Expectations(Timeline timeline, Cursors cursors, Duration timeout, Path projectDir) {
        this.timeline = timeline;
        this.cursors = cursors;
        this.timeout = timeout;
        this.projectDir = projectDir;
    }

    /** {@code expect /REGEX/ [where COND]}. */
    String output(Step.ExpectOutput step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(timeout);
        int from = cursors.output();
        var near = new String[1];
        var judge = new OutputJudge() {
            @Override
            Timeline.Verdict line(String line) {
                var matcher = step.pattern().matcher(line);
                if (!matcher.find()) {
                    return Timeline.Verdict.SKIP;
                }
                var unmet = unmet(step.where(), matcher, step.pattern(), line);
                if (unmet.isEmpty()) {
                    remember(matcher, step.pattern());
                    return Timeline.Verdict.ACCEPT;
                }
                near[0] = unmet.get().why();
                // a condition that cannot be computed will not be computable on the next line either
                return unmet.get().broken() ? fail(unmet.get().why()) : Timeline.Verdict.SKIP;
            }
        };
        int found = timeline.await(from, judge, limit);
        if (found < 0) {
            throw timedOut("a line matching /" + step.pattern() + "/" + step.where().map(w -> " where " + w.text()).orElse(""),
                    limit, near[0]);
        }
        cursors.outputAfter(found);
        return "";
    }

    /** {@code expect next [N] /REGEX/ [where COND]}. */
    String next(Step.ExpectNext step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(timeout);
        int from = cursors.output();
        var seen = new int[1];
        var judge = new OutputJudge() {
            @Override
            Timeline.Verdict line(String line) {
                seen[0]++;
                var matcher = step.pattern().matcher(line);
                var prefix = "line " + seen[0] + " of " + step.count() + ": ";
                if (!matcher.find()) {
                    return fail(prefix + "'" + line + "'");
                }
                var unmet = unmet(step.where(), matcher, step.pattern(), line);
                if (unmet.isPresent()) {
                    return fail(prefix + unmet.get().why());
                }
                remember(matcher, step.pattern());
                return seen[0] == step.count() ? Timeline.Verdict.ACCEPT : Timeline.Verdict.SKIP;
            }
        };
        int found = timeline.await(from, judge, limit);
        var what = (step.count() == 1 ? "the next line" : "each of the next " + step.count() + " lines")
                + " to match /" + step.pattern() + "/" + step.where().map(w -> " where " + w.text()).orElse("");
        if (found < 0) {
            throw timedOut(what, limit, seen[0] + " of " + step.count() + " lines came");
        }
        cursors.outputAfter(found);
        return "";
    }

    /** Why a matched line does not satisfy a condition; {@code broken}: the condition cannot be computed. */
    private record Unmet(String why, boolean broken) {
    }

    /** Why a matched line does not satisfy the condition, or empty when it does (or there is none). */
    private Optional<Unmet> unmet(Optional<Where> where, Matcher matcher, Pattern pattern, String line) {
        if (where.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (where.get().holds(name -> group(matcher, pattern, name))) {
                return Optional.empty();
            }
            return Optional.of(new Unmet("'" + line + "' matched, but not where " + where.get().text()
                    + " (" + values(matcher, pattern) + ")", false));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Unmet("'" + line + "': " + e.getMessage(), true));
        }
    }

    /** {@code never /REGEX/}. */
    void never(Step.Never step) {
        timeline.forbid(step.pattern(), step.line(), cursors.output());
    }

    /** {@code expect reload [MODULES]}. */
    String reload(Step.ExpectReload step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(timeout);
        var what = "a reload" + step.modules().map(m -> " of " + m).orElse("");
        int found = awaitEvent(what, limit, entry -> {
            if (entry instanceof Observed.Reloaded reloaded) {
                return step.modules().isEmpty() || step.modules().get().equals(reloaded.modules())
                        ? Timeline.Verdict.ACCEPT : Timeline.Verdict.FAIL;
            }
            return unexpected(entry);
        });
        lastReload = (Observed.Reloaded) timeline.get(found);
        return "gen " + lastReload.generation() + ", " + lastReload.modules() + ", "
                + millis(lastReload.micros() / 1000.0) + " ms to load";
    }

    /** {@code expect no reload}: the next build is up to date, or none comes. */
    String noReload(Step.ExpectNoReload step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(NO_RELOAD_WAIT);
        int from = cursors.events();
        int found = timeline.await(from, judge(entry -> {
            if (entry instanceof Observed.Built built) {
                return built.report() instanceof BuildReport.UpToDate ? Timeline.Verdict.ACCEPT : Timeline.Verdict.FAIL;
            }
            if (entry instanceof Observed.Reloaded) {
                return Timeline.Verdict.FAIL;
            }
            return unexpected(entry);
        }, "no reload"), limit);
        if (found < 0) {
            cursors.eventsAfter(timeline.size() - 1);
            return "nothing built in " + seconds(limit);
        }
        cursors.eventsAfter(found);
        cursors.outputAfter(found);
        return "up to date";
    }

    /** {@code expect reset NAMES}: about the reload the last {@code expect reload} accepted. */
    String reset(Step.ExpectReset step) throws StepFailure {
        if (lastReload == null) {
            throw new StepFailure("an 'expect reload' before 'expect reset'", "none");
        }
        var wanted = step.statics().stream().sorted().toList();
        if (!wanted.equals(lastReload.reset())) {
            throw new StepFailure("gen " + lastReload.generation() + " to reset " + wanted,
                    "reset " + lastReload.reset() + " (" + lastReload.carried() + " carried)");
        }
        return lastReload.carried() + " carried";
    }

    /** {@code expect shared NAMES}: about the reload the last {@code expect reload} accepted. */
    String shared(Step.ExpectShared step) throws StepFailure {
        if (lastReload == null) {
            throw new StepFailure("an 'expect reload' before 'expect shared'", "none");
        }
        var wanted = step.statics().stream().sorted().toList();
        if (!wanted.equals(lastReload.shared())) {
            throw new StepFailure("gen " + lastReload.generation() + " to share " + wanted,
                    "shared " + lastReload.shared() + " (" + lastReload.carried() + " carried, reset "
                            + lastReload.reset() + ")");
        }
        return lastReload.shared().size() + " shared, " + lastReload.carried() + " carried";
    }

    /** {@code expect fresh NAMES}: about the newest generation published so far. */
    String fresh(Step.ExpectFresh step) throws StepFailure {
        var published = newestPublished().orElseThrow(() -> new StepFailure("a published generation", "none"));
        var wanted = step.globals().stream().sorted().toList();
        var fresh = published.freshGlobals().stream().map(global -> global.cname()).sorted().toList();
        if (!wanted.equals(fresh)) {
            throw new StepFailure("gen " + published.number() + " to give fresh storage to " + wanted,
                    "fresh storage for " + fresh);
        }
        return published.freshGlobals().stream().map(g -> g.cname() + ": " + g.reason())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** {@code expect error FILE:LINE[:COLUMN] [/REGEX/]}. */
    String error(Step.ExpectError step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(timeout);
        var what = "a build failing with an error at " + step.file() + ":" + step.lineNumber()
                + (step.column() > 0 ? ":" + step.column() : "") + step.message().map(m -> " matching /" + m + "/").orElse("");
        int found = awaitEvent(what, limit, entry -> {
            if (entry instanceof Observed.Built built) {
                return built.report() instanceof BuildReport.Failed failed && matching(step, failed).isPresent()
                        ? Timeline.Verdict.ACCEPT : Timeline.Verdict.FAIL;
            }
            if (entry instanceof Observed.Reloaded) {
                return Timeline.Verdict.SKIP;
            }
            return unexpected(entry);
        });
        // the program's later lines are what the last good code printed after the failure
        cursors.outputAfter(found);
        var failed = (BuildReport.Failed) ((Observed.Built) timeline.get(found)).report();
        var diagnostic = matching(step, failed).orElseThrow();
        return relative(diagnostic.file()) + ":" + diagnostic.line() + ":" + diagnostic.column() + ": " + diagnostic.severity()
                + ": " + diagnostic.message();
    }

    private Optional<Diagnostic> matching(Step.ExpectError step, BuildReport.Failed failed) {
        return failed.diagnostics().stream().filter(Diagnostic::isError)
                .filter(d -> relative(d.file()).equals(step.file()) || d.file().getFileName().toString().equals(step.file()))
                .filter(d -> d.line() == step.lineNumber() && (step.column() == 0 || d.column() == step.column()))
                .filter(d -> step.message().map(m -> m.matcher(d.message()).find()).orElse(true))
                .findFirst();
    }

    /** {@code expect crash [SIGNAL] [in FUNCTION] [module MODULE]}. */
    String crash(Step.ExpectCrash step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(timeout);
        var what = "a crash" + step.signal().map(s -> " by " + s).orElse("") + step.function().map(f -> " in " + f + "()").orElse("")
                + step.module().map(m -> " of module " + m).orElse("");
        int found = awaitEnding(what, limit, ending -> ending instanceof HostEvent.Crashed crash
                && step.signal().map(s -> s.equals(crash.signal())).orElse(true)
                && step.function().map(f -> f.equals(crash.function())).orElse(true)
                && step.module().map(m -> m.equals(crash.module())).orElse(true));
        return Describe.entry(timeline.get(found));
    }

    /** {@code expect exit [STATUS]}. */
    String exit(Step.ExpectExit step) throws StepFailure, InterruptedException {
        var limit = step.within().orElse(timeout);
        var what = "the program to exit" + step.status().map(s -> " with status " + s).orElse("");
        int found = awaitEnding(what, limit, ending -> ending instanceof HostEvent.Exited exited
                && step.status().map(s -> s == exited.status()).orElse(true));
        return Describe.entry(timeline.get(found));
    }

    private int awaitEnding(String what, Duration limit, Predicate<HostEvent.Ending> wanted)
            throws StepFailure, InterruptedException {
        int found = awaitEvent(what, limit, entry -> {
            if (entry instanceof Observed.Ended ended) {
                return wanted.test(ended.ending()) ? Timeline.Verdict.ACCEPT : Timeline.Verdict.FAIL;
            }
            // a reload refused because the program died is part of the end; a failed build means
            // the edit that was to end it never reached it
            return entry instanceof Observed.Built built && built.report() instanceof BuildReport.Failed
                    ? Timeline.Verdict.FAIL : Timeline.Verdict.SKIP;
        });
        cursors.outputAfter(found);
        return found;
    }

    /** {@code start}, {@code restart}, {@code expect started}: the next start of the program. */
    String started(Optional<Duration> within) throws StepFailure, InterruptedException {
        var limit = within.orElse(timeout);
        int found = awaitEvent("the program to start", limit, entry -> {
            if (entry instanceof Observed.Started) {
                return Timeline.Verdict.ACCEPT;
            }
            if (entry instanceof Observed.Built built) {
                return built.report() instanceof BuildReport.Failed ? Timeline.Verdict.FAIL : Timeline.Verdict.SKIP;
            }
            return entry instanceof Observed.NotStarted ? Timeline.Verdict.FAIL : Timeline.Verdict.SKIP;
        });
        for (int i = found - 1; i >= cursors.output(); i--) {
            if (timeline.get(i) instanceof Observed.Ended) {
                cursors.outputAfter(i);
                break;
            }
        }
        var started = (Observed.Started) timeline.get(found);
        return "gen " + started.generation() + ", pid " + started.pid();
    }

    Optional<Generation> newestPublished() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i) instanceof Observed.Built built && built.report() instanceof BuildReport.Published published) {
                return Optional.of(published.generation());
            }
        }
        return Optional.empty();
    }

    /** Waits for an event from the event cursor; moves the cursor past it. */
    private int awaitEvent(String what, Duration limit, Function<Observed, Timeline.Verdict> verdict)
            throws StepFailure, InterruptedException {
        int from = cursors.events();
        int found = timeline.await(from, judge(verdict, what), limit);
        if (found < 0) {
            throw timedOut(what, limit, null);
        }
        cursors.eventsAfter(found);
        return found;
    }

    private static Timeline.Judge judge(Function<Observed, Timeline.Verdict> verdict, String what) {
        return new Timeline.Judge() {
            @Override
            public Timeline.Verdict judge(Observed entry, int index) {
                return entry instanceof Observed.Output ? Timeline.Verdict.SKIP : verdict.apply(entry);
            }

            @Override
            public StepFailure failure(Observed entry, int index) {
                return new StepFailure(what, Describe.entry(entry));
            }
        };
    }

    /** Whatever makes an expected event impossible: a failed build, an end nobody expected, trouble. */
    private static Timeline.Verdict unexpected(Observed entry) {
        if (entry instanceof Observed.Built built) {
            return built.report() instanceof BuildReport.Failed ? Timeline.Verdict.FAIL : Timeline.Verdict.SKIP;
        }
        return entry instanceof Observed.Ended || entry instanceof Observed.Trouble || entry instanceof Observed.NotStarted
                ? Timeline.Verdict.FAIL : Timeline.Verdict.SKIP;
    }

    private StepFailure timedOut(String what, Duration limit, String detail) {
        var since = timeline.snapshot();
        var events = Describe.events(since.subList(Math.min(cursors.events(), since.size()), since.size()));
        return new StepFailure(what, "nothing within " + seconds(limit) + (detail != null ? " (" + detail + ")" : "")
                + "; events since: " + events);
    }

    /**
     * An output wait: lines go to {@link #line}; an event the event cursor has not passed that
     * makes more output from this program impossible fails it.
     */
    private abstract class OutputJudge implements Timeline.Judge {
        private String lineFailure;

        abstract Timeline.Verdict line(String line);

        /** Fails the wait on this line, saying why. */
        Timeline.Verdict fail(String why) {
            lineFailure = why;
            return Timeline.Verdict.FAIL;
        }

        @Override
        public Timeline.Verdict judge(Observed entry, int index) {
            if (entry instanceof Observed.Output output) {
                return line(output.line());
            }
            return index >= cursors.events() ? unexpected(entry) : Timeline.Verdict.SKIP;
        }

        @Override
        public StepFailure failure(Observed entry, int index) {
            if (entry instanceof Observed.Output) {
                return new StepFailure("output as the step says", lineFailure);
            }
            return new StepFailure("more output from the program", Describe.entry(entry));
        }
    }

    private String group(Matcher matcher, Pattern pattern, String name) {
        if (name.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(name);
            return number <= matcher.groupCount() ? matcher.group(number) : null;
        }
        if (groupNames(pattern).contains(name)) {
            return matcher.group(name);
        }
        return variables.get(name);
    }

    private void remember(Matcher matcher, Pattern pattern) {
        for (var name : groupNames(pattern)) {
            if (matcher.group(name) != null) {
                variables.put(name, matcher.group(name));
            }
        }
    }

    private static List<String> groupNames(Pattern pattern) {
        var names = new ArrayList<String>();
        var m = GROUP_NAME.matcher(pattern.pattern());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private String values(Matcher matcher, Pattern pattern) {
        var values = new ArrayList<String>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            values.add("$" + i + "=" + matcher.group(i));
        }
        for (var name : groupNames(pattern)) {
            values.add("$" + name + "=" + matcher.group(name));
        }
        variables.forEach((name, value) -> {
            if (!groupNames(pattern).contains(name)) {
                values.add("$" + name + "=" + value);
            }
        });
        return String.join(" ", values);
    }

    private String relative(Path file) {
        return file.startsWith(projectDir) ? projectDir.relativize(file).toString() : file.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String millis(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.1f", millis) : Long.toString(Math.round(millis));
    }
}

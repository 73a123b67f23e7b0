package hcr.console;

import hcr.compiler.BuildConfig;
import hcr.compiler.BuildListener;
import hcr.compiler.BuildReport;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.loader.CrashBannerLines;
import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the console shows about one {@code hcr dev} session, fed by the dev session as
 * things happen, read as a whole by {@link #snapshot()} and followed live by the push channel.
 *
 * <p>Thread-safe: the watcher, the build thread, compile workers, the host's event thread and
 * the web server's threads call it at once. Every method returns quickly and never blocks on a
 * browser: updates are applied under one lock and handed to subscribers as JSON text that they
 * must only queue (see {@link PushClient}). Everything kept is bounded (see {@link ConsoleLimits}).
 *
 * <p>What the dev session calls, and when:
 * <ul>
 *   <li>{@link #changesSeen} for every change set the watcher delivers;</li>
 *   <li>{@link #listener} wraps the build listener given to the {@code Builder};</li>
 *   <li>{@link #buildStarted()} before, {@link #buildFinished} after every {@code Builder.build()};</li>
 *   <li>{@link #programStarting()} before every {@code ProgramHost.start};</li>
 *   <li>{@link #hostEvent} for every event of the host (subscribe it with the host's listener);</li>
 *   <li>{@link #message} for every line hcr says on the terminal (optional).</li>
 * </ul>
 */
public final class ConsoleState {


    private final Path projectDir;
    private final Path generationsDir;
    private final ProgramTracker program;
    private final ModuleTable modules = new ModuleTable();
    private final ReloadTimeline timeline = new ReloadTimeline();
    private final BuildErrors errorsOf;
    private final Ring<OutputLine> output = new Ring<>(ConsoleLimits.OUTPUT_LINES);
    private final Ring<LogLine> log = new Ring<>(ConsoleLimits.LOG_LINES);
    private final List<Consumer<String>> sinks = new ArrayList<>();
    private ErrorsView errors = ErrorsView.NONE;
    private BuildView build = new BuildView("idle", 0, null, null);
    private LayoutQuestionView question = LayoutQuestionView.NONE;
    private int factsGeneration;
    private long outputSeq;
    private long logSeq;
    /** The host JVM's crash banner is the host's words, not the program's output. */
    private final CrashBannerLines withoutBanner = new CrashBannerLines(this::accepted);

    /** A session of the project {@code config} builds. */
    public ConsoleState(BuildConfig config) {
        this(config.projectDir(), config.buildDir());
    }

    /** A session of the project in {@code projectDir} built into {@code buildDir} (its generations in {@code gen/}). */
    public ConsoleState(Path projectDir, Path buildDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.generationsDir = buildDir.toAbsolutePath().normalize().resolve("gen");
        var name = this.projectDir.getFileName();
        this.program = new ProgramTracker(name == null ? "program" : name.toString());
        this.errorsOf = new BuildErrors(this.projectDir);
    }

    /** The project folder: source text is served from here only. */
    public Path projectDir() {
        return projectDir;
    }

    /**
     * The watcher delivered a change set: {@code files} (absolute paths, any kind) changed, the first
     * event of the burst came at {@code firstEventNanos} and the set at {@code deliveredNanos}
     * ({@code ChangeSet.all()}, {@code firstEventNanos()}, {@code deliveredNanos()}). Edited
     * {@code .c} files mark their modules {@code changed}; the times start edit-to-effect.
     */
    public synchronized void changesSeen(Collection<Path> files, long firstEventNanos, long deliveredNanos) {
        timeline.changesSeen(firstEventNanos, deliveredNanos);
        var ids = files.stream().map(errorsOf::moduleId).flatMap(Optional::stream).distinct().toList();
        modules.changed(ids).forEach(view -> publish("module", view));
    }

    /**
     * A build listener that gives {@code terminal} everything as before and shows compile starts,
     * ends and failures, progress lines and tool output in the console. Pass it to the {@code Builder}.
     */
    public BuildListener listener(BuildListener terminal) {
        return new ConsoleBuildListener(this, terminal);
    }

    /** A build starts (call right before {@code Builder.build()}): it takes every change seen so far. */
    public synchronized void buildStarted() {
        timeline.buildStarted(System.nanoTime());
        build = new BuildView("building", build.generation(), System.currentTimeMillis(), build.totalMicros());
        publish("build", build);
    }

    /** The build ended with {@code report}. */
    public void buildFinished(BuildReport report) {
        Map<String, ModuleFacts> facts = Map.of();
        if (report instanceof BuildReport.Published published) {
            facts = ModuleFacts.of(published.generation().dir());
        } else if (report instanceof BuildReport.UpToDate upToDate && upToDate.generation() > 0
                && upToDate.generation() != factsGeneration()) {
            facts = ModuleFacts.of(generationsDir.resolve(Integer.toString(upToDate.generation())));
        }
        finished(report, facts);
        if (report instanceof BuildReport.Published published) {
            followTypes(published.generation());
        }
    }

    /**
     * The struct and union types whose layout changed in {@code generation} go into the history
     * entry of the reload or start that brings it in, whenever they become known (issue 10):
     * before it loads, or after, when the entry is amended and pages update it in place. The
     * console follows the generation itself rather than being told by the dev session, so the
     * entry says it whether the program asks about it, restarts for it or is not running; the
     * callback runs on the thread that completes the comparison, or here when it is done already.
     */
    private void followTypes(Generation generation) {
        generation.typeChanges().thenAccept(types -> {
            if (!types.isEmpty()) {
                typesChanged(generation.number(), types.stream().map(LayoutChange::message).toList());
            }
        });
    }

    /** {@code lines}: the struct and union types that changed layout in {@code generation}, as hcr says them. */
    synchronized void typesChanged(int generation, List<String> lines) {
        timeline.typesChanged(generation, lines).ifPresent(entry -> publish("history-amended", entry));
    }

    private synchronized int factsGeneration() {
        return factsGeneration;
    }

    private synchronized void finished(BuildReport report, Map<String, ModuleFacts> facts) {
        long now = System.currentTimeMillis();
        if (report instanceof BuildReport.Published published) {
            var generation = published.generation();
            timeline.published(generation, program.paused());
            factsGeneration = generation.number();
            build = new BuildView("published", generation.number(), build.startedAtMillis(),
                    generation.timings().totalMicros());
            publish("modules", modules.published(generation, facts));
            setErrors(ErrorsView.NONE);
        } else if (report instanceof BuildReport.UpToDate upToDate) {
            timeline.buildEnded();
            if (!facts.isEmpty()) {
                factsGeneration = upToDate.generation();
            }
            build = new BuildView("up-to-date", Math.max(build.generation(), upToDate.generation()),
                    build.startedAtMillis(), null);
            publish("modules", modules.upToDate(facts));
            setErrors(ErrorsView.NONE);
        } else if (report instanceof BuildReport.Failed failed) {
            timeline.buildEnded();
            build = new BuildView("failed", build.generation(), build.startedAtMillis(), null);
            publish("modules", modules.failed(errorsOf.modulesWithErrors(failed)));
            setErrors(errorsOf.of(failed, now));
        }
        publish("build", build);
    }

    private void setErrors(ErrorsView view) {
        if (!view.equals(errors)) {
            errors = view;
            publish("errors", errors);
        }
    }

    /** The dev session is about to start the program (the first time, or again after it ended). */
    public synchronized void programStarting() {
        layoutQuestionClosed();
        withoutBanner.programStarting();
        program.starting();
        modules.programStarting();
        timeline.programStarting();
        publish("program", program.view());
    }

    /** An event of the program's host; output lines included. Call for every event, in order. */
    public synchronized void hostEvent(HostEvent event) {
        withoutBanner.accept(event);
    }

    private void accepted(HostEvent event) {
        if (event instanceof HostEvent.Output line) {
            addOutput(line);
            return;
        }
        long nowMillis = System.currentTimeMillis();
        if (event instanceof HostEvent.ModuleLoaded module) {
            publish("module", modules.loaded(module));
        } else if (event instanceof HostEvent.GenerationLoaded generation) {
            modules.generationLoaded(generation.generation()).forEach(view -> publish("module", view));
        } else if (event instanceof HostEvent.Started started) {
            modules.generationLoaded(started.generation()).forEach(view -> publish("module", view));
        }
        var entry = timeline.accept(event, program.generation(), System.nanoTime(), nowMillis);
        entry.ifPresent(e -> {
            if (e.editToEffectMicros() != null) {
                program.editToEffect(e.editToEffectMicros());
            }
            publish("history", e);
        });
        if (program.accept(event, nowMillis) || entry.isPresent()) {
            publish("program", program.view());
        }
    }

    private void addOutput(HostEvent.Output line) {
        var text = ConsoleLimits.cut(line.line(), ConsoleLimits.LINE_CHARS);
        var entry = new OutputLine(++outputSeq, line.stream().name().toLowerCase(Locale.ROOT), text,
                line.timestamp().toEpochMilli());
        output.add(entry);
        program.output(entry.timeMillis());
        publish("output", entry);
    }

    /** A line hcr says on the terminal (without the {@code hcr: } prefix or with it, as you like). */
    public synchronized void message(String line) {
        addLog("hcr", line);
    }

    /**
     * A struct or union type whose objects the running program may hold changed layout in
     * generation {@code generation}: the page asks whether to restart ({@code lines}, as the
     * terminal says them), next to a Restart button, until {@link #layoutQuestionClosed()}.
     */
    public synchronized void layoutQuestion(int generation, List<String> lines) {
        question = new LayoutQuestionView(true, generation, lines);
        publish("question", question);
    }

    /** The question is over: the program restarts or ended, or the terminal answered it. */
    public synchronized void layoutQuestionClosed() {
        if (question.open()) {
            question = LayoutQuestionView.NONE;
            publish("question", question);
        }
    }

    /** Automatic reloads were paused or resumed (the server calls this after {@link ConsoleActions#setPaused}). */
    public synchronized void reloadsPaused(boolean paused) {
        program.paused(paused);
        if (paused) {
            timeline.paused();
        }
        publish("program", program.view());
    }

    synchronized void moduleCompiling(String id) {
        publish("module", modules.compiling(id));
    }

    synchronized void moduleCompiled(String id, long micros, boolean ok) {
        publish("module", modules.compiled(id, micros, ok, System.currentTimeMillis()));
    }

    synchronized void progress(String line) {
        addLog("progress", line);
    }

    synchronized void toolOutput(String text) {
        text.lines().forEach(line -> addLog("tool", line));
    }

    private void addLog(String kind, String text) {
        var line = new LogLine(++logSeq, kind, ConsoleLimits.cut(text, ConsoleLimits.LINE_CHARS),
                System.currentTimeMillis());
        log.add(line);
        publish("log", line);
    }

    /** The whole state now. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(System.currentTimeMillis(), projectDir.toString(), program.view(), build, modules.views(),
                timeline.history(), timeline.chart(), errors, output.list(), output.dropped(), output.capacity(),
                log.list(), log.dropped(), question);
    }

    /**
     * Registers {@code sink} for every later event, as JSON text ({@code {"type":..,"data":..}}), and
     * returns the state at that moment: nothing is missed and nothing comes twice. {@code sink} is
     * called under this object's lock and must only queue.
     */
    synchronized Snapshot subscribe(Consumer<String> sink) {
        sinks.add(sink);
        return snapshot();
    }

    synchronized void unsubscribe(Consumer<String> sink) {
        sinks.remove(sink);
    }

    private void publish(String type, Object data) {
        if (sinks.isEmpty()) {
            return;
        }
        var json = Json.event(type, data);
        for (var sink : List.copyOf(sinks)) {
            sink.accept(json);
        }
    }
}

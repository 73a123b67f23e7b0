package hcr.cli.smoke;

import hcr.loader.HostEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one host's events into timeline entries: its module and static events are folded into
 * one {@link Observed.Reloaded} per generation (the runtime sends them before the generation's
 * summary), output lines and endings are passed on. The first load is not a reload.
 *
 * <p>The JVM's fatal error banner, which the host JVM prints on the program's stdout when native
 * code crashes it, is the host's, not the program's: it is left out (the crash itself arrives as
 * the ending, with the function and module). It starts with a line {@code #} followed by the
 * marker line, so a line {@code #} is held until the next line (or the end) shows which it is.
 */
final class ReloadFold implements Consumer<HostEvent> {

    private static final String BANNER_MARKER = "# A fatal error has been detected by the Java Runtime Environment:";

    private final Timeline timeline;
    private boolean holdingHash;
    private boolean inBanner;
    private final List<String> reloaded = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<String> reset = new ArrayList<>();

    ReloadFold(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public void accept(HostEvent event) {
        if (event instanceof HostEvent.Output output) {
            output(output.line());
        } else if (event instanceof HostEvent.ModuleLoaded module) {
            (switch (module.action()) {
                case "reloaded" -> reloaded;
                case "removed" -> removed;
                default -> loaded;
            }).add(module.module());
        } else if (event instanceof HostEvent.StaticChanged change && change.action().equals("reset")) {
            reset.add(change.name());
        } else if (event instanceof HostEvent.GenerationLoaded generation) {
            if (generation.previous() > 0) {
                timeline.add(new Observed.Reloaded(generation.generation(), reloaded, loaded, removed, reset,
                        generation.counts().getOrDefault("carried", 0L), generation.micros().getOrDefault("total", 0L)));
            }
            reloaded.clear();
            loaded.clear();
            removed.clear();
            reset.clear();
        } else if (event instanceof HostEvent.Started started) {
            timeline.add(new Observed.Started(started.pid(), started.generation()));
        } else if (event instanceof HostEvent.Ending ending) {
            releaseHash();
            timeline.add(new Observed.Ended(ending));
        } else if (event instanceof HostEvent.StartFailed failed) {
            timeline.add(new Observed.NotStarted("the program could not start: " + failed.error()));
        } else if (event instanceof HostEvent.RuntimeError error) {
            timeline.add(new Observed.Trouble("runtime: " + error.message()));
        }
    }

    private void output(String line) {
        if (inBanner) {
            return;
        }
        if (holdingHash) {
            holdingHash = false;
            if (line.equals(BANNER_MARKER)) {
                inBanner = true;
                return;
            }
            timeline.add(new Observed.Output("#"));
        }
        if (line.equals("#")) {
            holdingHash = true;
        } else {
            timeline.add(new Observed.Output(line));
        }
    }

    private void releaseHash() {
        if (holdingHash) {
            holdingHash = false;
            timeline.add(new Observed.Output("#"));
        }
    }
}

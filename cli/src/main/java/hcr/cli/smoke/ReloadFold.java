package hcr.cli.smoke;

import hcr.cli.ReloadReports;
import hcr.loader.CrashBannerLines;
import hcr.loader.HostEvent;
import java.util.function.Consumer;

/**
 * Turns one host's events into timeline entries: its module and static events are folded into
 * one {@link Observed.Reloaded} per generation by the same {@link ReloadReports} that writes the
 * terminal's reload lines; output lines and endings are passed on. The first load is not a
 * reload. The JVM's fatal error banner is left out ({@link CrashBannerLines}): the crash itself
 * arrives as the ending, with the function and module.
 */
final class ReloadFold implements Consumer<HostEvent> {

    private final Timeline timeline;
    private final ReloadReports reports;
    private final CrashBannerLines withoutBanner = new CrashBannerLines(this::accepted);

    ReloadFold(Timeline timeline) {
        this.timeline = timeline;
        this.reports = new ReloadReports(report -> timeline.add(new Observed.Reloaded(report.generation(),
                report.reloaded(), report.loaded(), report.removed(), report.reset(), report.shared(), report.carried(),
                report.micros())));
    }

    @Override
    public void accept(HostEvent event) {
        withoutBanner.accept(event);
    }

    private void accepted(HostEvent event) {
        reports.accept(event);
        if (event instanceof HostEvent.Output output) {
            timeline.add(new Observed.Output(output.line()));
        } else if (event instanceof HostEvent.Started started) {
            timeline.add(new Observed.Started(started.pid(), started.generation()));
        } else if (event instanceof HostEvent.Ending ending) {
            timeline.add(new Observed.Ended(ending));
        } else if (event instanceof HostEvent.StartFailed failed) {
            timeline.add(new Observed.NotStarted("the program could not start: " + failed.error()));
        } else if (event instanceof HostEvent.RuntimeError error) {
            timeline.add(new Observed.Trouble("runtime: " + error.message()));
        }
    }
}

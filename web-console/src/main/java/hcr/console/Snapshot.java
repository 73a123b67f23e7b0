package hcr.console;

import java.util.List;

/**
 * The whole state of the session at one moment: what {@code GET /api/state} returns and what a
 * push client receives first. Immutable; safe to hand to any thread.
 *
 * @param serverTimeMillis the dev server's clock when it was taken (the page derives uptimes from it)
 * @param project          the project folder
 * @param outputCapacity   how many output lines the server keeps
 * @param outputDropped    output lines dropped from the server's buffer so far
 * @param logDropped       log lines dropped so far
 * @param question         the layout question, when one is asked ({@link LayoutQuestionView#NONE} else)
 */
public record Snapshot(long serverTimeMillis, String project, ProgramView program, BuildView build,
                       List<ModuleView> modules, List<ReloadEntry> history, List<ChartPoint> chart,
                       ErrorsView errors, List<OutputLine> output, long outputDropped, int outputCapacity,
                       List<LogLine> log, long logDropped, LayoutQuestionView question) {

    public Snapshot {
        modules = List.copyOf(modules);
        history = List.copyOf(history);
        chart = List.copyOf(chart);
        output = List.copyOf(output);
        log = List.copyOf(log);
    }
}

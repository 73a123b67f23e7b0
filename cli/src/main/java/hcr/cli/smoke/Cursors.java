package hcr.cli.smoke;

/**
 * Where a run has read the timeline to: output expectations look at lines after the last line
 * they matched; event expectations (reload, error, crash...) at events after the last they
 * accepted. An end or a start of the program moves the output cursor past the old program's lines.
 */
final class Cursors {

    private int output;
    private int events;

    int output() {
        return output;
    }

    int events() {
        return events;
    }

    /** Output expectations continue after index {@code index}. */
    void outputAfter(int index) {
        output = Math.max(output, index + 1);
    }

    /** Event expectations continue after index {@code index}. */
    void eventsAfter(int index) {
        events = Math.max(events, index + 1);
    }
}

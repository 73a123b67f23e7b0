package hcr.cli.smoke;

/**
 * A step that did not hold: what it expected and what came instead. The run adds which step
 * (file, line, iteration) and the program's last output lines.
 */
final class StepFailure extends Exception {

    private final String expected;
    private final String got;

    StepFailure(String expected, String got) {
        super("expected " + expected + "; got " + got);
        this.expected = expected;
        this.got = got;
    }

    String expected() {
        return expected;
    }

    String got() {
        return got;
    }

    static StepFailure violated(Timeline.Violation violation) {
        return new StepFailure("no line matching /" + violation.rule().pattern() + "/ (" + violation.rule().line().file()
                + ":" + violation.rule().line().number() + ": never)", "'" + violation.output() + "'");
    }
}

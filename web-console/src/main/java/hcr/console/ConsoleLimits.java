package hcr.console;

/** The bounds that keep the dev server's memory flat however long the session and however chatty the program. */
final class ConsoleLimits {
    /** Output lines kept, stdout and stderr together; older ones are dropped and counted. */
    static final int OUTPUT_LINES = 10_000;
    /** Characters kept of one output or log line. */
    static final int LINE_CHARS = 4096;
    /** Lines of hcr's own log kept. */
    static final int LOG_LINES = 2_000;
    /** Reload history entries kept. */
    static final int HISTORY = 200;
    /** Edit-to-effect points kept for the chart. */
    static final int CHART_POINTS = 2_000;
    /** Characters of a failed build's raw tool output kept. */
    static final int TOOL_OUTPUT_CHARS = 64 * 1024;

    private ConsoleLimits() {
    }

    /** {@code text} cut to {@code max} characters, saying how much was cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + " … (" + (text.length() - max) + " more characters)";
    }
}

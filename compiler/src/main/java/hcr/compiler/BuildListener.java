package hcr.compiler;

/**
 * Receives what a build shows the user while it runs. Called from the building thread and
 * from compile workers, one call at a time per line or block.
 */
public interface BuildListener {

    /** One ninja-style progress line, {@code [1/3] CC sim.c}, without a newline. */
    void progress(String line);

    /** Output of the compiler or linker, exactly as it printed it (several lines, newlines kept). */
    void toolOutput(String text);

    /** Whether the tool output may carry ANSI colours (then gcc is asked for them). */
    default boolean colour() {
        return false;
    }

    /** A listener that ignores everything. */
    static BuildListener silent() {
        return new BuildListener() {
            @Override
            public void progress(String line) {
            }

            @Override
            public void toolOutput(String text) {
            }
        };
    }
}

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

    /**
     * The compiler starts on module {@code id}. Called from a compile worker, so several modules
     * may be compiling at once; every call is followed by one {@link #moduleCompiled} for the same
     * id. Modules whose content did not change are not compiled and get neither call.
     */
    default void moduleCompiling(String id) {
    }

    /**
     * The compiler finished module {@code id} after {@code micros} microseconds; {@code ok} is
     * false when it failed (its messages come through {@link #toolOutput} and the build's
     * {@link BuildReport.Failed}) or could not be run. Called from the compile worker.
     */
    default void moduleCompiled(String id, long micros, boolean ok) {
    }

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

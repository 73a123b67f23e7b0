package hcr.compiler;

/**
 * Ninja-style progress: one line per finished step, {@code [done/total] WHAT target}. The
 * total grows when later phases learn how much work they have.
 */
final class Progress {
    private final BuildListener listener;
    private int done;
    private int total;

    Progress(BuildListener listener) {
        this.listener = listener;
    }

    /** Announces that {@code steps} more steps are coming. */
    synchronized void expect(int steps) {
        total += steps;
    }

    /** Now that the work left is known: {@code remaining} more steps. */
    synchronized void revise(int remaining) {
        total = done + remaining;
    }

    synchronized void step(String what, String target) {
        done++;
        total = Math.max(total, done);
        listener.progress("[" + done + "/" + total + "] " + what + " " + target);
    }
}

package hcr.console;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the console's buttons do, implemented by the dev session. The server calls these on a
 * thread of its own, one action at a time, after the request passed every check; they should
 * queue work rather than do it (a restart that takes seconds is fine, the browser is answered
 * once the method returns). An exception is reported to the browser as the action's failure.
 */
public interface ConsoleActions {

    /** Rebuild every module from scratch and reload (a build like any other, edit-to-effect not measured). */
    void rebuildAll();

    /** Stop the program and start it again on the newest generation. */
    void restartProgram();

    /**
     * Pause ({@code true}) or resume automatic reloads. While paused, builds still run and publish;
     * the program keeps its generation until {@link #reloadNow()} or resuming.
     */
    void setPaused(boolean paused);

    /** Apply the newest published generation now, paused or not. */
    void reloadNow();

    /**
     * Every global and writable static of the running program with its current value; fails when
     * no program runs.
     */
    CompletableFuture<List<GlobalView>> globals();

    /**
     * Writes {@code text} (as the page sent it: a decimal or {@code 0x} integer, a float) into the
     * global {@code name} of the running program. Completes with the value as read back, formatted
     * like {@link GlobalView#value()}; fails with a message for the user (unknown global, not
     * editable, a value that does not fit).
     */
    CompletableFuture<String> writeGlobal(String name, String text);

    /**
     * Writes {@code text} into the static {@code name} (as {@link GlobalView#name()} spells it:
     * {@code total}, {@code vars_step::calls}) of {@code module}, where the running code keeps it.
     * Completes and fails as {@link #writeGlobal} does.
     */
    CompletableFuture<String> writeStatic(String module, String name, String text);
}

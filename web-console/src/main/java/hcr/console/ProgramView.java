package hcr.console;

/**
 * The running program as the console shows it.
 *
 * @param name            the program's name (the project folder's name)
 * @param state           {@code not-started}, {@code starting}, {@code running}, {@code crashed},
 *                        {@code restarting}, {@code exited}, {@code stopped} or {@code start-failed}
 * @param pid             the host process id while one runs or ran last, else null
 * @param startedAtMillis wall-clock time the program started (for its uptime), else null
 * @param endedAtMillis   wall-clock time it ended, while it is not running, else null
 * @param generation      the generation the program runs (0 before it started)
 * @param signal          for {@code crashed}: the signal, e.g. {@code SIGSEGV}
 * @param function        for {@code crashed}: the innermost function of the program's own code, when known
 * @param module          for {@code crashed}: that function's module, when known
 * @param exitStatus      for {@code exited}: the status main returned or exit was given
 * @param error           for {@code start-failed}: why
 * @param lastEditToEffectMicros the last measured time from a file event to the new code running
 * @param paused          whether automatic reloads are paused
 */
public record ProgramView(String name, String state, Long pid, Long startedAtMillis, Long endedAtMillis,
                          int generation, String signal, String function, String module, Integer exitStatus,
                          String error, Long lastEditToEffectMicros, boolean paused) {
}

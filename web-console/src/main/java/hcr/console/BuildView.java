package hcr.console;

/**
 * The builder's state.
 *
 * @param state           {@code idle} (nothing built yet), {@code building}, {@code published},
 *                        {@code up-to-date} or {@code failed}
 * @param generation      the newest published generation, 0 before the first
 * @param startedAtMillis when the current or last build started, null before the first
 * @param totalMicros     how long the last finished build took, null if unknown
 */
public record BuildView(String state, int generation, Long startedAtMillis, Long totalMicros) {
}

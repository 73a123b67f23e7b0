package hcr.console;

/**
 * One line of hcr's own voice, as the terminal shows it.
 *
 * @param seq        1, 2, ... over the session
 * @param kind       {@code progress} ({@code [1/3] CC sim.c}), {@code tool} (compiler or linker output,
 *                   ANSI colours kept) or {@code hcr} (a message of the dev server)
 * @param text       the line
 * @param timeMillis when it was said
 */
public record LogLine(long seq, String kind, String text, long timeMillis) {
}

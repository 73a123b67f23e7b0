package hcr.console;

/**
 * One line the program printed, ANSI escapes kept (the page renders their colours).
 *
 * @param seq        1, 2, ... over the whole session, across restarts: a page that holds lines up to
 *                   {@code seq} and fewer than {@code seq} of them knows how many were dropped
 * @param stream     {@code stdout} or {@code stderr}
 * @param text       the line without its end; cut at {@value ConsoleLimits#LINE_CHARS} characters
 * @param timeMillis when the dev server read it
 */
public record OutputLine(long seq, String stream, String text, long timeMillis) {
}

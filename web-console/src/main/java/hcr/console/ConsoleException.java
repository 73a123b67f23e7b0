package hcr.console;

/** The console could not start; the message says why, for the user. */
public final class ConsoleException extends RuntimeException {
    public ConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}

package hcr.loader;

/**
 * The host refused to read or write a global, and said why: no such global, the wrong number of
 * bytes, a read-only ({@code const}) global, a thread-local one, or the loaded generation's
 * manifest gone. The message names the global. The program runs on unchanged.
 */
public final class GlobalAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GlobalAccessException(String message) {
        super(message);
    }
}

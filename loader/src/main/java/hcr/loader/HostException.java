package hcr.loader;

/** A host could not be started, or a wait on a running host failed; the message says why and what was seen. */
public final class HostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}

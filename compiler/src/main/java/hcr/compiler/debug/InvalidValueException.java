package hcr.compiler.debug;

/**
 * Text that cannot become the new value of a global: not a number, out of range for the type,
 * or not the right number of bytes. The message names the value, the type and the global, e.g.
 * {@code '300' does not fit in unsigned char counter (0 to 255)}.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }
}

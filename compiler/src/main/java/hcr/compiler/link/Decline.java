package hcr.compiler.link;

/**
 * A reason to leave an object to the real linker: thrown by any step of the in-process link
 * ({@link ModuleImage}) that meets what it does not make as ld makes it, and turned into a
 * declined result with this message. No stack trace: it is an answer, not a fault.
 */
final class Decline extends RuntimeException {
    Decline(String message) {
        super(message, null, false, false);
    }
}

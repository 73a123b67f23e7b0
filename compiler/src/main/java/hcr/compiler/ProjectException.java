package hcr.compiler;

/** The project on disk cannot be built as it is; the message says which file and why. */
public final class ProjectException extends Exception {

    public ProjectException(String message) {
        super(message);
    }
}

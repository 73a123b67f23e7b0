package hcr.project;

/**
 * The program cannot be described as it is: a malformed hcr.toml, a glob that matches nothing,
 * a pkg-config package that is not installed, a build that failed. The message is one line and
 * names the file, line and key, or the command.
 */
public final class ModelException extends Exception {

    public ModelException(String message) {
        super(message);
    }
}

package hcr.cli.bench;

/** A measurement that could not be made: a build failed, the program ended, a line never came. */
final class BenchFailure extends Exception {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

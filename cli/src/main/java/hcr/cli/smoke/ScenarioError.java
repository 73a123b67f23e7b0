package hcr.cli.smoke;

/** A scenario that cannot be read: the message names the file and line, as a compiler would. */
final class ScenarioError extends Exception {

    ScenarioError(String message) {
        super(message);
    }

    static ScenarioError at(Step.Line line, String message) {
        return new ScenarioError(line.file() + ":" + line.number() + ": " + message + "\n    " + line.text().strip());
    }
}

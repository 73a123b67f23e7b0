package hcr.cli.smoke;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one scenario went.
 *
 * @param name     the scenario's name
 * @param file     its file
 * @param log      the lines the run printed for it, failure included
 * @param failure  why it failed; empty when it passed
 * @param error    whether it could not run at all (unreadable, no project...), rather than failed a step
 * @param time     how long it took
 */
record ScenarioResult(String name, Path file, List<String> log, Optional<String> failure, boolean error, Duration time) {

    ScenarioResult {
        log = List.copyOf(log);
    }

    boolean passed() {
        return failure.isEmpty();
    }
}

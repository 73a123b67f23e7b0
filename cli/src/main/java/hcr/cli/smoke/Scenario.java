package hcr.cli.smoke;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario file read: where it is, its header and its steps.
 *
 * @param file  the scenario file
 * @param name  its file name without the extension, as reports name it
 * @param setup the header
 * @param steps the steps, in order
 */
record Scenario(Path file, String name, Setup setup, List<Step> steps) {

    /** The extension of scenario files. */
    static final String EXTENSION = ".hcrs";

    Scenario {
        steps = List.copyOf(steps);
    }
}

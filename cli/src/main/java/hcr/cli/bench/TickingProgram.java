package hcr.cli.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A generated C program that runs until stopped, printing a line that starts with
 * {@code tick } every interval (its first argument, in ms), and has one repeatable edit of one
 * of its modules: what a {@link ReloadSubject} runs and reloads.
 */
interface TickingProgram {

    /** How many modules the runtime loads. */
    int loaded();

    /** Edit {@code n}: changes one module, and only it. */
    SourceEdit edit();

    /** Writes the program into {@code dir}. */
    void writeTo(Path dir) throws IOException;
}

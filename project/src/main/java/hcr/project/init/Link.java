package hcr.project.init;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One link the build ran: a program, a shared library ({@code -shared}) or one object made of
 * several ({@code -r}).
 *
 * @param output  what it made, absolute
 * @param command the driver's command line
 */
record Link(Path output, DriverCommand command) {

    Link {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(command, "command");
    }

    /** Where the link ran: its relative paths are relative to it. */
    Path directory() {
        return command.execution().directory();
    }

    boolean isProgram() {
        return !command.shared() && !command.relocatable();
    }

    boolean isSharedLibrary() {
        return command.shared() && !command.relocatable();
    }

    /** The output's file name: a program's name. */
    String name() {
        return output.getFileName().toString();
    }
}

package hcr.console;

import java.util.List;

/**
 * What the last build got wrong, or nothing once a build succeeds.
 *
 * @param failed     whether the last finished build failed
 * @param timeMillis when it failed, null otherwise
 * @param files      the compiler's diagnostics grouped by file, in the order the compiler gave them
 * @param problems   messages that name no source place (undefined symbols, a missing compiler)
 * @param output     the failing tools' output as printed, when no diagnostic could be read from it
 *                   (empty otherwise; at most {@value ConsoleLimits#TOOL_OUTPUT_CHARS} characters)
 */
public record ErrorsView(boolean failed, Long timeMillis, List<FileErrors> files, List<String> problems,
                         String output) {

    static final ErrorsView NONE = new ErrorsView(false, null, List.of(), List.of(), "");

    public ErrorsView {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /**
     * The diagnostics about one file.
     *
     * @param path      relative to the project when inside it (the page can ask for its text), else absolute
     * @param inProject whether the file is inside the project
     */
    public record FileErrors(String path, boolean inProject, List<Message> messages) {
        public FileErrors {
            messages = List.copyOf(messages);
        }
    }

    /** One diagnostic: 1-based line and column, 0 when the compiler named none. */
    public record Message(int line, int column, String severity, String text) {
    }
}

package hcr.compiler.link;

import java.util.List;

/** A binutils program ({@code objcopy}, {@code as}, {@code ld}) failed: its command line, exit code and output. */
public final class ToolException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int BRIEF_OUTPUT = 2000;

    private final List<String> command;
    private final int exitCode;
    private final String output;

    public ToolException(List<String> command, int exitCode, String output) {
        super(String.join(" ", command) + " exited with " + exitCode + ": " + brief(output));
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.output = output;
    }

    private static String brief(String output) {
        var text = output.strip();
        if (text.isEmpty()) {
            return "(no output)";
        }
        return text.length() <= BRIEF_OUTPUT ? text : text.substring(0, BRIEF_OUTPUT) + " ...";
    }

    public List<String> command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Everything the tool printed, stdout and stderr interleaved. */
    public String output() {
        return output;
    }
}

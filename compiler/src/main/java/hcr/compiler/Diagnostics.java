package hcr.compiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads gcc's and GNU ld's output into {@link Diagnostic}s. Understands
 * {@code file:line:col: severity: message}, {@code file:line: severity: message},
 * linker lines such as {@code file.c:12: undefined reference to `g'} and tool-level lines
 * such as {@code /usr/bin/ld: cannot find -lfoo} or {@code cc1: error: ...}, which are
 * attributed to the file being built. Context lines (source excerpts, carets,
 * {@code In function}) are skipped.
 */
final class Diagnostics {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final String SEVERITY = "(fatal error|error|warning|note)";
    private static final Pattern WITH_SEVERITY = Pattern.compile(
            "^(?<file>[^:\\s][^:]*):(?<line>\\d+):(?:(?<col>\\d+):)? " + SEVERITY.replace("(", "(?<sev>") + ": (?<msg>.*)$");
    private static final Pattern LINKER_PLACE = Pattern.compile(
            "^(?<file>[^:\\s][^:]*):(?:(?<line>\\d+)|\\([^)]*\\)): (?<msg>.*)$");
    private static final Pattern TOOL = Pattern.compile(
            "^(?<tool>[^:\\s]+): (?:" + SEVERITY.replace("(", "(?<sev>") + ": )?(?<msg>.*)$");

    private Diagnostics() {
    }

    /** Removes ANSI colour sequences. */
    static String plain(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /**
     * @param output     what the tool printed (colours allowed)
     * @param workingDir the tool's working directory, to resolve relative file names
     * @param subject    the file being built, for messages that name no file
     */
    static List<Diagnostic> parse(String output, Path workingDir, Path subject) {
        var found = new ArrayList<Diagnostic>();
        for (var line : plain(output).split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            var m = WITH_SEVERITY.matcher(line);
            if (m.matches()) {
                var column = m.group("col");
                found.add(new Diagnostic(resolve(workingDir, m.group("file")), Integer.parseInt(m.group("line")),
                        column == null ? 0 : Integer.parseInt(column), m.group("sev"), m.group("msg")));
                continue;
            }
            m = LINKER_PLACE.matcher(line);
            if (m.matches() && !m.group("msg").startsWith("in function") && !line.startsWith("In ")) {
                var number = m.group("line");
                found.add(new Diagnostic(resolve(workingDir, m.group("file")),
                        number == null ? 0 : Integer.parseInt(number), 0, "error", m.group("msg")));
                continue;
            }
            m = TOOL.matcher(line);
            if (m.matches() && isToolName(m.group("tool")) && !m.group("msg").endsWith(":")
                    && !m.group("msg").matches("ld returned \\d+ exit status|all warnings being treated as errors")) {
                var severity = m.group("sev") == null ? "error" : m.group("sev");
                found.add(new Diagnostic(subject, 0, 0, severity, m.group("tool") + ": " + m.group("msg")));
            }
        }
        return List.copyOf(found);
    }

    private static boolean isToolName(String word) {
        var name = word.substring(word.lastIndexOf('/') + 1);
        return name.equals("ld") || name.endsWith("-ld") || name.startsWith("ld.") || name.equals("collect2")
                || name.startsWith("cc1") || name.endsWith("gcc") || name.endsWith("cc") || name.startsWith("gcc-")
                || name.startsWith("clang") || name.equals("as");
    }

    private static Path resolve(Path workingDir, String file) {
        return workingDir.resolve(file).normalize();
    }
}

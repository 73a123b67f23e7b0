package hcr.compiler;

import java.nio.file.Path;

/**
 * One message of the compiler or linker about a place in the sources.
 *
 * @param file     the absolute path of the file it is about
 * @param line     1-based, or 0 when the tool named no line
 * @param column   1-based, or 0 when the tool named no column
 * @param severity {@code error}, {@code fatal error}, {@code warning} or {@code note}
 * @param message  the text after the severity, colours removed
 */
public record Diagnostic(Path file, int line, int column, String severity, String message) {

    public boolean isError() {
        return severity.endsWith("error");
    }

    /** As gcc prints it: {@code file:line:column: severity: message}, omitting what is unknown. */
    @Override
    public String toString() {
        var where = new StringBuilder(file.toString());
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + severity + ": " + message;
    }
}

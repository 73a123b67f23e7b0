package hcr.compiler;

import java.util.ArrayList;
import java.util.List;

/** The outcome of one {@link Builder#build()}. */
public sealed interface BuildReport permits BuildReport.Published, BuildReport.UpToDate, BuildReport.Failed {

    /** A new generation is published and {@code gen/current} names it. */
    record Published(Generation generation) implements BuildReport {
    }

    /** Nothing changed since {@code generation} (0 when nothing was ever published and there is nothing to build). */
    record UpToDate(int generation) implements BuildReport {
    }

    /**
     * Nothing was published; the previous generation stays current and the next build starts
     * from the same state.
     *
     * @param diagnostics compiler and linker messages about places in the sources
     * @param output      everything the failing tools printed, as they printed it
     * @param problems    messages that name no source place: undefined symbols (module and
     *                    symbol), a missing compiler, an unreadable file
     */
    record Failed(List<Diagnostic> diagnostics, String output, List<String> problems)
            implements BuildReport, ReleaseResult {

        public Failed {
            diagnostics = List.copyOf(diagnostics);
            problems = List.copyOf(problems);
        }

        static Failed problem(String message) {
            return problems(List.of(message));
        }

        static Failed problems(List<String> messages) {
            return new Failed(List.of(), "", messages);
        }

        /** Every error in one text: the problems, then the error diagnostics. */
        public String summary() {
            var lines = new ArrayList<>(problems);
            diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::toString).forEach(lines::add);
            if (lines.isEmpty() && !output.isBlank()) {
                lines.add(Diagnostics.plain(output).strip());
            }
            return String.join("\n", lines);
        }
    }
}

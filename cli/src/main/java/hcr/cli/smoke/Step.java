package hcr.cli.smoke;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of a scenario: an action on the project or the program, or an expectation about what
 * follows. Every step knows the line it came from, for its one-line report and its failure.
 */
sealed interface Step {

    /** Where the step was written. */
    Line line();

    /** A scenario line: its file name, number and text (comments stripped). */
    record Line(String file, int number, String text) {
        @Override
        public String toString() {
            return file + ":" + number + ": " + text;
        }
    }

    /** {@code start}: the first build, which must publish, and the program started on it. */
    record Start(Line line) implements Step {
    }

    /** {@code restart}: the program stopped and started again on the newest generation. */
    record Restart(Line line) implements Step {
    }

    /** {@code apply VARIANT}: the variant's files copied over the project, {@code X.delete} removing X. */
    record Apply(Line line, String variant) implements Step {
    }

    /** {@code edit FILE s/REGEX/REPLACEMENT/}: every match replaced; there must be one. */
    record Edit(Line line, String file, Pattern regex, String replacement) implements Step {
    }

    /** {@code touch FILE}: saved again with the same bytes. */
    record Touch(Line line, String file) implements Step {
    }

    /** {@code delete FILE}. */
    record Delete(Line line, String file) implements Step {
    }

    /** {@code restore [FILE...]}: the files (none: the whole project) as the fixture has them. */
    record Restore(Line line, List<String> files) implements Step {
    }

    /** {@code sleep DURATION}. */
    record Sleep(Line line, Duration duration) implements Step {
    }

    /** {@code expect /REGEX/ [where COND] [within D]}: a later output line matches. */
    record ExpectOutput(Line line, Pattern pattern, Optional<Where> where, Optional<Duration> within)
            implements Step {
    }

    /** {@code expect next [N] /REGEX/ [where COND] [within D]}: each of the next N output lines matches. */
    record ExpectNext(Line line, int count, Pattern pattern, Optional<Where> where, Optional<Duration> within)
            implements Step {
    }

    /** {@code never /REGEX/}: no output line from here on matches, until the program ends. */
    record Never(Line line, Pattern pattern) implements Step {
    }

    /**
     * {@code expect reload [MODULE | +MODULE | -MODULE ...] [within D]}: the next reload, which
     * (when modules are named) reloads, loads (+) and removes (-) exactly those.
     */
    record ExpectReload(Line line, Optional<ModuleChange> modules, Optional<Duration> within) implements Step {
    }

    /** {@code expect no reload [within D]}: the next build is up to date, or none comes; nothing reloads. */
    record ExpectNoReload(Line line, Optional<Duration> within) implements Step {
    }

    /** {@code expect reset NAME... | none}: the last reload reset exactly these statics. */
    record ExpectReset(Line line, List<String> statics) implements Step {
    }

    /**
     * {@code expect shared NAME... | none}: the last reload made the new code address the old
     * storage of exactly these statics (one variable for old and new code).
     */
    record ExpectShared(Line line, List<String> statics) implements Step {
    }

    /**
     * {@code expect layout NAME... | none}: the last published generation found exactly these
     * layout changes (issue 10): globals and statics by name, types as C names them
     * ({@code struct particle}).
     */
    record ExpectLayout(Line line, List<String> names) implements Step {
    }

    /** {@code expect fresh NAME...}: the last published generation gave exactly these globals fresh storage. */
    record ExpectFresh(Line line, List<String> globals) implements Step {
    }

    /** {@code expect error FILE:LINE[:COLUMN] [/REGEX/] [within D]}: the next build fails there. */
    record ExpectError(Line line, String file, int lineNumber, int column, Optional<Pattern> message,
                       Optional<Duration> within) implements Step {
    }

    /** {@code expect crash [SIGNAL] [in FUNCTION] [module MODULE] [within D]}: the program dies so. */
    record ExpectCrash(Line line, Optional<String> signal, Optional<String> function, Optional<String> module,
                       Optional<Duration> within) implements Step {
    }

    /** {@code expect exit [STATUS] [within D]}: the program ends on its own. */
    record ExpectExit(Line line, Optional<Integer> status, Optional<Duration> within) implements Step {
    }

    /** {@code expect started [within D]}: the program starts again (after an end, on the next good build). */
    record ExpectStarted(Line line, Optional<Duration> within) implements Step {
    }

    /** {@code measure}: the program's open file descriptors and resident memory, sampled. */
    record Measure(Line line) implements Step {
    }

    /**
     * {@code expect flat fds N rss SIZE}: between the first and the last sample of this program,
     * open descriptors grew by at most N, resident memory by at most the address space of the
     * libraries loaded in between plus SIZE.
     */
    record ExpectFlat(Line line, int fdSlack, long rssSlackBytes) implements Step {
    }

    /**
     * {@code repeat N} ... {@code end}: the body N times; {@code {i}} in its lines is the
     * iteration, from 1. The body is kept as text and read again for each iteration.
     */
    record Repeat(Line line, int count, List<Line> body) implements Step {
    }

    /** What a reload is expected to do to modules. */
    record ModuleChange(List<String> reloaded, List<String> loaded, List<String> removed) {
        public ModuleChange {
            reloaded = List.copyOf(reloaded).stream().sorted().toList();
            loaded = List.copyOf(loaded).stream().sorted().toList();
            removed = List.copyOf(removed).stream().sorted().toList();
        }

        /** As a scenario writes it: {@code sim +plus -extra}. */
        @Override
        public String toString() {
            var words = new java.util.ArrayList<String>(reloaded);
            loaded.forEach(module -> words.add("+" + module));
            removed.forEach(module -> words.add("-" + module));
            return words.isEmpty() ? "nothing" : String.join(" ", words);
        }
    }
}

package hcr.cli.smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads scenario files (docs/smoke.md): a header, then one step a line, {@code #} comments. */
final class ScenarioParser {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMG]?)");
    private static final Pattern PLACE = Pattern.compile("(.+?):(\\d+)(?::(\\d+))?");

    private ScenarioParser() {
    }

    /** Reads and checks a whole scenario file. */
    static Scenario read(Path file) throws ScenarioError {
        List<String> texts;
        try {
            texts = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioError(file + ": cannot read: " + e.getMessage());
        }
        var fileName = file.getFileName().toString();
        var lines = new ArrayList<Step.Line>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add(new Step.Line(fileName, i + 1, texts.get(i)));
        }
        var header = new HeaderReader(file);
        var steps = new ArrayList<Step>();
        int at = 0;
        while (at < lines.size()) {
            var line = lines.get(at);
            var words = words(line);
            if (words.isEmpty()) {
                at++;
            } else if (steps.isEmpty() && header.accepts(line, words)) {
                at++;
            } else if (words.get(0).equals("repeat")) {
                int end = matchingEnd(lines, at);
                steps.add(repeat(line, words, lines.subList(at + 1, end)));
                at = end + 1;
            } else {
                steps.add(step(line));
                at++;
            }
        }
        if (steps.stream().noneMatch(Step.Start.class::isInstance)) {
            throw new ScenarioError(fileName + ": no 'start' step: a scenario starts the program before it expects anything");
        }
        return new Scenario(file, stripExtension(fileName), header.setup(fileName), steps);
    }

    /** One step line (not {@code repeat}); {@code {i}} must already be replaced. */
    static Step step(Step.Line line) throws ScenarioError {
        var words = words(line);
        try {
            return switch (words.get(0)) {
                case "start" -> noArguments(line, words, new Step.Start(line));
                case "restart" -> noArguments(line, words, new Step.Restart(line));
                case "measure" -> noArguments(line, words, new Step.Measure(line));
                case "apply" -> new Step.Apply(line, single(line, words, "a variant name"));
                case "touch" -> new Step.Touch(line, single(line, words, "a file"));
                case "delete" -> new Step.Delete(line, single(line, words, "a file"));
                case "restore" -> new Step.Restore(line, words.subList(1, words.size()));
                case "sleep" -> new Step.Sleep(line, duration(line, single(line, words, "a duration")));
                case "edit" -> edit(line, words);
                case "never" -> new Step.Never(line, regex(line, single(line, words, "a /regex/")));
                case "expect" -> expect(line, words);
                case "repeat" -> throw ScenarioError.at(line, "'repeat' inside a repeat's body is read with its own 'end'");
                case "end" -> throw ScenarioError.at(line, "'end' without 'repeat'");
                case "project", "edits", "args", "timeout", "sanitize", "plugin" ->
                        throw ScenarioError.at(line, "'" + words.get(0) + "' belongs to the header, before the first step");
                default -> throw ScenarioError.at(line, "unknown step '" + words.get(0) + "' (see docs/smoke.md)");
            };
        } catch (IllegalArgumentException e) {
            throw ScenarioError.at(line, e.getMessage());
        }
    }

    /** A repeat's body, checked once with {@code {i}} = 1; it is read again for every iteration. */
    private static Step repeat(Step.Line line, List<String> words, List<Step.Line> body) throws ScenarioError {
        if (words.size() != 2 || !words.get(1).matches("\\d+") || Integer.parseInt(words.get(1)) < 1) {
            throw ScenarioError.at(line, "expected 'repeat N' with N a count from 1");
        }
        var repeat = new Step.Repeat(line, Integer.parseInt(words.get(1)), List.copyOf(body));
        steps(repeat, 1);
        return repeat;
    }

    /** The steps of one iteration of {@code repeat}, {@code {i}} replaced by {@code iteration}. */
    static List<Step> steps(Step.Repeat repeat, int iteration) throws ScenarioError {
        var steps = new ArrayList<Step>();
        var body = repeat.body();
        int at = 0;
        while (at < body.size()) {
            var line = body.get(at);
            var text = line.text().replace("{i}", Integer.toString(iteration));
            var expanded = new Step.Line(line.file(), line.number(), text);
            var words = words(expanded);
            if (words.isEmpty()) {
                at++;
            } else if (words.get(0).equals("repeat")) {
                int end = matchingEnd(body, at);
                steps.add(repeat(expanded, words, body.subList(at + 1, end)));
                at = end + 1;
            } else {
                steps.add(step(expanded));
                at++;
            }
        }
        if (steps.isEmpty()) {
            throw ScenarioError.at(repeat.line(), "the repeat has no steps");
        }
        return steps;
    }

    private static int matchingEnd(List<Step.Line> lines, int repeatAt) throws ScenarioError {
        int depth = 0;
        for (int i = repeatAt; i < lines.size(); i++) {
            var words = words(lines.get(i));
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("repeat")) {
                depth++;
            } else if (words.get(0).equals("end") && --depth == 0) {
                if (words.size() > 1) {
                    throw ScenarioError.at(lines.get(i), "'end' takes nothing");
                }
                return i;
            }
        }
        throw ScenarioError.at(lines.get(repeatAt), "'repeat' without its 'end'");
    }

    private static Step edit(Step.Line line, List<String> words) throws ScenarioError {
        if (words.size() != 3) {
            throw ScenarioError.at(line, "expected 'edit FILE s/REGEX/REPLACEMENT/'");
        }
        var parts = Words.substitution(words.get(2));
        if (parts == null || parts.length != 2) {
            throw ScenarioError.at(line, "expected s/REGEX/REPLACEMENT/ after the file, with \\/ for a slash inside");
        }
        return new Step.Edit(line, words.get(1), compile(line, parts[0], Pattern.MULTILINE), parts[1]);
    }

    private static Step expect(Step.Line line, List<String> all) throws ScenarioError {
        if (all.size() < 2) {
            throw ScenarioError.at(line, "expect what? (a /regex/, next, reload, no reload, reset, shared, fresh, layout, error, crash, exit, started, flat)");
        }
        var words = new ArrayList<>(all.subList(1, all.size()));
        var within = within(line, words);
        var what = words.get(0);
        if (Words.isPattern(what)) {
            return expectOutput(line, words, within);
        }
        var rest = words.subList(1, words.size());
        return switch (what) {
            case "next" -> expectNext(line, rest, within);
            case "reload" -> new Step.ExpectReload(line, modules(line, rest), within);
            case "no" -> {
                if (rest.size() != 1 || !rest.get(0).equals("reload")) {
                    throw ScenarioError.at(line, "expected 'expect no reload [within D]'");
                }
                yield new Step.ExpectNoReload(line, within);
            }
            case "reset" -> new Step.ExpectReset(line, rest.equals(List.of("none")) ? List.of() : names(line, rest, "static"));
            case "shared" -> new Step.ExpectShared(line, rest.equals(List.of("none")) ? List.of() : names(line, rest, "static"));
            case "fresh" -> new Step.ExpectFresh(line, names(line, rest, "global"));
            case "layout" -> new Step.ExpectLayout(line, LayoutExpectation.names(rest));
            case "error" -> expectError(line, rest, within);
            case "crash" -> expectCrash(line, rest, within);
            case "exit" -> {
                if (rest.size() > 1 || rest.size() == 1 && !rest.get(0).matches("\\d+")) {
                    throw ScenarioError.at(line, "expected 'expect exit [STATUS]'");
                }
                yield new Step.ExpectExit(line, rest.stream().findFirst().map(Integer::parseInt), within);
            }
            case "started" -> {
                if (!rest.isEmpty()) {
                    throw ScenarioError.at(line, "'expect started' takes only 'within D'");
                }
                yield new Step.ExpectStarted(line, within);
            }
            case "flat" -> expectFlat(line, rest, within);
            default -> throw ScenarioError.at(line, "unknown expectation '" + what
                    + "' (a /regex/ with slashes, next, reload, no reload, reset, shared, fresh, layout, error, crash, exit, started,"
                    + " flat)");
        };
    }

    private static Step expectOutput(Step.Line line, List<String> words, Optional<Duration> within) throws ScenarioError {
        return new Step.ExpectOutput(line, regex(line, words.get(0)), where(line, words.subList(1, words.size())), within);
    }

    private static Step expectNext(Step.Line line, List<String> words, Optional<Duration> within) throws ScenarioError {
        int count = 1;
        var rest = words;
        if (!rest.isEmpty() && rest.get(0).matches("\\d+")) {
            count = Integer.parseInt(rest.get(0));
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty() || !Words.isPattern(rest.get(0)) || count < 1) {
            throw ScenarioError.at(line, "expected 'expect next [N] /REGEX/ [where CONDITION] [within D]'");
        }
        return new Step.ExpectNext(line, count, regex(line, rest.get(0)), where(line, rest.subList(1, rest.size())), within);
    }

    /** {@code where CONDITION} after a pattern, or nothing. */
    private static Optional<Where> where(Step.Line line, List<String> words) throws ScenarioError {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        if (!words.get(0).equals("where") || words.size() == 1) {
            throw ScenarioError.at(line, "after the /regex/ only 'where CONDITION' and 'within D' may follow");
        }
        return Optional.of(Where.parse(String.join(" ", words.subList(1, words.size()))));
    }

    private static Optional<Step.ModuleChange> modules(Step.Line line, List<String> words) throws ScenarioError {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        var reloaded = new ArrayList<String>();
        var loaded = new ArrayList<String>();
        var removed = new ArrayList<String>();
        for (var word : words) {
            if (word.startsWith("+") && word.length() > 1) {
                loaded.add(word.substring(1));
            } else if (word.startsWith("-") && word.length() > 1) {
                removed.add(word.substring(1));
            } else if (word.matches("[A-Za-z0-9_./-]+")) {
                reloaded.add(word);
            } else {
                throw ScenarioError.at(line, "'" + word + "' is not a module id (MODULE reloaded, +MODULE loaded, -MODULE removed)");
            }
        }
        return Optional.of(new Step.ModuleChange(reloaded, loaded, removed));
    }

    private static List<String> names(Step.Line line, List<String> words, String what) throws ScenarioError {
        if (words.isEmpty()) {
            throw ScenarioError.at(line, "name at least one " + what);
        }
        return List.copyOf(words);
    }

    private static Step expectError(Step.Line line, List<String> words, Optional<Duration> within) throws ScenarioError {
        if (words.isEmpty() || words.size() > 2) {
            throw ScenarioError.at(line, "expected 'expect error FILE:LINE[:COLUMN] [/REGEX/]'");
        }
        var place = PLACE.matcher(words.get(0));
        if (!place.matches()) {
            throw ScenarioError.at(line, "'" + words.get(0) + "' is not FILE:LINE or FILE:LINE:COLUMN");
        }
        Optional<Pattern> message = Optional.empty();
        if (words.size() == 2) {
            message = Optional.of(regex(line, words.get(1)));
        }
        int column = place.group(3) == null ? 0 : Integer.parseInt(place.group(3));
        return new Step.ExpectError(line, place.group(1), Integer.parseInt(place.group(2)), column, message, within);
    }

    private static Step expectCrash(Step.Line line, List<String> words, Optional<Duration> within) throws ScenarioError {
        Optional<String> signal = Optional.empty();
        Optional<String> function = Optional.empty();
        Optional<String> module = Optional.empty();
        int at = 0;
        if (at < words.size() && words.get(at).startsWith("SIG")) {
            signal = Optional.of(words.get(at++));
        }
        while (at < words.size()) {
            var key = words.get(at);
            if (at + 1 >= words.size() || !(key.equals("in") || key.equals("module"))) {
                throw ScenarioError.at(line, "expected 'expect crash [SIGNAL] [in FUNCTION] [module MODULE]'");
            }
            if (key.equals("in")) {
                function = Optional.of(words.get(at + 1));
            } else {
                module = Optional.of(words.get(at + 1));
            }
            at += 2;
        }
        return new Step.ExpectCrash(line, signal, function, module, within);
    }

    private static Step expectFlat(Step.Line line, List<String> words, Optional<Duration> within) throws ScenarioError {
        if (words.size() != 4 || !words.get(0).equals("fds") || !words.get(1).matches("\\d+") || !words.get(2).equals("rss")
                || within.isPresent()) {
            throw ScenarioError.at(line, "expected 'expect flat fds N rss SIZE' (SIZE: bytes, or with K, M or G)");
        }
        return new Step.ExpectFlat(line, Integer.parseInt(words.get(1)), size(line, words.get(3)));
    }

    /** Removes a trailing {@code within D} from {@code words} and returns D. */
    private static Optional<Duration> within(Step.Line line, List<String> words) throws ScenarioError {
        int n = words.size();
        if (n >= 2 && words.get(n - 2).equals("within")) {
            var duration = duration(line, words.get(n - 1));
            words.subList(n - 2, n).clear();
            if (words.isEmpty()) {
                throw ScenarioError.at(line, "expect what, within " + duration + "?");
            }
            return Optional.of(duration);
        }
        return Optional.empty();
    }

    static Duration duration(Step.Line line, String word) throws ScenarioError {
        var m = DURATION.matcher(word);
        if (!m.matches()) {
            throw ScenarioError.at(line, "'" + word + "' is not a duration (500ms, 5s, 1.5s, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            default -> amount * 60_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static long size(Step.Line line, String word) throws ScenarioError {
        var m = SIZE.matcher(word.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw ScenarioError.at(line, "'" + word + "' is not a size (bytes, or 512K, 16M, 1G)");
        }
        long unit = switch (m.group(2)) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    private static Pattern regex(Step.Line line, String word) throws ScenarioError {
        if (!Words.isPattern(word)) {
            throw ScenarioError.at(line, "expected a /regex/, found '" + word + "'");
        }
        return compile(line, Words.patternText(word), 0);
    }

    private static Pattern compile(Step.Line line, String regex, int flags) throws ScenarioError {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw ScenarioError.at(line, "bad regex: " + e.getDescription() + " in /" + regex + "/");
        }
    }

    private static String single(Step.Line line, List<String> words, String what) throws ScenarioError {
        if (words.size() != 2) {
            throw ScenarioError.at(line, "'" + words.get(0) + "' takes " + what);
        }
        return words.get(1);
    }

    private static Step noArguments(Step.Line line, List<String> words, Step step) throws ScenarioError {
        if (words.size() != 1) {
            throw ScenarioError.at(line, "'" + words.get(0) + "' takes nothing");
        }
        return step;
    }

    private static List<String> words(Step.Line line) throws ScenarioError {
        return Words.split(line.text());
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** The header lines: {@code project}, {@code edits}, {@code args}, {@code timeout}, {@code sanitize}, {@code plugin}. */
    private static final class HeaderReader {
        private final Path folder;
        private Path project;
        private Path edits;
        private List<String> args = List.of();
        private Duration timeout = Setup.DEFAULT_TIMEOUT;
        private boolean sanitize;
        private boolean restartOnLayoutChange;
        private List<Path> plugin = List.of();

        HeaderReader(Path file) {
            this.folder = file.toAbsolutePath().getParent();
        }

        boolean accepts(Step.Line line, List<String> words) throws ScenarioError {
            switch (words.get(0)) {
                case "project" -> project = folder.resolve(single(line, words, "the project folder")).normalize();
                case "edits" -> edits = folder.resolve(single(line, words, "the folder of edit variants")).normalize();
                case "args" -> args = List.copyOf(words.subList(1, words.size()));
                case "plugin" -> {
                    if (words.size() < 2) {
                        throw ScenarioError.at(line, "expected 'plugin FILE.c...': the plugin's sources");
                    }
                    plugin = words.subList(1, words.size()).stream().map(w -> folder.resolve(w).normalize()).toList();
                }
                case "timeout" -> timeout = duration(line, single(line, words, "a duration"));
                case "sanitize" -> {
                    if (!"address".equals(single(line, words, "'address'"))) {
                        throw ScenarioError.at(line, "only 'sanitize address' is known");
                    }
                    sanitize = true;
                }
                case "restart-on-layout-change" -> {
                    if (words.size() != 1) {
                        throw ScenarioError.at(line, "'restart-on-layout-change' takes nothing");
                    }
                    restartOnLayoutChange = true;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        Setup setup(String fileName) throws ScenarioError {
            if (project == null) {
                throw new ScenarioError(fileName + ": no 'project DIR' line: which project does the scenario run?");
            }
            var variants = edits != null ? edits : project.resolveSibling("edits").resolve(project.getFileName());
            return new Setup(project, variants, args, timeout, sanitize, plugin, restartOnLayoutChange);
        }
    }
}

package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One repeatable edit of one file and the output line that proves it took effect, both
 * numbered: edit {@code n} replaces every match of {@code find} with {@code replacement}
 * (literal text, {@code {n}} standing for the number), and its effect is the first output line
 * in which {@code expect} (a regex, {@code {n}} likewise) is found. Written as
 * {@code --edit 's/#define STEP [0-9]+/#define STEP {n}/' --expect 'step \+{n} '}.
 *
 * @param file the edited file, relative to the project
 */
record SourceEdit(String file, Pattern find, String replacement, String expect) {

    static final String N = "{n}";

    /**
     * Parses a sed-style {@code s/REGEX/REPLACEMENT/}: any character after the {@code s} is the
     * delimiter; a delimiter preceded by a backslash is part of the text.
     */
    static SourceEdit parse(String file, String substitution, String expect) {
        if (substitution.length() < 4 || substitution.charAt(0) != 's') {
            throw new IllegalArgumentException("--edit must read s/REGEX/REPLACEMENT/, got: " + substitution);
        }
        char delimiter = substitution.charAt(1);
        var parts = new ArrayList<String>();
        var part = new StringBuilder();
        for (int i = 2; i < substitution.length(); i++) {
            char c = substitution.charAt(i);
            if (c == '\\' && i + 1 < substitution.length() && substitution.charAt(i + 1) == delimiter) {
                part.append(delimiter);
                i++;
            } else if (c == delimiter) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (parts.size() != 2 || part.length() > 0) {
            throw new IllegalArgumentException("--edit must read s/REGEX/REPLACEMENT/, got: " + substitution);
        }
        if (!parts.get(1).contains(N) || !expect.contains(N)) {
            throw new IllegalArgumentException("the replacement and --expect must both contain " + N
                    + ", so that every edit shows a different line");
        }
        return new SourceEdit(file, Pattern.compile(parts.get(0), Pattern.MULTILINE), parts.get(1), expect);
    }

    /** The file's text after edit {@code n}; fails if nothing in it matches. */
    String applyTo(String text, int n) {
        var matcher = find.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException(file + ": nothing matches /" + find + "/");
        }
        return matcher.replaceAll(Matcher.quoteReplacement(replaced(n)));
    }

    /** The replacement text of edit {@code n}, e.g. {@code #define STEP 1003}. */
    String replaced(int n) {
        return replacement.replace(N, Integer.toString(n));
    }

    /** What the first output line of edit {@code n}'s code contains. */
    Pattern expected(int n) {
        return Pattern.compile(expect.replace(N, Integer.toString(n)));
    }

    /**
     * Saves edit {@code n} into the project and returns {@link System#nanoTime()} taken just
     * before the write. The write is a plain one, as {@code echo >}, nano, or vim with
     * {@code backupcopy=yes} do it: truncate and write in place (one open, one write, one close).
     */
    long save(Path project, String original, int n) throws IOException {
        var bytes = applyTo(original, n).getBytes(StandardCharsets.UTF_8);
        var path = project.resolve(file);
        long start = System.nanoTime();
        Files.write(path, bytes);
        return start;
    }
}

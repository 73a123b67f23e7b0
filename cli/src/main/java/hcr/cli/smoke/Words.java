package hcr.cli.smoke;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario line split into words. Blanks separate words, except inside a pattern:
 * {@code /REGEX/} runs to the first {@code /} followed by a blank or the end of the line (so
 * {@code /a/b/} is the regex {@code a/b}, and a path such as {@code /tmp/x} stays a word), and
 * {@code s/REGEX/TEXT/} to its third unescaped {@code /}. A word starting with {@code #} starts a
 * comment that runs to the end of the line.
 */
final class Words {

    private Words() {
    }

    static List<String> split(String line) {
        var words = new ArrayList<String>();
        int at = 0;
        while (at < line.length()) {
            char c = line.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
                continue;
            }
            if (c == '#') {
                break;
            }
            int end = -1;
            if (c == '/') {
                end = afterPattern(line, at);
            } else if (line.startsWith("s/", at)) {
                end = afterSubstitution(line, at);
            }
            if (end < 0) {
                end = at;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
            }
            words.add(line.substring(at, end));
            at = end;
        }
        return words;
    }

    /** Whether a word is a {@code /REGEX/} pattern. */
    static boolean isPattern(String word) {
        return word.length() >= 2 && word.startsWith("/") && word.endsWith("/") && afterPattern(word, 0) == word.length();
    }

    /** The regex of {@code /REGEX/}, with {@code \/} read as {@code /}. */
    static String patternText(String word) {
        return unescapeSlashes(word.substring(1, word.length() - 1));
    }

    /** The regex and the replacement of {@code s/REGEX/TEXT/}, or null if the word is not one. */
    static String[] substitution(String word) {
        if (!word.startsWith("s/") || afterSubstitution(word, 0) != word.length()) {
            return null;
        }
        var parts = new ArrayList<String>();
        int start = 2;
        for (int at = 2; at < word.length(); at++) {
            char c = word.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == '/') {
                parts.add(unescapeSlashes(word.substring(start, at)));
                start = at + 1;
            }
        }
        return parts.toArray(String[]::new);
    }

    private static int afterPattern(String line, int from) {
        for (int at = from + 1; at < line.length(); at++) {
            char c = line.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == '/' && (at + 1 == line.length() || Character.isWhitespace(line.charAt(at + 1)))) {
                return at + 1;
            }
        }
        return -1;
    }

    private static int afterSubstitution(String line, int from) {
        int slashes = 0;
        for (int at = from + 1; at < line.length(); at++) {
            char c = line.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == '/' && ++slashes == 3) {
                return at + 1;
            }
        }
        return -1;
    }

    private static String unescapeSlashes(String text) {
        return text.replace("\\/", "/");
    }
}

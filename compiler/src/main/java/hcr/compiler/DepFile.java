package hcr.compiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads a make-style dependency file as gcc writes it with {@code -MMD -MF}: one rule whose
 * target is the object and whose prerequisites are the source and every non-system header
 * it included. Understands line continuations and make's escapes ({@code \ } for a space,
 * {@code $$} for a dollar, {@code \#} for a hash).
 */
final class DepFile {

    private DepFile() {
    }

    /**
     * The prerequisites of the first rule, resolved against {@code workingDir}, without
     * {@code source} itself.
     */
    static List<Path> prerequisites(String text, Path workingDir, Path source) {
        var words = words(text);
        var deps = new LinkedHashSet<Path>();
        boolean afterTarget = false;
        for (var word : words) {
            if (!afterTarget) {
                afterTarget = word.endsWith(":");
                continue;
            }
            if (word.endsWith(":")) {
                break; // a second rule (phony targets from -MP): prerequisites are done
            }
            var path = workingDir.resolve(word).normalize();
            if (!path.equals(source)) {
                deps.add(path);
            }
        }
        return List.copyOf(new ArrayList<>(deps));
    }

    private static List<String> words(String text) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (c == '\\' && (next == '\n' || next == '\r')) {
                i += next == '\r' && i + 2 < text.length() && text.charAt(i + 2) == '\n' ? 2 : 1;
                flush(word, words);
            } else if (c == '\\' && (next == ' ' || next == '#' || next == '\\')) {
                word.append(next);
                i++;
            } else if (c == '$' && next == '$') {
                word.append('$');
                i++;
            } else if (Character.isWhitespace(c)) {
                flush(word, words);
            } else {
                word.append(c);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}

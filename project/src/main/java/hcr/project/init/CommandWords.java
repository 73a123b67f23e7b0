package hcr.project.init;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A command written back as one shell line, for messages and hcr.toml's header: {@code sh -c 'make && make install'}. */
final class CommandWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=+,:@%^-]+");

    private CommandWords() {
    }

    static String line(List<String> words) {
        return words.stream().map(CommandWords::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}

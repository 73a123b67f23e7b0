package hcr.compiler.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The input files a GNU ld script names. glibc's {@code libc.so} is such a script, not a
 * library:
 *
 * <pre>
 * GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a
 *         AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )
 * </pre>
 *
 * so {@code -lc} links {@code libc.so.6} and, statically, whatever a module needs from
 * {@code libc_nonshared.a} ({@code atexit}, {@code pthread_atfork}). Only {@code GROUP} and
 * {@code INPUT} name inputs; {@code AS_NEEDED} inside them too. Entries are file names or
 * {@code -l<name>}; comments are {@code /* ... *}{@code /}; other commands are skipped.
 */
final class LinkerScript {
    private static final Set<String> INPUT_COMMANDS = Set.of("GROUP", "INPUT");

    private LinkerScript() {
    }

    /** True when {@code bytes} look like a script: not ELF, not an archive, no NUL in the first 512 bytes. */
    static boolean looksLikeScript(byte[] bytes) {
        if (bytes.length == 0 || ArchiveSymbols.isArchive(bytes)
                || bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F') {
            return false;
        }
        for (int i = 0; i < Math.min(bytes.length, 512); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** The entries of every GROUP and INPUT command, AS_NEEDED ones included, in order. */
    static List<String> inputs(String text) {
        var tokens = tokens(text);
        var inputs = new ArrayList<String>();
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            if (i + 1 < tokens.size() && tokens.get(i + 1).equals("(")) {
                int end = closing(tokens, i + 1);
                if (INPUT_COMMANDS.contains(token)) {
                    for (var entry : tokens.subList(i + 2, end)) {
                        if (!entry.equals("(") && !entry.equals(")") && !entry.equals("AS_NEEDED")) {
                            inputs.add(entry);
                        }
                    }
                }
                i = end;
            }
        }
        return inputs;
    }

    /** Words and parentheses; commas separate like blanks; comments are dropped. */
    private static List<String> tokens(String text) {
        var tokens = new ArrayList<String>();
        var word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
                flush(word, tokens);
            } else if (c == '(' || c == ')') {
                flush(word, tokens);
                tokens.add(String.valueOf(c));
            } else if (Character.isWhitespace(c) || c == ',' || c == ';') {
                flush(word, tokens);
            } else {
                word.append(c);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    /** The index of the parenthesis closing the one at {@code open} (the end when unbalanced). */
    private static int closing(List<String> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }
}

package hcr.loader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flat JSON object on one line: the host process's side of the control protocol.
 *
 * <p>The host writes a handful of small messages and reads one-field commands, so it carries
 * this writer and reader instead of a JSON library: every class the host loads adds to the time
 * between a build and a running program. Values are strings, integers or booleans, and (written
 * only) arrays of such objects.
 */
final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");

    JsonLine put(String key, String value) {
        key(key);
        quote(value);
        return this;
    }

    JsonLine put(String key, long value) {
        key(key);
        text.append(value);
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key);
        text.append(value);
        return this;
    }

    /** An array of flat objects: the one nesting the host writes (the globals list). */
    JsonLine put(String key, List<JsonLine> objects) {
        key(key);
        text.append('[');
        for (int i = 0; i < objects.size(); i++) {
            text.append(i > 0 ? "," : "").append(objects.get(i));
        }
        text.append(']');
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private void key(String key) {
        if (text.length() > 1) {
            text.append(',');
        }
        quote(key);
        text.append(':');
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    /**
     * Reads a flat object's members; values keep their JSON text except that strings are
     * unquoted. Nested objects and arrays are not expected and make the line malformed.
     */
    static Map<String, String> parse(String line) {
        var members = new LinkedHashMap<String, String>();
        var reader = new Reader(line.strip());
        reader.expect('{');
        if (!reader.skip('}')) {
            do {
                var key = reader.string();
                reader.expect(':');
                members.put(key, reader.value());
            } while (reader.skip(','));
            reader.expect('}');
        }
        reader.end();
        return members;
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        void expect(char c) {
            if (!skip(c)) {
                throw malformed("'" + c + "' expected");
            }
        }

        boolean skip(char c) {
            whitespace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void end() {
            whitespace();
            if (at != text.length()) {
                throw malformed("end of line expected");
            }
        }

        String value() {
            whitespace();
            if (at < text.length() && text.charAt(at) == '"') {
                return string();
            }
            int start = at;
            while (at < text.length() && ",}".indexOf(text.charAt(at)) < 0 && !Character.isWhitespace(text.charAt(at))) {
                if ("{[\"".indexOf(text.charAt(at)) >= 0) {
                    throw malformed("only strings, numbers and booleans are understood");
                }
                at++;
            }
            if (start == at) {
                throw malformed("value expected");
            }
            return text.substring(start, at);
        }

        String string() {
            expect('"');
            var value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw malformed("bad \\u escape");
                        }
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> value.append(escaped);
                }
            }
            throw malformed("unterminated string");
        }

        private void whitespace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException malformed(String what) {
            return new IllegalArgumentException("malformed JSON line at column " + (at + 1) + ": " + what + ": " + text);
        }
    }
}

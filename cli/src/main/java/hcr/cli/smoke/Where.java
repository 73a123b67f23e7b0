package hcr.cli.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The condition of {@code expect /REGEX/ where COND}: comparisons of integer arithmetic over the
 * line's groups ({@code $1}, {@code $name}) and the named groups of earlier lines, joined by
 * {@code and}. For example {@code where $2 == 100 + $1} or {@code where $t > $k and $v == $k + 100 * ($t - $k)}.
 *
 * @param text the condition as written
 */
record Where(String text, List<Comparison> comparisons) {

    /** Reads a condition; an {@link IllegalArgumentException} says what is wrong with it. */
    static Where parse(String text) {
        var parser = new Parser(text);
        var comparisons = new ArrayList<Comparison>();
        comparisons.add(parser.comparison());
        while (parser.word("and")) {
            comparisons.add(parser.comparison());
        }
        parser.end();
        return new Where(text, List.copyOf(comparisons));
    }

    /**
     * Whether every comparison holds; {@code values} gives a group's text, null when unknown.
     * A group that is unknown or not a number is an {@link IllegalArgumentException}.
     */
    boolean holds(Function<String, String> values) {
        return comparisons.stream().allMatch(comparison -> comparison.holds(values));
    }

    /** {@code left OP right}. */
    record Comparison(Expr left, String operator, Expr right) {
        boolean holds(Function<String, String> values) {
            long a = left.value(values);
            long b = right.value(values);
            return switch (operator) {
                case "==" -> a == b;
                case "!=" -> a != b;
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                default -> a >= b;
            };
        }
    }

    /** An integer expression. */
    sealed interface Expr {
        long value(Function<String, String> values);
    }

    record Number(long number) implements Expr {
        @Override
        public long value(Function<String, String> values) {
            return number;
        }
    }

    record Group(String name) implements Expr {
        @Override
        public long value(Function<String, String> values) {
            var text = values.apply(name);
            if (text == null) {
                throw new IllegalArgumentException("$" + name + " is not a group of this line nor of an earlier one");
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("$" + name + " is '" + text + "', not a number");
            }
        }
    }

    record Negated(Expr operand) implements Expr {
        @Override
        public long value(Function<String, String> values) {
            return -operand.value(values);
        }
    }

    record Binary(Expr left, char operator, Expr right) implements Expr {
        @Override
        public long value(Function<String, String> values) {
            long a = left.value(values);
            long b = right.value(values);
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> b == 0 ? fail("division by zero") : a / b;
                default -> b == 0 ? fail("division by zero") : a % b;
            };
        }

        private static long fail(String message) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Recursive descent over the condition's characters. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Comparison comparison() {
            var left = sum();
            skipSpace();
            String operator = null;
            for (var candidate : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (text.startsWith(candidate, at)) {
                    operator = candidate;
                    at += candidate.length();
                    break;
                }
            }
            if (operator == null) {
                throw error("a comparison (== != < <= > >=)");
            }
            return new Comparison(left, operator, sum());
        }

        Expr sum() {
            var left = term();
            while (true) {
                skipSpace();
                if (peek('+') || peek('-')) {
                    char operator = text.charAt(at++);
                    left = new Binary(left, operator, term());
                } else {
                    return left;
                }
            }
        }

        Expr term() {
            var left = unary();
            while (true) {
                skipSpace();
                if (peek('*') || peek('/') || peek('%')) {
                    char operator = text.charAt(at++);
                    left = new Binary(left, operator, unary());
                } else {
                    return left;
                }
            }
        }

        Expr unary() {
            skipSpace();
            if (peek('-')) {
                at++;
                return new Negated(unary());
            }
            if (peek('(')) {
                at++;
                var inner = sum();
                skipSpace();
                if (!peek(')')) {
                    throw error("')'");
                }
                at++;
                return inner;
            }
            if (peek('$')) {
                at++;
                int start = at;
                while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                    at++;
                }
                if (start == at) {
                    throw error("a group number or name after '$'");
                }
                return new Group(text.substring(start, at));
            }
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw error("a number, $group or '('");
            }
            return new Number(Long.parseLong(text.substring(start, at)));
        }

        boolean word(String word) {
            skipSpace();
            if (text.startsWith(word, at) && (at + word.length() == text.length()
                    || Character.isWhitespace(text.charAt(at + word.length())))) {
                at += word.length();
                return true;
            }
            return false;
        }

        void end() {
            skipSpace();
            if (at < text.length()) {
                throw error("'and' or the end of the condition");
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String expected) {
            var found = at < text.length() ? "'" + text.substring(at) + "'" : "the end";
            return new IllegalArgumentException("in 'where " + text + "': expected " + expected + ", found " + found);
        }
    }
}

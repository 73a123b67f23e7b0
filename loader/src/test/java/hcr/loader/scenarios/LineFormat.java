package hcr.loader.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of a fixture's tick line, as test-fixtures/README.md gives it: a regex whose first
 * group is the tick number.
 */
record LineFormat(Pattern pattern) {

    static LineFormat of(String regex) {
        return new LineFormat(Pattern.compile(regex));
    }

    /** The line's fields, when it has this shape. */
    Optional<TickLine> parse(String line) {
        var matcher = pattern.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        var groups = new ArrayList<String>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return Optional.of(new TickLine(line, groups));
    }

    /** The lines of {@code output} that have this shape, in order. */
    List<TickLine> select(List<String> output) {
        return output.stream().map(this::parse).flatMap(Optional::stream).toList();
    }
}

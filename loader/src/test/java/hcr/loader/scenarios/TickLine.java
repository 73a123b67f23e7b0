package hcr.loader.scenarios;

import java.util.Collections;
import java.util.List;

/**
 * One tick line of a fixture, split into the groups of its {@link LineFormat}; group 1 is the
 * tick. Groups that did not take part in the match are null.
 */
record TickLine(String text, List<String> groups) {

    TickLine {
        groups = Collections.unmodifiableList(new java.util.ArrayList<>(groups));
    }

    long tick() {
        return number(1);
    }

    /** Group {@code group} (1-based, as in the regex) as a number. */
    long number(int group) {
        return Long.parseLong(text(group));
    }

    /** Group {@code group} (1-based) as text; null if it did not take part. */
    String text(int group) {
        return groups.get(group - 1);
    }

    @Override
    public String toString() {
        return text;
    }
}

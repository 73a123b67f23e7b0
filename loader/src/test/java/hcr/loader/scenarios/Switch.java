package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where a running program's output switched from old code to new code, checked against the
 * README's notation: every line has the fixture's shape, ticks count 1, 2, 3... without a gap or
 * a restart; old lines, then at most one line mixed across the switch, then only new lines.
 * {@code k} is the last tick the old code printed, so the first new line is tick k+1 or k+2.
 *
 * @param old   the lines of the old code, from tick 1 to k
 * @param mixed the one line printed across the switch, if any
 * @param fresh every line after it; each is new relative to the line before it
 */
record Switch(List<TickLine> old, Optional<TickLine> mixed, List<TickLine> fresh) {

    /**
     * Splits {@code output} (the program's output lines so far).
     *
     * @param isOld a line of the old code, judged on its own (README's formulas in t)
     * @param isNew a line of the new code, judged with the line before it (the step between them)
     */
    static Switch find(List<String> output, LineFormat format, Predicate<TickLine> isOld,
                       BiPredicate<TickLine, TickLine> isNew) {
        var lines = new ArrayList<TickLine>();
        for (var text : output) {
            lines.add(format.parse(text).orElseGet(() -> fail("a line not of the form /" + format.pattern()
                    + "/: \"" + text + "\"" + excerpt(output))));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).tick() != i + 1) {
                fail("the ticks do not count on (restart or lost line) at \"" + lines.get(i) + "\"" + excerpt(output));
            }
        }
        int oldEnd = 0;
        while (oldEnd < lines.size() && isOld.test(lines.get(oldEnd))) {
            oldEnd++;
        }
        if (oldEnd == 0) {
            fail("the first line is not the old code's" + excerpt(output));
        }
        int firstNew = oldEnd;
        if (firstNew < lines.size() && !isNew.test(lines.get(firstNew - 1), lines.get(firstNew))) {
            firstNew++; // the one line mixed across the switch
        }
        if (firstNew >= lines.size()) {
            fail("no line of the new code after the old code's tick " + lines.get(oldEnd - 1).tick() + excerpt(output));
        }
        for (int at = firstNew; at < lines.size(); at++) {
            if (!isNew.test(lines.get(at - 1), lines.get(at))) {
                fail("after the switch at tick " + lines.get(oldEnd - 1).tick() + ", not the new code's line: \""
                        + lines.get(at) + "\" after \"" + lines.get(at - 1) + "\"" + excerpt(output));
            }
        }
        var mixed = firstNew > oldEnd ? Optional.of(lines.get(oldEnd)) : Optional.<TickLine>empty();
        var result = new Switch(List.copyOf(lines.subList(0, oldEnd)), mixed,
                List.copyOf(lines.subList(firstNew, lines.size())));
        assertTrue(result.firstNew().tick() <= result.k() + 2, "continues: " + result);
        return result;
    }

    /** The last tick the old code printed. */
    long k() {
        return lastOld().tick();
    }

    TickLine lastOld() {
        return old.get(old.size() - 1);
    }

    TickLine firstNew() {
        return fresh.get(0);
    }

    /** Asserts that at least {@code count} new lines came (the program went on running new code). */
    Switch assertNewLines(int count) {
        assertTrue(fresh.size() >= count, "at least " + count + " new lines: " + this);
        return this;
    }

    /** Asserts the switch was clean: no mixed line (the change is in one function called once a tick). */
    Switch assertNotMixed() {
        assertEquals(Optional.empty(), mixed, "a clean switch: " + this);
        return this;
    }

    @Override
    public String toString() {
        return "k = tick " + k() + ": ..., \"" + lastOld() + "\", " + mixed.map(m -> "mixed \"" + m + "\", ").orElse("")
                + "\"" + firstNew() + "\", ... (" + old.size() + " old, " + fresh.size() + " new)";
    }

    /** The output for a failure message: all of it when short, else its start and its last 40 lines. */
    private static String excerpt(List<String> output) {
        if (output.size() <= 60) {
            return output.stream().collect(Collectors.joining("\n  ", "; the output:\n  ", ""));
        }
        return output.subList(0, 5).stream().collect(Collectors.joining("\n  ", "; the output:\n  ", "\n  ..."))
                + output.subList(output.size() - 40, output.size()).stream()
                        .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}

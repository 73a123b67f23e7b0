package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One line of the demo fixture: {@code tick T value V step +S total N}. */
record DemoLine(long tick, long value, long step, long total) {

    static final Pattern FORMAT = Pattern.compile("^tick (\\d+) value (\\d+) step \\+(\\d+) total (\\d+)$");

    static DemoLine parse(String line) {
        var m = FORMAT.matcher(line);
        if (!m.matches()) {
            return fail("not a demo line: '" + line + "'");
        }
        return new DemoLine(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)));
    }

    /**
     * Parses every line of one run and checks that it is one continuous run: ticks count up from 1
     * and every line's value and total follow from the line before with that line's step (the
     * state of sim.c, stats.c and render.c carried through every reload). Returns the steps in
     * the order they were first seen.
     */
    static List<Long> continuousRun(List<String> lines) {
        assertTrue(!lines.isEmpty(), "the program printed nothing");
        var steps = new ArrayList<Long>();
        DemoLine previous = null;
        for (var text : lines) {
            var line = parse(text);
            if (previous == null) {
                assertEquals(new DemoLine(1, line.step(), line.step(), line.step()), line, "first line");
            } else {
                assertEquals(previous.tick() + 1, line.tick(), () -> "ticks continue at '" + text + "'");
                assertEquals(previous.value() + line.step(), line.value(), () -> "value continues at '" + text + "'");
                assertEquals(previous.total() + line.value(), line.total(), () -> "total continues at '" + text + "'");
            }
            if (steps.isEmpty() || steps.get(steps.size() - 1) != line.step()) {
                steps.add(line.step());
            }
            previous = line;
        }
        return steps;
    }
}

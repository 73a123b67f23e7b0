package hcr.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure e's rows: per reload in a process, the difference of the medians held to < 1 ms. */
class ForwardReloadFigureTest {

    private static ForwardReloadFigure.NthReload reload(int nth, long on, long off, long forward, long forwarded) {
        return new ForwardReloadFigure.NthReload(nth, Samples.of(List.of(on - 10, on, on + 500)),
                Samples.of(List.of(off, off + 10, off - 10)), Samples.of(List.of(forward, forward, forward)),
                Samples.of(List.of(forwarded, forwarded, forwarded)));
    }

    @Test
    void eachReloadInAProcessGetsItsRowsAndVerdict() {
        var figure = new ForwardReloadFigure(500, List.of(reload(1, 12_000, 600, 11_500, 502),
                reload(2, 700, 600, 110, 1004)));
        var table = new Table("lrrlll", "", "median", "p90", "goal", "", "");
        figure.rows().forEach(table::row);
        var text = table.render();
        assertEquals(11_400, figure.reloads().get(0).added(), 1e-9);
        assertTrue(text.contains("e  1st reload of a 500-function module, forwarding"), text);
        assertTrue(text.matches("(?s).*\n   forwarding adds +11400 µs +< 1 ms +MISSED +difference of the medians;"
                + " us.forward 11500 µs.*"), text);
        assertTrue(text.contains("502 old entries forwarded (one older version)"), text);
        assertTrue(text.matches("(?s).*\n   2nd reload in the process, forwarding +0\\.7 ms +1\\.2 ms .*"), text);
        assertTrue(text.matches("(?s).*\n   forwarding adds +100 µs +< 1 ms +ok +.*"), text);
        assertTrue(text.contains("1004 old entries forwarded (2 older versions)\n"), text);
    }
}

package hcr.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure f read from the forwarded call program's lines: per-round differences, then medians. */
class ForwardCallFigureTest {

    @Test
    void extrasAreTakenWithinEachRound() throws BenchFailure {
        var figure = ForwardCallFigure.parse(1000, List.of(
                "ready step 1",
                "reloaded step 1001",
                "round 1 old 2.5000 ns new 2.0000 ns kept 2.1000 ns",
                "hcr: a runtime line in between",
                "round 2 old 4.0000 ns new 3.0000 ns kept 2.9000 ns",
                "round 3 old 2.6000 ns new 2.2000 ns kept 2.2000 ns"));
        assertEquals(3, figure.old().count());
        assertEquals(2.6, figure.old().median(), 1e-9);
        assertEquals(2.2, figure.fresh().median(), 1e-9);
        assertEquals(2.2, figure.kept().median(), 1e-9);
        assertEquals(List.of(0.4, 0.5, 1.0), figure.extra().sorted().stream().map(ForwardCallFigureTest::round).toList());
        assertEquals(List.of(-0.1, 0.0, 0.1), figure.plain().sorted().stream().map(ForwardCallFigureTest::round).toList());
    }

    @Test
    void noRoundIsAFailure() {
        assertThrows(BenchFailure.class, () -> ForwardCallFigure.parse(1000, List.of("ready step 1",
                "error: after the reload to step 1001 the new tiny returns 1001, the old pointer 1")));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

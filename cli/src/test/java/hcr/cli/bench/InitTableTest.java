package hcr.cli.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** hcr bench --init's table: medians, the ratios of the medians, the goal of init against the plain build. */
class InitTableTest {

    private static InitBench.Figures figures(long plain, long init) {
        return new InitBench.Figures(List.of(plain, plain + 2, plain - 2), List.of(init, init, init), List.of(7L, 7L, 7L),
                List.of(9_000_000L, 9_000_000L, 9_000_000L), List.of(8L, 8L, 8L), List.of(1L, 1L, 1L),
                List.of(2L, 2L, 2L), 33, List.of("lua from `make`: 33 modules", "wrote /tmp/x/hcr.toml"));
    }

    @Test
    void initWithinOnePointThreeTimesThePlainBuildMeetsTheGoal() {
        var text = InitTable.render(figures(6_000_000L, 7_800_000L), 2);
        assertTrue(text.matches("(?s).*\n  init / plain +1\\.30× +≤ 1\\.3× +ok .*"), text);
        assertTrue(text.matches("(?s).*\nfirst hcr build +9\\.00 +9\\.00 .*"), text);
        assertTrue(text.matches("(?s).*\n  first build / plain +1\\.50× .*"), text);
        assertTrue(text.contains("init said: lua from `make`: 33 modules\n"), text);
    }

    @Test
    void slowerMissesIt() {
        var text = InitTable.render(figures(6_000_000L, 7_900_000L), 2);
        assertTrue(text.matches("(?s).*\n  init / plain +1\\.32× +≤ 1\\.3× +MISSED .*"), text);
    }
}

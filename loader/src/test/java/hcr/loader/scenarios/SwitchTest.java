package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The checker the scenarios rely on rejects what a broken reload would print. */
class SwitchTest {

    private static final LineFormat LINE = LineFormat.of("^tick (\\d+) value (\\d+) delta (\\d+)$");

    private static Switch find(String... output) {
        return Switch.find(List.of(output), LINE, line -> line.number(3) == 1 && line.number(2) == line.tick(),
                (before, line) -> line.number(3) == 100 && line.number(2) == before.number(2) + 100);
    }

    private static String failure(String... output) {
        return assertThrows(AssertionFailedError.class, () -> find(output)).getMessage();
    }

    @Test
    void a_clean_switch_has_old_lines_then_new_ones() {
        var change = find("tick 1 value 1 delta 1", "tick 2 value 2 delta 1", "tick 3 value 102 delta 100",
                "tick 4 value 202 delta 100");

        assertEquals(2, change.k());
        assertEquals(Optional.empty(), change.mixed());
        assertEquals("tick 3 value 102 delta 100", change.firstNew().text());
        assertEquals(2, change.fresh().size());
    }

    @Test
    void one_line_across_the_switch_may_mix() {
        var change = find("tick 1 value 1 delta 1", "tick 2 value 2 delta 1", "tick 3 value 3 delta 100",
                "tick 4 value 103 delta 100");

        assertEquals(2, change.k());
        assertEquals("tick 3 value 3 delta 100", change.mixed().orElseThrow().text());
        assertThrows(AssertionFailedError.class, change::assertNotMixed);
    }

    @Test
    void state_lost_in_the_reload_fails() {
        // value restarted from 0: the first new line is neither old nor new, and neither is the next
        assertTrue(failure("tick 1 value 1 delta 1", "tick 2 value 2 delta 1", "tick 3 value 100 delta 100",
                "tick 4 value 200 delta 300").contains("not the new code's line"));
    }

    @Test
    void a_restarted_program_fails() {
        assertTrue(failure("tick 1 value 1 delta 1", "tick 2 value 2 delta 1", "tick 1 value 100 delta 100")
                .contains("ticks do not count on"));
    }

    @Test
    void old_code_after_new_code_fails() {
        assertTrue(failure("tick 1 value 1 delta 1", "tick 2 value 102 delta 100", "tick 3 value 103 delta 1")
                .contains("not the new code's line"));
    }

    @Test
    void no_new_code_fails() {
        assertTrue(failure("tick 1 value 1 delta 1", "tick 2 value 2 delta 1").contains("no line of the new code"));
    }

    @Test
    void a_line_of_another_form_fails() {
        assertTrue(failure("tick 1 value 1 delta 1", "==42==ERROR: AddressSanitizer: global-buffer-overflow",
                "tick 2 value 101 delta 100").contains("a line not of the form"));
    }
}

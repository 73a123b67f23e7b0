package hcr.cli.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario format (docs/smoke.md): words, conditions, steps, and errors that name the line. */
class ScenarioParserTest {

    @TempDir
    Path temp;

    @Test
    void patternsKeepTheirBlanksAndSlashesAndCommentsEndTheLine() {
        assertEquals(List.of("expect", "/^tick \\d+ a/b$/", "within", "5s"),
                Words.split("expect /^tick \\d+ a/b$/ within 5s   # the rest is a comment"));
        assertEquals(List.of("edit", "sim.c", "s/^#define STEP 1$/#define STEP 10/"),
                Words.split("edit sim.c s/^#define STEP 1$/#define STEP 10/"));
        assertEquals(List.of("project", "/tmp/some/dir"), Words.split("project /tmp/some/dir"));
        assertEquals("a/b", Words.patternText("/a\\/b/"));
        assertEquals(List.of("return \\d+;", "return 7;"),
                List.of(Words.substitution("s/return \\d+;/return 7;/")));
        assertFalse(Words.isPattern("/tmp/x"));
    }

    @Test
    void conditionsCompareArithmeticOverGroups() {
        var where = Where.parse("$2 == $v + 100 * ($1 - $k) and $1 > 3");
        var values = Map.of("1", "7", "2", "406", "v", "6", "k", "3");
        assertTrue(where.holds(values::get));
        assertFalse(Where.parse("$1 != 7").holds(values::get));
        assertTrue(Where.parse("-$1 % 4 == -3").holds(values::get));
        var unknown = assertThrows(IllegalArgumentException.class, () -> Where.parse("$9 == 1").holds(values::get));
        assertEquals("$9 is not a group of this line nor of an earlier one", unknown.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> Where.parse("$1 = 2"));
        assertTrue(bad.getMessage().startsWith("in 'where $1 = 2': expected a comparison"), bad.getMessage());
    }

    @Test
    void aScenarioHasAHeaderAndOneStepALine() throws Exception {
        var scenario = ScenarioParser.read(write("b1.hcrs", """
                # a comment line
                project ../b01-function-body
                args 50 fast
                timeout 12s

                start
                expect /^tick 3 /
                apply body
                expect reload work +plus -extra within 2s
                expect next 3 /^tick (\\d+) value (\\d+)$/ where $2 == 100 * $1
                expect error sim.c:9:18 /STPE/
                expect crash SIGSEGV in probe_read module probe
                expect reset none
                repeat 3
                  edit churn.c s/return \\d+;/return {i};/
                  expect /value {i}$/
                end
                expect flat fds 4 rss 16M
                """));
        var setup = scenario.setup();
        assertEquals(temp.getParent().resolve("b01-function-body").normalize(), setup.project());
        assertEquals(temp.getParent().resolve("edits").resolve("b01-function-body").normalize(), setup.edits());
        assertEquals(List.of("50", "fast"), setup.args());
        assertEquals(Duration.ofSeconds(12), setup.timeout());
        var steps = scenario.steps();
        assertEquals(10, steps.size());
        assertInstanceOf(Step.Start.class, steps.get(0));
        assertEquals(6, steps.get(0).line().number());
        var reload = (Step.ExpectReload) steps.get(3);
        assertEquals(Optional.of(new Step.ModuleChange(List.of("work"), List.of("plus"), List.of("extra"))), reload.modules());
        assertEquals(Optional.of(Duration.ofSeconds(2)), reload.within());
        var error = (Step.ExpectError) steps.get(5);
        assertEquals(List.of("sim.c", "9", "18"), List.of(error.file(), "" + error.lineNumber(), "" + error.column()));
        var crash = (Step.ExpectCrash) steps.get(6);
        assertEquals(List.of("SIGSEGV", "probe_read", "probe"),
                List.of(crash.signal().orElseThrow(), crash.function().orElseThrow(), crash.module().orElseThrow()));
        assertEquals(List.of(), ((Step.ExpectReset) steps.get(7)).statics());
        var repeat = (Step.Repeat) steps.get(8);
        assertEquals(3, repeat.count());
        var second = ScenarioParser.steps(repeat, 2);
        assertEquals("return 2;", ((Step.Edit) second.get(0)).replacement());
        assertEquals("value 2$", ((Step.ExpectOutput) second.get(1)).pattern().pattern());
        assertEquals(new Step.ExpectFlat(steps.get(9).line(), 4, 16L << 20), steps.get(9));
    }

    @Test
    void sharedStaticsAreNamedOrNone() throws Exception {
        var steps = ScenarioParser.read(write("b18.hcrs", """
                project ../b18-shared-static
                start
                expect reload main
                expect shared total calls.0
                expect shared none
                """)).steps();
        assertEquals(List.of("total", "calls.0"), ((Step.ExpectShared) steps.get(2)).statics());
        assertEquals(List.of(), ((Step.ExpectShared) steps.get(3)).statics());
    }

    @Test
    void mistakesAreReportedWithFileAndLine() throws IOException {
        assertError("x.hcrs:3: unknown expectation 'relaod'", "project p\nstart\nexpect relaod work\n");
        assertError("x.hcrs:3: 'args' belongs to the header, before the first step", "project p\nstart\nargs 1\n");
        assertError("x.hcrs:2: 'repeat' without its 'end'", "project p\nrepeat 2\nstart\n");
        assertError("x.hcrs:2: bad regex: Unclosed group", "project p\nexpect /(/\nstart\n");
        assertError("x.hcrs:2: 'sim.c' is not FILE:LINE or FILE:LINE:COLUMN", "project p\nexpect error sim.c\nstart\n");
        assertError("x.hcrs:2: in 'where $1 >': expected a number", "project p\nexpect /(\\d)/ where $1 >\nstart\n");
        assertError("x.hcrs: no 'project DIR' line", "start\n");
        assertError("x.hcrs: no 'start' step", "project p\nexpect /x/\n");
    }

    private void assertError(String start, String text) throws IOException {
        var file = write("x.hcrs", text);
        var error = assertThrows(ScenarioError.class, () -> ScenarioParser.read(file));
        assertTrue(error.getMessage().startsWith(start), () -> "wanted '" + start + "...', got: " + error.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }
}

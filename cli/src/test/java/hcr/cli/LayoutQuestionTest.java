package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The layout question's answers, from a terminal's typed lines (a stream whose bytes wait to be read). */
class LayoutQuestionTest {

    private final List<String> said = new ArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private LayoutQuestion question(String typed) {
        var terminal = typed == null ? null : new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
        return new LayoutQuestion(this::say, restarts::incrementAndGet, closed::incrementAndGet, terminal);
    }

    private synchronized void say(String line) {
        said.add(line);
    }

    private synchronized List<String> said() {
        return List.copyOf(said);
    }

    @Test
    void rThenEnterTypedWhileAskingRestartsOnce() throws InterruptedException {
        try (var question = question("r\n")) {
            question.ask(5);
            awaitClosed(question);
            assertEquals(1, restarts.get());
            assertEquals(1, closed.get());
            assertEquals(List.of("r then Enter restarts the program, n keeps it running (the line typed now goes to hcr);"
                    + " or Restart in the console", "restarting the program on gen 5"), said());
        }
    }

    @Test
    void enterAloneKeepsTheProgramRunning() throws InterruptedException {
        try (var question = question("\n")) {
            question.ask(3);
            awaitClosed(question);
            assertEquals(0, restarts.get());
            assertTrue(said().contains("the program keeps running: objects made before gen 3 are read with the new layout"),
                    said().toString());
        }
    }

    @Test
    void anotherLineIsNoAnswerAndTheQuestionStaysOpen() {
        try (var question = question(null)) {
            question.ask(2);
            question.answer("hello");
            assertTrue(question.open());
            assertEquals("'hello' is no answer (hcr read it, the program did not): r restarts, n keeps the program running",
                    said().get(said().size() - 1));
            question.answer("R");
            assertFalse(question.open());
            assertEquals(1, restarts.get());
        }
    }

    @Test
    void withoutATerminalItPointsAtTheConsoleAndReadsNothing() {
        try (var question = question(null)) {
            question.ask(4);
            assertEquals(List.of("restart from the console, or run hcr dev --restart-on-layout-change to restart on such"
                    + " changes"), said());
            question.closeQuestion();
            assertEquals(1, closed.get());
            question.answer("r");
            assertEquals(0, restarts.get(), "a question no longer open takes no answer");
        }
    }

    private static void awaitClosed(LayoutQuestion question) throws InterruptedException {
        var done = new CountDownLatch(1);
        for (int i = 0; i < 100 && question.open(); i++) {
            done.await(LayoutQuestion.POLL_MILLIS / 2, TimeUnit.MILLISECONDS);
        }
        assertFalse(question.open(), "the typed line was read");
    }
}

package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The layout question (issue 10) in real headless Chromium: shown with its Restart button while
 * it is asked, to a page opened before and to one opened after; Restart restarts the program, and
 * the question goes when the program starts again; Keep running hides it. Screenshot in
 * web-console/target/screenshots/.
 */
class LayoutQuestionPageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUESTION = "struct particle changed layout (vel: offset 8 → 16, mass: added at offset 8);"
            + " objects made before gen 2 are read with the new layout — restart?";

    @TempDir
    Path dir;

    @Test
    void theQuestionIsShownWithItsRestartButtonUntilTheProgramStartsAgain() throws Exception {
        var state = new ConsoleState(Files.createDirectories(dir.resolve("swarm")), dir.resolve("swarm/.hcr"));
        var actions = new FakeActions();
        try (var browser = Browser.open();
             var console = ConsoleServer.start(ConsoleOptions.loopback(0), state, actions)) {
            var driver = browser.driver();
            var wait = browser.waiting(WAIT);
            driver.get(console.url());
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
            var box = By.id("layout-question");
            assertFalse(driver.findElement(box).isDisplayed(), "no question yet");

            state.layoutQuestion(2, List.of(QUESTION));
            wait.until(ExpectedConditions.visibilityOfElementLocated(box));
            assertEquals(QUESTION, driver.findElement(By.id("layout-question-lines")).getText());
            assertTrue(driver.findElement(By.id("btn-question-restart")).isDisplayed());
            browser.screenshot("layout-question");

            driver.navigate().refresh(); // a page opened while it is asked gets it with the snapshot
            wait.until(ExpectedConditions.visibilityOfElementLocated(box));
            driver.findElement(By.id("btn-question-restart")).click();
            wait.until(d -> actions.calls().contains("restartProgram"));
            state.programStarting(); // what the dev session does when the program starts again
            wait.until(ExpectedConditions.invisibilityOfElementLocated(box));

            state.layoutQuestion(3, List.of(QUESTION.replace("gen 2", "gen 3")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(box));
            driver.findElement(By.id("btn-question-keep")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(box));
            assertEquals(1, actions.calls().stream().filter("restartProgram"::equals).count(), actions.calls().toString());
        }
    }
}

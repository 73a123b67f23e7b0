package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hcr.compiler.BuildReport;
import hcr.compiler.BuildTimings;
import hcr.compiler.Generation;
import hcr.compiler.debug.LayoutChange;
import hcr.loader.HostEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The reload history's layout lines (issue 10) in real headless Chromium: a struct type whose
 * comparison ends after the program reloaded its generation shows up in that entry, redrawn in
 * its place (no second entry, no reconnect), and a page opened later gets the amended entry.
 * Screenshot in web-console/target/screenshots/.
 */
class LayoutHistoryPageTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TALLY = "static 'tally' (module swarm) changed layout (calls: offset 0 → 4): reset";
    private static final String PARTICLE = "struct particle changed layout (vel: offset 8 → 16)";

    @TempDir
    Path dir;

    @Test
    void typesComparedAfterTheReloadAppearInItsEntryInPlace() throws Exception {
        var state = new ConsoleState(Files.createDirectories(dir.resolve("swarm")), dir.resolve("swarm/.hcr"));
        try (var browser = Browser.open();
             var console = ConsoleServer.start(ConsoleOptions.loopback(0), state, new FakeActions())) {
            var driver = browser.driver();
            var wait = browser.waiting(WAIT);
            driver.get(console.url());
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
            state.hostEvent(new HostEvent.GenerationLoaded(1, 0, Map.of(), Map.of()));

            var types = new CompletableFuture<List<LayoutChange>>();
            state.buildStarted();
            state.buildFinished(new BuildReport.Published(new Generation(2, dir, List.of(), List.of(), List.of(),
                    List.of(), new BuildTimings(1, 1, 1, 1, 4),
                    List.of(new LayoutChange(LayoutChange.Kind.STATIC, "swarm", "tally", List.of("calls: offset 0 → 4"))),
                    types)));
            state.hostEvent(new HostEvent.GenerationLoaded(2, 1, Map.of(), Map.of()));
            var entry = By.cssSelector("#history li.history-entry[data-generation='2']");
            wait.until(ExpectedConditions.presenceOfElementLocated(entry));
            assertEquals(List.of(TALLY), layoutLines(driver, entry));
            var seq = driver.findElement(entry).getAttribute("data-seq");

            types.complete(List.of(new LayoutChange(LayoutChange.Kind.TYPE, "swarm", "struct particle",
                    List.of("vel: offset 8 → 16"))));
            // the entry's element is replaced: read it again if it went between two looks
            wait.ignoring(StaleElementReferenceException.class).until(d -> layoutLines(d, entry).size() == 2);
            assertEquals(List.of(TALLY, PARTICLE), layoutLines(driver, entry));
            assertEquals(List.of("2", "1"), generations(driver), "the entry redrawn where it was, not added");
            assertEquals(seq, driver.findElement(entry).getAttribute("data-seq"));
            assertEquals("1", driver.findElement(By.tagName("body")).getAttribute("data-snapshots"), "no reconnect");
            browser.screenshot("layout-history-amended");

            driver.navigate().refresh(); // a page opened now gets the amended entry in its snapshot
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
            wait.until(ExpectedConditions.presenceOfElementLocated(entry));
            assertEquals(List.of(TALLY, PARTICLE), layoutLines(driver, entry));
            assertEquals(List.of("2", "1"), generations(driver));
        }
    }

    private static List<String> layoutLines(WebDriver driver, By entry) {
        return driver.findElement(entry).findElements(By.cssSelector("div.layout")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private static List<String> generations(WebDriver driver) {
        return driver.findElements(By.cssSelector("#history li.history-entry")).stream()
                .map(li -> li.getAttribute("data-generation")).toList();
    }
}

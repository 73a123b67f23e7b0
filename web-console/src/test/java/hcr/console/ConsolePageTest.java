package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The page in real headless Chromium, fed by a real build and a real program: modules, a reload
 * with its phase bar and the chart, a compile error with its source lines, coloured output, the
 * dropped-lines notice, globals written, and the actions. Screenshots go to
 * web-console/target/screenshots/.
 */
class ConsolePageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String SIM_H = "long sim_step(void);\nextern long sim_value;\n";
    private static final String SIM = """
            #include "sim.h"

            #define STEP 1

            long sim_value;

            long sim_step(void)
            {
            	sim_value += STEP;
            	return sim_value;
            }
            """;
    private static final String MAIN = """
            #define _POSIX_C_SOURCE 200809L
            #include <stdio.h>
            #include <time.h>
            #include "sim.h"

            int main(void)
            {
            	struct timespec pause = { 0, 50 * 1000000L };

            	for (long tick = 1;; tick++) {
            		printf("\\033[32mtick %ld\\033[0m value \\033[1;31m%ld\\033[0m\\n", tick, sim_step());
            		nanosleep(&pause, NULL);
            	}
            }
            """;

    @TempDir
    Path dir;

    @Test
    void thePageShowsTheSessionLive() throws Exception {
        try (var project = ConsoleProject.of(dir, "colours", Map.of("main.c", MAIN, "sim.c", SIM, "sim.h", SIM_H));
             var browser = Browser.open()) {
            var state = project.state();
            var actions = new FakeActions();
            project.published();
            try (var console = ConsoleServer.start(ConsoleOptions.loopback(0), state, actions)) {
                var host = project.start();
                host.awaitOutput("tick 3", WAIT);
                var driver = browser.driver;
                var wait = browser.waiting(WAIT);
                driver.get(console.url());

                // the token leaves the address bar; everything came from the console itself
                wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
                assertFalse(driver.getCurrentUrl().contains("token"), driver.getCurrentUrl());
                wait.until(ExpectedConditions.textToBe(By.id("program-state"), "running"));
                assertEquals(String.valueOf(host.pid()), text(driver.findElement(By.id("program-pid"))));
                assertEquals("1", text(driver.findElement(By.id("program-generation"))));

                // modules
                var simState = By.cssSelector("tr[data-module='sim'] td.state");
                wait.until(ExpectedConditions.attributeToBe(simState, "data-state", "loaded"));
                assertEquals("loaded (gen 1)", text(driver.findElement(simState)));
                assertEquals("1", text(driver.findElement(By.cssSelector("tr[data-module='sim'] td.functions"))));
                assertEquals("1", text(driver.findElement(By.cssSelector("tr[data-module='sim'] td.globals"))));
                assertTrue(text(driver.findElement(By.cssSelector("tr[data-module='sim'] td.size"))).endsWith("KiB"));
                assertTrue(driver.findElements(By.cssSelector("tr[data-module='main']")).size() == 1);

                // output, ANSI colours rendered
                // (the output view redraws its rows as lines come: read each row in one go, again if it went)
                var green = wait.ignoring(StaleElementReferenceException.class).until(d -> text(
                        d.findElement(By.cssSelector("#output .out-line span.ansi-fg-32"))));
                assertTrue(green.startsWith("tick "), green);
                var red = wait.ignoring(StaleElementReferenceException.class).until(d -> {
                    var span = d.findElement(By.cssSelector("#output .out-line span.ansi-bold.ansi-fg-31"));
                    return List.of(text(span), span.getCssValue("color"));
                });
                assertTrue(red.get(0).matches("\\d+"), red.get(0));
                assertTrue(red.get(1).matches("rgba?\\(239, 107, 107(, 1)?\\)"), red.get(1));
                assertFalse(driver.findElement(By.id("output")).getText().contains("\u001b"), "no raw escapes shown");
                browser.screenshot("1-running");

                // an edit: reload with its phase bar, the chart
                project.edit("sim.c", SIM.replace("#define STEP 1", "#define STEP 10"));
                project.published();
                host.requestReload().get(60, TimeUnit.SECONDS);
                var entry = By.cssSelector("#history li.history-entry[data-generation='2']");
                wait.until(ExpectedConditions.presenceOfElementLocated(entry));
                var bar = driver.findElement(entry).findElement(By.cssSelector(".phase-bar"));
                var compile = bar.findElement(By.cssSelector(".phase[data-phase='compile']"));
                assertTrue(compile.getSize().getWidth() > 0, "the compile phase is drawn");
                assertTrue(bar.findElements(By.cssSelector(".phase")).size() >= 5, "watch, compile, link, publish, apply");
                assertTrue(text(driver.findElement(entry)).contains("reloaded sim"), text(driver.findElement(entry)));
                assertEquals(1, driver.findElements(By.cssSelector("#chart circle.point")).size());
                wait.until(ExpectedConditions.textToBe(simState, "loaded (gen 2)"));
                wait.until(ExpectedConditions.attributeToBe(By.cssSelector("tr[data-module='main'] td.state"), "data-state", "up-to-date"));
                assertTrue(text(driver.findElement(By.id("program-e2e"))).endsWith("ms"));
                browser.screenshot("2-reloaded");

                // a compile error: grouped by file, with the source lines around it
                project.edit("sim.c", SIM.replace("sim_value += STEP;", "sim_value += STPE;"));
                project.build();
                var file = By.cssSelector("#errors .error-file[data-file='sim.c']");
                wait.until(ExpectedConditions.presenceOfElementLocated(file));
                var offending = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#errors .source-line.offending")));
                assertTrue(text(offending).contains("sim_value += STPE;"), text(offending));
                assertEquals("9", offending.getAttribute("data-line"));
                var caret = driver.findElement(By.cssSelector("#errors .source-line.caret"));
                assertTrue(caret.getText().endsWith("^"));
                assertTrue(driver.findElements(By.cssSelector("#errors .source-line")).size() >= 5, "lines around it");
                assertEquals("1", driver.findElement(By.tagName("body")).getAttribute("data-snapshots"), "no reconnect");
                assertTrue(text(driver.findElement(file)).contains("STPE"));
                wait.until(ExpectedConditions.attributeToBe(simState, "data-state", "failed"));
                browser.screenshot("3-compile-error");

                // fixed: the errors go
                project.edit("sim.c", SIM.replace("#define STEP 1", "#define STEP 10"));
                project.build();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("#errors .empty"), "No errors."));
                project.edit("sim.c", SIM.replace("#define STEP 1", "#define STEP 20"));
                project.published();
                host.requestReload().get(60, TimeUnit.SECONDS);
                wait.until(d -> d.findElements(By.cssSelector("#chart circle.point")).size() == 2);
                wait.until(ExpectedConditions.textToBe(simState, "loaded (gen 3)"));

                // globals: the value written goes to the dev session
                var input = wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#global-rows input.global-value[data-global='sim_value']")));
                input.click();
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0x63", Keys.ENTER);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("tr[data-global='sim_value'] .note"), "written"));
                assertTrue(actions.calls().contains("writeGlobal sim_value 0x63"), actions.calls().toString());
                assertEquals("99", driver.findElement(By.cssSelector("input.global-value[data-global='sim_value']")).getAttribute("value"));
                assertEquals("bytes", text(driver.findElement(By.cssSelector("tr[data-global='ops'] td:nth-child(3)"))));
                assertTrue(driver.findElements(By.cssSelector("tr[data-global='ops'] input")).isEmpty(), "bytes are not editable");

                // a static: tagged, and written with its module
                var calls = driver.findElement(By.cssSelector(
                        "#global-rows tr[data-kind='static'][data-global-module='sim'][data-global='step::calls'] input"));
                calls.click();
                calls.sendKeys(Keys.chord(Keys.CONTROL, "a"), "12", Keys.ENTER);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("tr[data-global='step::calls'] .note"), "written"));
                assertTrue(actions.calls().contains("writeStatic sim step::calls 12"), actions.calls().toString());
                assertEquals("static", text(driver.findElement(By.cssSelector("tr[data-global='step::calls'] td.name .kind"))));

                // actions
                driver.findElement(By.id("btn-pause")).click();
                wait.until(ExpectedConditions.attributeToBe(By.id("btn-pause"), "aria-pressed", "true"));
                driver.findElement(By.id("btn-reload")).click();
                driver.findElement(By.id("btn-rebuild")).click();
                wait.until(d -> actions.calls().containsAll(List.of("setPaused true", "reloadNow", "rebuildAll")));

                // a flood: the page keeps 10 000 lines and says how many it dropped
                var now = Instant.now();
                for (int i = 0; i < 12_000; i++) {
                    state.hostEvent(new HostEvent.Output(HostEvent.Stream.STDOUT, "\u001b[36mflood " + i + "\u001b[0m", now));
                }
                var dropped = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("output-dropped")));
                wait.until(d -> Long.parseLong(dropped.getAttribute("data-dropped")) > 2_000);
                assertEquals(10_000L, ((JavascriptExecutor) driver).executeScript(
                        "return Number(document.getElementById('output').dataset.lines)"));
                assertTrue(dropped.getText().endsWith(" lines dropped"), dropped.getText());
                var foreign = ((JavascriptExecutor) driver).executeScript(
                        "return performance.getEntriesByType('resource').map(e => e.name)"
                                + ".filter(n => !n.startsWith(location.origin) && !n.startsWith('ws://' + location.host))");
                assertEquals(List.of(), foreign, "nothing fetched from outside");
                browser.screenshot("4-output-flood");
                assertEquals("1", driver.findElement(By.tagName("body")).getAttribute("data-snapshots"), "never reconnected");
                host.stop();
                wait.until(ExpectedConditions.textToBe(By.id("program-state"), "stopped"));
            }
        }
    }

    private static String text(WebElement element) {
        return element.getText().strip();
    }
}

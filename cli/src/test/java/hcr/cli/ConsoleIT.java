package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hcr.console.Browser;
import hcr.console.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Issue 5's "How it is proven", end to end: {@code hcr dev <copy of a fixture> --port 0} run as a
 * user runs it (the shaded jar), its console opened in real headless Chromium at the address it
 * printed, and the fixture edited as editors write files. The page shows the modules and the
 * running program, an edit in the reload history within 2 s with its phase bar, a compile error
 * with its source lines until it is fixed, a global written from the page in the program's
 * output, a crash with its function and a restart at once; the real server refuses actions
 * without the token or from another Origin or Host, and source paths out of the project. Each
 * test ends hcr with Ctrl-C and checks that nothing of it is left.
 * Screenshots of each state go to cli/target/screenshots/. One browser serves the whole class.
 */
@Timeout(300)
class ConsoleIT {

    /** Issue 5: an edit appears in the page's reload history within 2 s. */
    private static final Duration EDIT_ON_PAGE = Duration.ofSeconds(2);

    /** How a JVM ends on SIGINT: 128 + 2. */
    private static final int SIGINT_STATUS = 130;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Browser browser;

    @TempDir
    Path temp;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * Steps 1–3: modules and the program; an edit with its phase bar; a compile error until fixed.
     * Then the other buttons: Pause (an edit waits, built), Reload now (applied, timed as a
     * reload, not as edit-to-effect), Rebuild all (nothing changed, nothing published); and the
     * console's hcr log holds every line hcr said on the terminal.
     */
    @Test
    void demoShowsModulesTheProgramEachReloadWithItsPhasesAndCompileErrorsUntilFixed() {
        var demo = Project.copy("demo", temp);
        try (var hcr = Hcr.start(temp, "dev", demo.dir().toString(), "--port", "0", "--", "50")) {
            var console = hcr.console();
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 2 ");
            var page = Page.open(hcr, console);

            // 1. every module of the fixture, and the program running with its pid
            page.await("the program running", () -> page.text("#program-state").equals("running"));
            assertEquals("demo", page.text("#program-name"));
            assertEquals(Long.toString(host), page.text("#program-pid"));
            assertEquals("1", page.text("#program-generation"));
            page.await("every module loaded", () -> page.attributes("#module-rows tr", "data-module")
                    .equals(List.of("main", "render", "sim", "stats"))
                    && page.attributes("#module-rows td.state", "data-state").stream().allMatch("loaded"::equals));
            assertEquals("4", page.text("#module-count"));
            assertEquals("loaded (gen 1)", page.text("tr[data-module='sim'] td.state"));
            assertEquals("1", page.text("tr[data-module='sim'] td.functions"));
            assertTrue(page.text("tr[data-module='sim'] td.size").endsWith("KiB"), page.text("tr[data-module='sim'] td.size"));
            page.await("the program's output", () -> page.text("#output").contains(" step +1 total "));
            page.await("the start in the history", () -> page.present("#history li.history-entry[data-generation='1']"));
            page.await("the globals", () -> page.present("tr[data-global='ops']") && page.present("tr[data-global='sim_value']"));
            assertEquals(true, page.script("const s = document.querySelector('#globals-panel .scroll');"
                    + " return s.scrollWidth <= s.clientWidth"), "the bytes of struct tick_ops ops wrap in the panel");
            page.screenshot("demo-1-running");

            // 2. an edit saved as VS Code saves: in the reload history within 2 s, with its phase bar
            var edited = demo.read("sim.c").replace("\n#define STEP 1\n", "\n#define STEP 10\n");
            var entry = "#history li.history-entry[data-generation='2']";
            long saved = System.nanoTime();
            demo.saveByRename("sim.c", edited);
            page.await("the edit in the reload history", EDIT_ON_PAGE, () -> page.present(entry));
            long onPageMillis = (System.nanoTime() - saved) / 1_000_000;
            System.out.println("ConsoleIT: the edit was in the page's reload history " + onPageMillis + " ms after the save");
            assertEquals("ok", page.attribute(entry, "data-result"));
            assertTrue(page.text(entry).contains("reloaded sim"), page.text(entry));
            for (var phase : List.of("watch", "compile", "link", "publish", "apply")) {
                var segment = entry + " .phase-bar .phase[data-phase='" + phase + "']";
                assertTrue(page.present(segment), () -> "no " + phase + " segment in " + page.html(entry));
                assertTrue(page.element(segment).getSize().getWidth() > 0, phase + " is drawn");
            }
            assertTrue(page.text(entry + " .e2e").endsWith("ms"), page.text(entry));
            assertEquals(1, page.count("#chart circle.point"));
            page.await("sim loaded in gen 2", () -> page.text("tr[data-module='sim'] td.state").equals("loaded (gen 2)"));
            page.await("the other modules up to date", () -> List.of("main", "render", "stats").stream().allMatch(
                    id -> page.attribute("tr[data-module='" + id + "'] td.state", "data-state").equals("up-to-date")));
            assertEquals("2", page.text("#program-generation"));
            assertTrue(page.text("#program-e2e").endsWith("ms"), page.text("#program-e2e"));
            hcr.awaitOut(" step \\+10 total ");
            page.screenshot("demo-2-reloaded");

            // 3. a compile error, written in place: file, line and source lines; the program keeps running
            demo.write("sim.c", edited.replace("\nlong sim_value;\n", "\nlong sim_value = STPE;\n"));
            var file = "#errors .error-file[data-file='sim.c']";
            page.await("the compile error in the Errors panel", () -> page.present(file + " .source-line.offending"));
            assertEquals("sim.c", page.text(file + " h3"));
            var message = page.text(file + " .diagnostic[data-line='9'] .message");
            assertTrue(message.startsWith("9:18: error: ") && message.contains("STPE"), message);
            var offending = file + " .source-line.offending";
            assertEquals("9", page.attribute(offending, "data-line"));
            assertTrue(page.text(offending).endsWith("long sim_value = STPE;"), page.text(offending));
            assertTrue(page.text(file + " .source-line.caret").endsWith("^"));
            assertEquals(List.of("7", "8", "9", "10", "11"),
                    page.attributes(file + " .source-line:not(.caret)", "data-line"), "the lines around it");
            assertEquals("1", page.text("#error-count"));
            page.await("sim failed", () -> page.attribute("tr[data-module='sim'] td.state", "data-state").equals("failed"));
            assertEquals("failed", page.text("#build-state"));
            hcr.awaitErr("^hcr: the program keeps running gen 2$");
            int afterError = hcr.out().size();
            hcr.awaitOutLines(afterError + 5);
            assertTrue(hcr.out().lines().get(afterError + 4).contains(" step +10 total "), hcr::transcript);
            assertEquals("running", page.text("#program-state"));
            assertEquals(Long.toString(host), page.text("#program-pid"));
            page.screenshot("demo-3-compile-error");

            // fixed: the errors go, and the fix reloads
            demo.saveByRename("sim.c", edited.replace("#define STEP 10", "#define STEP 20"));
            page.await("the errors gone", () -> page.text("#errors").equals("No errors."));
            assertFalse(page.present(file));
            assertEquals("", page.text("#error-count"));
            page.await("the fix reloaded", () -> page.present("#history li.history-entry[data-generation='3']")
                    && page.text("tr[data-module='sim'] td.state").equals("loaded (gen 3)"));
            hcr.awaitOut(" step \\+20 total ");
            assertEquals(List.of("hcr: started demo (gen 1, pid " + host + ")"), hcr.err().matching("^hcr: started "));
            page.screenshot("demo-4-fixed");

            // paused: an edit is built but waits; Reload now applies it, timed as a reload, not as edit-to-effect
            page.click("#btn-pause");
            page.await("reloads paused", () -> page.attribute("#btn-pause", "aria-pressed").equals("true")
                    && page.text("#action-status").equals("Pause reloads: done"));
            assertEquals("Resume reloads", page.text("#btn-pause"));
            int err = hcr.err().size();
            long pausedSave = System.nanoTime();
            demo.saveByRename("sim.c", edited.replace("#define STEP 10", "#define STEP 30"));
            hcr.awaitErr("^hcr: published gen 4 in ", err);
            page.await("sim built, not loaded", () -> page.text("tr[data-module='sim'] td.state").equals("built, not loaded"));
            int waiting = hcr.out().size();
            hcr.awaitOutLines(waiting + 10);
            assertTrue(hcr.out().lines().subList(waiting, waiting + 10).stream().allMatch(l -> l.contains(" step +20 ")),
                    hcr::transcript);
            sleep(2500 - (System.nanoTime() - pausedSave) / 1_000_000);
            page.click("#btn-reload");
            var reloaded = hcr.awaitErr("^hcr: reloaded sim \\(gen 4\\) in (\\d+)(\\.\\d)? ms" + Hcr.FORWARDED + "$", err);
            assertTrue(reloaded.number(1) < 2000, () -> "the reload's own time, not the pause: " + reloaded.line());
            var paused = "#history li.history-entry[data-generation='4']";
            page.await("the reload in the history", () -> page.present(paused));
            assertTrue(page.text(paused).contains("reloaded sim"), page.text(paused));
            assertFalse(page.present(paused + " .phase-bar") || page.present(paused + " .e2e"), "not measured while paused");
            hcr.awaitOut(" step \\+30 total ");
            page.await("Reload now done", () -> page.text("#action-status").equals("Reload now: done"));
            page.screenshot("demo-5-paused-reload-now");
            page.click("#btn-pause");
            page.await("reloads resumed", () -> page.attribute("#btn-pause", "aria-pressed").equals("false")
                    && page.text("#action-status").equals("Resume reloads: done"));

            // Rebuild all: every module compiled again; no object changed, so nothing is published
            err = hcr.err().size();
            page.click("#btn-rebuild");
            hcr.awaitErr("^hcr: up to date \\(gen 4\\)$", err);
            assertEquals(4, hcr.err().matching("^\\[\\d+/\\d+\\] CC ", err).size(), hcr::transcript);
            page.await("Rebuild all done", () -> page.text("#action-status").equals("Rebuild all: done")
                    && page.text("#log").contains("up to date (gen 4)"));
            assertEquals("gen 4", page.text("#build-state"));
            page.screenshot("demo-6-rebuilt-all");

            // the console's hcr log tells what the terminal told
            var said = hcr.err().matching("^hcr: ").stream().map(l -> l.substring("hcr: ".length())).toList();
            var logged = new ArrayList<String>();
            state(console).get("log").forEach(line -> {
                if (line.get("kind").asText().equals("hcr")) {
                    logged.add(line.get("text").asText());
                }
            });
            assertEquals(said, logged);
            assertTrue(logged.get(0).startsWith("published gen 1 in "), logged::toString);
            assertTrue(logged.containsAll(List.of("build failed", "the program keeps running gen 2", "up to date (gen 4)")),
                    logged::toString);

            stop(hcr, console, host);
        }
    }

    /** Step 4: a global edited in the page changes what the running program prints. */
    @Test
    void globalEditedInThePageChangesTheProgramsOutput() {
        var project = Project.copy("globals", temp);
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--", "100")) {
            var console = hcr.console();
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 2 counter 102 ratio 1\\.50 label start$");
            var page = Page.open(hcr, console);

            page.await("the globals", () -> page.present("input.global-value[data-global='counter']"));
            assertEquals(List.of("vars", "int"), page.texts("tr[data-global='counter'] td").subList(1, 3));
            assertEquals(List.of("vars", "double"), page.texts("tr[data-global='ratio'] td").subList(1, 3));
            assertTrue(page.present("tr[data-global='label']"), "char label[16] is shown");
            assertFalse(page.present("tr[data-global='label'] input"), "as bytes: not editable");

            int before = hcr.out().size();
            page.writeGlobal("counter", "5000");
            var written = hcr.awaitOut("^tick (\\d+) counter (50\\d\\d) ratio 1\\.50 label start$", before);
            long tick = written.number(1);
            hcr.awaitOut("^tick " + (tick + 1) + " counter " + (written.number(2) + 1) + " ", written.index());
            assertTrue(hcr.out().lines().subList(before, written.index()).stream()
                    .allMatch(line -> line.matches("^tick (\\d+) counter 1\\d\\d .*")), hcr::transcript);

            before = hcr.out().size();
            page.writeGlobal("ratio", "2.75");
            hcr.awaitOut("^tick \\d+ counter 50\\d\\d ratio 2\\.75 label start$", before);

            // statics are rows too, named as a debugger names them, typed and written the same way
            assertEquals(List.of("vars", "long int"),
                    page.texts("tr[data-kind='static'][data-global='steps'] td").subList(1, 3));
            assertEquals(List.of("static"), page.texts("tr[data-global='steps'] td.name .kind"));
            assertEquals(List.of("vars", "int"),
                    page.texts("tr[data-kind='static'][data-global='vars_step::calls'] td").subList(1, 3));
            page.writeGlobal("steps", "70000");
            page.await("steps going on from 70000", () -> {
                var value = page.script("return document.querySelector(\"tr[data-global='steps'] input\").value;");
                return String.valueOf(value).matches("700\\d\\d") && !String.valueOf(value).equals("70000");
            });
            page.screenshot("globals-written");

            stop(hcr, console, host);
        }
    }

    /** Step 5: a crash names the faulting function; Restart starts the program at once, with no build. */
    @Test
    void crashShowsTheFaultingFunctionAndRestartStartsTheProgramAtOnce() {
        var crash = Project.copy("crash", temp);
        try (var hcr = Hcr.start(temp, "dev", crash.dir().toString(), "--port", "0", "--", "500")) {
            var console = hcr.console();
            long first = hcr.hostPid(1);
            var page = Page.open(hcr, console);
            hcr.awaitOut("^tick 4 probe 8$");
            page.await("the program running", () -> page.text("#program-state").equals("running"));
            int header = page.element("#top").getSize().getHeight();

            crash.apply("null"); // probe_read() reads through NULL from tick 4 on
            page.await("the crash on the page", () -> page.text("#program-state").equals("crashed"));
            assertEquals("SIGSEGV in probe_read() (module probe)", page.text("#program-crash"));
            assertTrue(page.text("#program-uptime").endsWith("(ended)"), page.text("#program-uptime"));
            hcr.awaitErr("^hcr: crash crashed: SIGSEGV in probe_read\\(\\) \\(module probe\\)");
            assertTrue(ProcessGroup.awaitGone(first), "the crashed host is gone");
            page.await("the crash in hcr's log", () -> page.text("#log").contains("SIGSEGV in probe_read()"));
            assertEquals(header, page.element("#top").getSize().getHeight(), "the header keeps its height");
            var output = page.text("#output").lines().toList();
            assertTrue(output.get(output.size() - 1).matches("^tick \\d+ probe \\d+$"),
                    () -> "the program's last line last, not the host JVM's crash banner: " + output);
            page.screenshot("crash-1-crashed");

            int out = hcr.out().size();
            int err = hcr.err().size();
            long clicked = System.nanoTime();
            page.click("#btn-restart");
            var started = hcr.awaitErr("^hcr: started crash \\(gen 2, pid (\\d+)\\)$", err);
            long second = started.number(1);
            assertNotEquals(first, second, "a new process");
            // gen 2 runs ticks 1 to 3 (1.5 s) before it reads through NULL again
            page.await("the restarted program on the page", () -> page.text("#program-state").equals("running")
                    && page.text("#program-pid").equals(Long.toString(second)));
            System.out.println("ConsoleIT: the restarted program was on the page "
                    + (System.nanoTime() - clicked) / 1_000_000 + " ms after the click");
            page.screenshot("crash-2-restarted");
            assertEquals("2", page.text("#program-generation"));
            assertEquals("", page.text("#program-crash"));
            hcr.awaitOut("^tick 1 probe 3$", out);
            page.await("the action done", () -> page.text("#action-status").equals("Restart: done"));
            assertEquals(List.of(), hcr.err().matching("^(hcr: published gen|\\[\\d+/\\d+\\] )", err),
                    "restarted without a build");

            // the same code crashes again at tick 4, and says so again
            hcr.awaitErr("^hcr: crash crashed: SIGSEGV in probe_read\\(\\)", started.index());
            page.await("the second crash on the page", () -> page.text("#program-state").equals("crashed"));
            stop(hcr, console, first, second);
        }
    }

    /**
     * Step 6: against the real dev server, an action without the token, from another Origin, or
     * to another Host is refused and does nothing; the same action with the token does it. Source
     * paths out of the project, by {@code ..} or by a symbolic link, are refused.
     */
    @Test
    void theRealServerRefusesForeignRequestsAndPathsOutOfTheProject() throws IOException {
        var project = Project.copy("globals", temp);
        try (var hcr = Hcr.start(temp, "dev", project.dir().toString(), "--port", "0", "--", "100")) {
            var console = hcr.console();
            long host = hcr.hostPid(1);
            hcr.awaitOut("^tick 2 counter 102 ");

            var actions = new LinkedHashMap<String, String>();
            actions.put("/api/restart", null);
            actions.put("/api/rebuild", null);
            actions.put("/api/reload", null);
            actions.put("/api/pause", "{\"paused\":true}");
            actions.put("/api/globals/counter", "{\"value\":\"777777\"}");
            var foreignHost = "evil.example:" + console.port();   // DNS rebinding: the attacker's name, our address
            var foreignOrigin = "http://evil.example";
            var wrongToken = "0".repeat(64);
            for (var action : actions.entrySet()) {
                var path = action.getKey();
                var body = action.getValue();
                refused(console, "POST", path, Map.of("Host", console.host()), body, "without the token");
                refused(console, "POST", path, Map.of("Host", console.host(), "X-Hcr-Token", wrongToken), body,
                        "with a wrong token");
                refused(console, "POST", path, Map.of("Host", console.host(), "X-Hcr-Token", console.token(),
                        "Origin", foreignOrigin), body, "from a foreign Origin");
                refused(console, "POST", path + "?token=" + console.token(), Map.of("Host", console.host(),
                        "Origin", foreignOrigin), body, "from a foreign Origin, the token in the query");
                refused(console, "POST", path, Map.of("Host", foreignHost, "X-Hcr-Token", console.token()), body,
                        "to a foreign Host");
                refused(console, "POST", path, Map.of("Host", foreignHost, "X-Hcr-Token", console.token(),
                        "Origin", "http://" + foreignHost), body, "from a rebound name");
            }
            for (var path : List.of("/api/state", "/api/globals", "/api/source?path=main.c")) {
                refused(console, "GET", path, Map.of("Host", console.host()), null, "without the token");
                refused(console, "GET", path, Map.of("Host", foreignHost, "X-Hcr-Token", console.token()), null,
                        "to a foreign Host");
            }
            assertEquals(403, RawHttp.webSocketStatus(console.port(), "/api/events?token=" + console.token(),
                    RawHttp.webSocketHeaders(console.host(), foreignOrigin)), "a foreign page's push channel");

            // no effect: the program runs on, unpaused, unbuilt, its counter never written
            int lines = hcr.out().size();
            hcr.awaitOutLines(lines + 10);
            var counter = Pattern.compile("^tick (\\d+) counter (\\d+) ");
            for (var line : hcr.out().lines()) {
                var m = counter.matcher(line);
                assertTrue(m.find() && Long.parseLong(m.group(2)) == 100 + Long.parseLong(m.group(1)),
                        () -> "counter written: " + line + "\n" + hcr.transcript());
            }
            assertEquals(1, hcr.err().matching("^hcr: started ").size(), hcr::transcript);
            assertEquals(1, hcr.err().matching("^hcr: published gen ").size(), hcr::transcript);
            var program = state(console).get("program");
            assertEquals("running", program.get("state").asText());
            assertEquals(host, program.get("pid").asLong());
            assertFalse(program.get("paused").asBoolean(), "reloads not paused");
            assertTrue(ProcessGroup.exists(host));

            // the same requests with the token do act: the checks above would have seen it
            assertEquals(200, console.post("/api/globals/counter", "{\"value\":\"777777\"}").statusCode());
            hcr.awaitOut("^tick \\d+ counter 7777\\d\\d ", lines);
            int err = hcr.err().size();
            assertEquals(200, console.post("/api/restart", null).statusCode());
            long second = hcr.awaitErr("^hcr: started globals \\(gen 1, pid (\\d+)\\)$", err).number(1);
            assertNotEquals(host, second);
            assertTrue(ProcessGroup.awaitGone(host), "the old program is gone");
            awaitState(hcr, console, "the restarted program in the state", p -> p.get("state").asText().equals("running")
                    && p.get("pid").asLong() == second);

            // sources: inside the project only, symbolic links resolved
            var main = console.get("/api/source?path=main.c");
            assertEquals(200, main.statusCode());
            assertTrue(main.body().contains("void print_tick(long tick)"), main.body());
            var outside = Files.createDirectories(temp.resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), "top secret\n");
            Files.createSymbolicLink(project.file("leak.txt"), outside.resolve("secret.txt"));
            Files.createSymbolicLink(project.file("out"), outside);
            for (var path : List.of("../outside/secret.txt", "../../../../../../etc/passwd", "sub/../../outside/secret.txt",
                    "./../outside/secret.txt", "/etc/passwd", temp.resolve("outside/secret.txt").toString(),
                    "leak.txt", "out/secret.txt", ".hcr/gen/1/manifest.json")) {
                var response = console.get("/api/source?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
                assertEquals(403, response.statusCode(), () -> path + ": " + response.body());
                assertFalse(response.body().contains("top secret") || response.body().contains("root:"), path);
            }
            assertEquals(403, RawHttp.status(console.port(), "GET", "/api/source?path=..%2Foutside%2Fsecret.txt&token="
                    + console.token(), Map.of("Host", console.host()), null), "'..' written encoded");

            stop(hcr, console, host, second);
        }
    }

    private static void refused(ConsoleAddress console, String method, String path, Map<String, String> headers,
                                String body, String how) {
        try {
            assertEquals(403, RawHttp.status(console.port(), method, path, headers, body),
                    () -> method + " " + path + " " + how + " should be refused");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode state(ConsoleAddress console) {
        var response = console.get("/api/state");
        assertEquals(200, response.statusCode(), response::body);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitState(HcrProcess hcr, ConsoleAddress console, String what,
                                   Predicate<JsonNode> program) {
        long deadline = System.nanoTime() + Hcr.PATIENCE.toNanos();
        JsonNode last;
        while (!program.test(last = state(console).get("program"))) {
            if (System.nanoTime() > deadline) {
                fail("waited for " + what + ": " + last + "\n" + hcr.transcript());
            }
            sleep(50);
        }
    }

    /**
     * Ends hcr as a user does, with Ctrl-C to its process group; then nothing of it may be left:
     * neither the hosts, nor anything else in its process group, nor the console's port.
     */
    private static void stop(HcrProcess hcr, ConsoleAddress console, long... hosts) {
        hcr.interruptGroup();
        assertEquals(SIGINT_STATUS, hcr.awaitExit(), hcr::transcript);
        hcr.awaitStreamsEnd();
        for (long host : hosts) {
            assertTrue(ProcessGroup.awaitGone(host), () -> "host " + host + " is left\n" + hcr.transcript());
        }
        assertTrue(ProcessGroup.awaitEmpty(hcr.pid()), () -> "left in the group: " + ProcessGroup.members(hcr.pid()));
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), console.port()).close(),
                "the console is closed");
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** The console page in the class's one browser, read the way the page marks its elements. */
    private static final class Page {
        private static final Duration POLL = Duration.ofMillis(50);

        private final HcrProcess hcr;
        private final WebDriver driver;

        private Page(HcrProcess hcr, WebDriver driver) {
            this.hcr = hcr;
            this.driver = driver;
        }

        /** Opens the address hcr printed; the page connects and takes the token out of the address bar. */
        static Page open(HcrProcess hcr, ConsoleAddress console) {
            if (browser == null) {
                try {
                    browser = Browser.open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            var page = new Page(hcr, browser.driver());
            page.driver.get(console.url());
            page.await("the page live", () -> page.text("#connection").equals("live"));
            assertFalse(page.driver.getCurrentUrl().contains("token"), page.driver.getCurrentUrl());
            assertEquals(console.origin() + "/", page.driver.getCurrentUrl());
            return page;
        }

        void await(String what, BooleanSupplier condition) {
            await(what, Hcr.PATIENCE, condition);
        }

        /** Waits up to {@code limit} for {@code condition}, checked every 50 ms. */
        void await(String what, Duration limit, BooleanSupplier condition) {
            try {
                browser.waiting(limit).pollingEvery(POLL)
                        .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                        .until((Function<WebDriver, Boolean>) d -> condition.getAsBoolean());
            } catch (TimeoutException e) {
                var name = "FAILED-" + what.replaceAll("\\W+", "-");
                fail("waited " + limit.toMillis() + " ms for " + what + " (screenshot " + screenshot(name) + ")\n"
                        + hcr.transcript(), e);
            }
        }

        WebElement element(String css) {
            return driver.findElement(By.cssSelector(css));
        }

        boolean present(String css) {
            return !driver.findElements(By.cssSelector(css)).isEmpty();
        }

        int count(String css) {
            return driver.findElements(By.cssSelector(css)).size();
        }

        String text(String css) {
            return element(css).getText().strip();
        }

        List<String> texts(String css) {
            return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
        }

        String attribute(String css, String name) {
            return element(css).getAttribute(name);
        }

        List<String> attributes(String css, String name) {
            return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(name)).toList();
        }

        String html(String css) {
            return element(css).getAttribute("outerHTML");
        }

        Object script(String javaScript) {
            return ((JavascriptExecutor) driver).executeScript(javaScript);
        }

        void click(String css) {
            element(css).click();
        }

        /** Types {@code value} into the global's field and presses Enter, as a user does; waits for "written". */
        void writeGlobal(String name, String value) {
            var input = element("input.global-value[data-global='" + name + "']");
            input.click();
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.ENTER);
            await(name + " written", () -> text("tr[data-global='" + name + "'] .note").equals("written"));
        }

        Path screenshot(String name) {
            return browser.screenshot("ConsoleIT-" + name);
        }
    }
}

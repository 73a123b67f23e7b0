package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 push clients at once (WebSocket clients speaking the page's protocol), one of them killed
 * mid-stream, and the real page in headless Chromium, while a real program prints 10 000 coloured
 * lines a second through a real host: the console must keep answering, the page must keep up, and
 * the dev server's heap must stay bounded. The figures are printed, not asserted against a clock.
 */
class ConsoleLoadTest {
    private static final int CLIENTS = Integer.getInteger("hcr.load.clients", 20);
    private static final int SECONDS = 5;
    private static final long LINES = SECONDS * 10_000L;

    /** 100 lines every 10 ms for argv[1] seconds, then a last line. */
    private static final String FLOOD = """
            #define _POSIX_C_SOURCE 200809L
            #include <stdio.h>
            #include <stdlib.h>
            #include <time.h>

            int main(int argc, char **argv)
            {
            	long seconds = argc > 1 ? atol(argv[1]) : 3;
            	struct timespec pause = { 0, 10 * 1000000L };
            	long n = 0;

            	for (long tick = 0; tick < seconds * 100; tick++) {
            		for (int i = 0; i < 100; i++) {
            			n++;
            			printf("\\033[3%ldmline %ld\\033[0m of the flood, tick %ld\\n", n % 7 + 1, n, tick);
            		}
            		nanosleep(&pause, NULL);
            	}
            	printf("flood done %ld\\n", n);
            	return 0;
            }
            """;

    @TempDir
    Path dir;

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return heapUsed();
    }

    @Test
    void twentyClientsAndTenThousandLinesASecond() throws Exception {
        try (var project = ConsoleProject.of(dir, "flood", Map.of("main.c", FLOOD)); var browser = Browser.open()) {
            var state = project.state();
            project.published();
            try (var console = ConsoleServer.start(ConsoleOptions.loopback(0), state, new FakeActions())) {
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                var probes = new ArrayList<PushProbe>();
                for (int i = 0; i < CLIENTS; i++) {
                    probes.add(PushProbe.connect(http, console.port(), console.token(), false));
                }
                // and one real page in Chromium, whose responsiveness is measured too
                var page = (org.openqa.selenium.JavascriptExecutor) browser.driver;
                browser.driver.get(console.url());
                browser.waiting(Duration.ofSeconds(60)).until(d -> "live".equals(d.findElement(
                        By.id("connection")).getText()));
                var quitter = probes.get(CLIENTS - 1);
                quitter.abortWhen(frame -> quitter.outputEvents.get() > 5_000);
                for (var probe : probes) {
                    probe.snapshotSeen.get(30, java.util.concurrent.TimeUnit.SECONDS);
                }
                long heapBefore = settledHeap();
                var idleLatencies = new ArrayList<Long>();
                for (int i = 0; i < 5; i++) {
                    long p0 = System.nanoTime();
                    page.executeScript("return Number(document.getElementById('output').dataset.lines)");
                    idleLatencies.add((System.nanoTime() - p0) / 1_000_000);
                    Thread.sleep(50);
                }
                idleLatencies.sort(null);
                var loadBefore = java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();

                var snapshotRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + "/api/state"))
                        .header(RequestGuard.TOKEN_HEADER, console.token()).timeout(Duration.ofSeconds(30)).build();
                long started = System.nanoTime();
                var firstLine = new java.util.concurrent.atomic.AtomicLong();
                var lastLine = new java.util.concurrent.atomic.AtomicLong();
                var host = project.start(event -> {
                    if (event instanceof HostEvent.Output) {
                        firstLine.compareAndSet(0, System.nanoTime());
                        lastLine.set(System.nanoTime());
                    }
                }, SECONDS + "");
                var latencies = new ArrayList<Long>();
                var pageLatencies = new ArrayList<Long>();
                long heapPeak = 0;
                int snapshotBytes = 0;
                while (host.ending().isEmpty() || latencies.size() < 4) {
                    long t0 = System.nanoTime();
                    var response = http.send(snapshotRequest, HttpResponse.BodyHandlers.ofString());
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    assertEquals(200, response.statusCode());
                    snapshotBytes = Math.max(snapshotBytes, response.body().length());
                    heapPeak = Math.max(heapPeak, heapUsed());
                    long p0 = System.nanoTime();
                    page.executeScript("return Number(document.getElementById('output').dataset.lines)");
                    pageLatencies.add((System.nanoTime() - p0) / 1_000_000);
                    Thread.sleep(250);
                }
                host.awaitEnding(Duration.ofSeconds(60));
                var survivors = probes.subList(0, CLIENTS - 1);
                long lastSeq = Eventually.until(Duration.ofSeconds(60), () -> state.snapshot().output(),
                        out -> !out.isEmpty() && out.get(out.size() - 1).text().startsWith("flood done")).get(9_999).seq();
                for (var probe : survivors) {
                    Eventually.until(Duration.ofSeconds(60), probe.lastOutputSeq::get,
                            seq -> seq == lastSeq || probe.closeCode.get() >= 0);
                }
                long delivered = (System.nanoTime() - started) / 1_000_000;
                long programMillis = (lastLine.get() - firstLine.get()) / 1_000_000;
                Eventually.until(Duration.ofSeconds(30), () -> console.push().clients(), n -> n == CLIENTS); // 19 probes and the page
                var pageLast = By.cssSelector("#output .out-line:last-child");
                browser.waiting(Duration.ofSeconds(60)).until(d -> d.findElement(pageLast).getText().startsWith("flood done"));
                var pageLines = page.executeScript("return Number(document.getElementById('output').dataset.lines)");
                var pageDropped = browser.driver.findElement(By.id("output-dropped")).getAttribute("data-dropped");
                browser.screenshot("5-load-flood");
                var loadAfter = java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
                long heapAfter = settledHeap();
                var snapshot = state.snapshot();

                latencies.sort(null);
                var received = survivors.stream().mapToLong(p -> p.outputEvents.get()).summaryStatistics();
                var skipped = survivors.stream().mapToLong(p -> p.skippedLines.get()).summaryStatistics();
                var frames = survivors.stream().mapToLong(p -> p.frames.get()).summaryStatistics();
                System.out.printf("[load] program: %d lines read from its pipe in %d ms, first to last (%.0f lines/s); it ended %s%n", lastSeq,
                        programMillis, lastSeq * 1000.0 / programMillis, host.ending().orElseThrow());
                System.out.printf("[load] %d clients; %d killed mid-stream after %d lines; every other client had every line "
                        + "%d ms after the program started%n", CLIENTS, 1, quitter.outputEvents.get(), delivered);
                System.out.printf("[load] lines per surviving client: min %d max %d (skipped because it fell behind: "
                        + "min %d max %d); frames per client: min %d max %d (%.0f lines a frame)%n", received.getMin(),
                        received.getMax(), skipped.getMin(), skipped.getMax(), frames.getMin(), frames.getMax(),
                        (double) received.getMax() / Math.max(1, frames.getMin()));
                System.out.printf("[load] GET /api/state during the flood: %d requests, median %d ms, max %d ms, "
                        + "largest %d KiB%n", latencies.size(), latencies.get(latencies.size() / 2),
                        latencies.get(latencies.size() - 1), snapshotBytes / 1024);
                pageLatencies.sort(null);
                System.out.printf("[load] the page in Chromium during the flood: script round trip median %d ms, max %d ms "
                        + "(idle before: median %d ms); after: %s lines shown, %s dropped (data-dropped)%n",
                        pageLatencies.get(pageLatencies.size() / 2), pageLatencies.get(pageLatencies.size() - 1),
                        idleLatencies.get(2), pageLines, pageDropped);
                System.out.printf("[load] machine (%d cores, shared): /proc/loadavg %s before, %s after%n",
                        Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
                System.out.printf("[load] heap: %d MiB before, %d MiB peak (garbage included), %d MiB after (GC'd); "
                        + "slow clients cut: %d, lines skipped for slow clients (all): %d; server keeps %d lines, %d dropped%n", heapBefore >> 20, heapPeak >> 20,
                        heapAfter >> 20, console.push().disconnectedSlow(), console.push().skippedLines(), snapshot.output().size(), snapshot.outputDropped());

                assertEquals(LINES + 1, lastSeq, "every line of the program reached the console");
                assertTrue(host.ending().orElseThrow() instanceof HostEvent.Exited, "the flood ran to its end");
                for (var probe : survivors) {
                    assertEquals(-1, probe.closeCode.get(), "no client was cut off");
                    assertEquals(lastSeq, probe.lastOutputSeq.get(), "every client got to the last line");
                    assertEquals(LINES + 1, probe.outputEvents.get() + probe.skippedLines.get(),
                            "every line came once, or was counted as skipped");
                }
                assertEquals(10_000, snapshot.output().size());
                assertEquals(10_000L, pageLines, "the page keeps 10 000 lines");
                assertEquals(String.valueOf(LINES + 1 - 10_000), pageDropped, "and says how many it dropped");
                assertEquals(0, console.push().disconnectedSlow(), "nobody was cut off");
                assertEquals(LINES + 1 - 10_000, snapshot.outputDropped());
                assertTrue(heapAfter - heapBefore < 64L << 20, "the heap stays bounded: " + (heapBefore >> 20) + " -> "
                        + (heapAfter >> 20) + " MiB");
                List.copyOf(survivors).forEach(p -> p.socket.abort());
            }
        }
    }
}

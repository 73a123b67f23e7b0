package hcr.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security over real HTTP: every action and the push channel refused without the
 * token, with a wrong one, from another site's page (Origin) and through another host name (Host,
 * DNS rebinding); source text only from inside the project.
 */
class ConsoleSecurityTest {
    private static final String EVIL_ORIGIN = "http://evil.example";

    @TempDir
    Path dir;
    Path project;
    Path outside;
    FakeActions actions;
    ConsoleServer console;
    int port;
    String own;

    /** Every API request a page can make: method, path, body. */
    private static final List<String[]> REQUESTS = List.of(
            new String[] {"GET", "/api/state", null},
            new String[] {"GET", "/api/source?path=main.c", null},
            new String[] {"GET", "/api/globals", null},
            new String[] {"POST", "/api/globals/sim_value", "{\"value\":\"7\"}"},
            new String[] {"POST", "/api/rebuild", "{}"},
            new String[] {"POST", "/api/restart", "{}"},
            new String[] {"POST", "/api/reload", "{}"},
            new String[] {"POST", "/api/pause", "{\"paused\":true}"},
            new String[] {"POST", "/api/globals/step::calls", "{\"value\":\"7\",\"module\":\"sim\",\"static\":true}"});

    @BeforeEach
    void start() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(project.resolve("main.c"), "int main(void) { return 0; }\n");
        Files.createDirectories(project.resolve("sub"));
        Files.writeString(project.resolve("sub/util.c"), "int util(void) { return 1; }\n");
        Files.createDirectories(project.resolve(".hcr"));
        Files.writeString(project.resolve(".hcr/secret"), "build state\n");
        Files.writeString(outside.resolve("secret.txt"), "not yours\n");
        Files.createSymbolicLink(project.resolve("escape.c"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(project.resolve("out"), outside);
        Files.createSymbolicLink(project.resolve("inner.c"), project.resolve("main.c"));
        actions = new FakeActions();
        console = ConsoleServer.start(ConsoleOptions.loopback(0), new ConsoleState(project, project.resolve(".hcr")), actions);
        port = console.port();
        own = "127.0.0.1:" + port;
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private Map<String, String> headers(String host, String origin, String token) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", host);
        if (origin != null) {
            headers.put("Origin", origin);
        }
        if (token != null) {
            headers.put(RequestGuard.TOKEN_HEADER, token);
        }
        return headers;
    }

    private int request(String[] r, Map<String, String> headers) throws IOException {
        return RawHttp.status(port, r[0], r[1], headers, r[2]);
    }

    @Test
    void theAnnouncementIsOneLineWithA256BitToken() {
        assertTrue(console.announcement().matches("hcr console: http://127\\.0\\.0\\.1:" + port + "/\\?token=[0-9a-f]{64}"),
                console.announcement());
        try (var other = ConsoleServer.start(ConsoleOptions.loopback(0), new ConsoleState(project, project), actions)) {
            assertNotEquals(console.token(), other.token(), "every session has its own token");
            assertNotEquals(port, other.port(), "port 0 picks a free port");
        }
    }

    @Test
    void everyRequestWithTheTokenFromTheOwnOriginIsServed() throws IOException {
        for (var r : REQUESTS) {
            assertEquals(200, request(r, headers(own, "http://" + own, console.token())), r[0] + " " + r[1]);
            assertEquals(200, request(r, headers("localhost:" + port, null, console.token())), "localhost, no Origin: " + r[1]);
        }
        assertEquals(List.of("globals", "globals", "writeGlobal sim_value 7", "writeGlobal sim_value 7", "rebuildAll",
                "rebuildAll", "restartProgram", "restartProgram", "reloadNow", "reloadNow", "setPaused true",
                "setPaused true", "writeStatic sim step::calls 7", "writeStatic sim step::calls 7"), actions.calls());
        var noModule = new String[] {"POST", "/api/globals/step::calls", "{\"value\":\"7\",\"static\":true}"};
        assertEquals(400, request(noModule, headers(own, "http://" + own, console.token())), "a static needs its module");
        var query = RawHttp.status(port, "GET", "/api/state?token=" + console.token(), headers(own, null, null), null);
        assertEquals(200, query, "the token may come as a query parameter");
    }

    @Test
    void withoutTheTokenOrWithAWrongOneEveryRequestIsRefused() throws IOException {
        var wrong = console.token().substring(0, 63) + (console.token().endsWith("0") ? "1" : "0");
        for (var r : REQUESTS) {
            assertEquals(403, request(r, headers(own, null, null)), "no token: " + r[1]);
            assertEquals(403, request(r, headers(own, null, wrong)), "wrong token: " + r[1]);
            assertEquals(403, request(r, headers(own, null, "")), "empty token: " + r[1]);
            assertEquals(403, RawHttp.status(port, r[0], r[1] + (r[1].contains("?") ? "&" : "?") + "token=" + wrong,
                    headers(own, null, null), r[2]), "wrong query token: " + r[1]);
        }
        assertEquals(List.of(), actions.calls(), "no action ran");
    }

    @Test
    void aPageOfAnotherSiteIsRefusedEvenWithTheToken() throws IOException {
        for (var origin : List.of(EVIL_ORIGIN, "null", "http://127.0.0.1:" + (port + 1), "https://" + own, "http://" + own + ".evil.example")) {
            for (var r : REQUESTS) {
                assertEquals(403, request(r, headers(own, origin, console.token())), origin + " " + r[1]);
            }
        }
        assertEquals(List.of(), actions.calls(), "no action ran");
    }

    @Test
    void aForeignHostIsRefusedEvenWithTheToken() throws IOException {
        // DNS rebinding: evil.example resolves to 127.0.0.1, the browser sends its own name as Host
        for (var host : List.of("evil.example:" + port, "evil.example", "127.0.0.1:" + (port + 1), "127.0.0.2:" + port)) {
            for (var r : REQUESTS) {
                assertEquals(403, request(r, headers(host, null, console.token())), "Host '" + host + "' " + r[1]);
            }
            assertEquals(403, RawHttp.status(port, "GET", "/", headers(host, null, null), null), "the page too: " + host);
            assertEquals(403, RawHttp.status(port, "GET", "/console.js", headers(host, null, null), null), "its files too");
        }
        assertEquals(400, request(REQUESTS.get(4), headers("", null, console.token())), "an empty Host: Jetty refuses it");
        assertEquals(List.of(), actions.calls(), "no action ran");
    }

    @Test
    void thePageNeedsNoTokenButTheRightHost() throws IOException {
        assertEquals(200, RawHttp.status(port, "GET", "/", headers(own, null, null), null));
        assertEquals(200, RawHttp.status(port, "GET", "/console.js", headers(own, null, null), null));
    }

    @Test
    void thePushChannelNeedsTheTokenTheOwnOriginAndTheOwnHost() throws IOException {
        var path = "/api/events?token=" + console.token();
        assertEquals(101, RawHttp.webSocketStatus(port, path, RawHttp.webSocketHeaders(own, "http://" + own)));
        assertEquals(403, RawHttp.webSocketStatus(port, "/api/events", RawHttp.webSocketHeaders(own, "http://" + own)), "no token");
        assertEquals(403, RawHttp.webSocketStatus(port, "/api/events?token=" + console.token().replace('a', 'b').replace('0', '1'),
                RawHttp.webSocketHeaders(own, "http://" + own)), "wrong token");
        assertEquals(403, RawHttp.webSocketStatus(port, path, RawHttp.webSocketHeaders(own, EVIL_ORIGIN)), "foreign Origin");
        assertEquals(403, RawHttp.webSocketStatus(port, path, RawHttp.webSocketHeaders("evil.example:" + port, "http://evil.example:" + port)),
                "foreign Host (DNS rebinding)");
    }

    private int source(String path) throws IOException {
        return RawHttp.status(port, "GET", "/api/source?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
                headers(own, null, console.token()), null);
    }

    @Test
    void sourceTextComesOnlyFromInsideTheProject() throws IOException {
        assertEquals(200, source("main.c"));
        assertEquals(200, source("sub/util.c"));
        assertEquals(200, source("inner.c"), "a link that stays inside is fine");
        assertEquals(403, source("../outside/secret.txt"), "..");
        assertEquals(403, source("sub/../../outside/secret.txt"), ".. deeper");
        assertEquals(403, source("sub/../main.c"), ".. at all");
        assertEquals(403, source(outside.resolve("secret.txt").toString()), "absolute path");
        assertEquals(403, source("/etc/passwd"), "absolute path");
        assertEquals(403, source("escape.c"), "a symbolic link to a file outside");
        assertEquals(403, source("out/secret.txt"), "through a symbolic link to a folder outside");
        assertEquals(403, source(".hcr/secret"), "hidden folders");
        assertEquals(404, source("missing.c"));
        assertEquals(404, source("sub"), "a folder");
        assertEquals(400, source(""), "no path");
        var raw = RawHttp.status(port, "GET", "/api/source?path=..%2F..%2Fetc%2Fpasswd", headers(own, null, console.token()), null);
        assertEquals(403, raw, "encoded ..");
    }

    @Test
    void sourceFilesRefuseWhatLeavesTheProject() throws Exception {
        var files = new SourceFiles(project);
        assertEquals("int main(void) { return 0; }\n", files.read("main.c"));
        for (var path : List.of("../outside/secret.txt", "/etc/passwd", "escape.c", "out/secret.txt", "~/x", "a\\..\\b")) {
            var refused = assertThrows(SourceFiles.Refused.class, () -> files.read(path), path);
            assertTrue(refused.status() == 403 || refused.status() == 400, path + ": " + refused.status());
        }
    }

    @Test
    void aTakenPortIsReportedClearly() {
        var failure = assertThrows(ConsoleException.class,
                () -> ConsoleServer.start(ConsoleOptions.loopback(port), new ConsoleState(project, project), actions));
        assertTrue(failure.getMessage().startsWith("cannot start the console on 127.0.0.1:" + port + ": "), failure.getMessage());
    }

    @Test
    void aWidenedHostIsAcceptedWithAWarning() {
        var options = new ConsoleOptions("0.0.0.0", 7878);
        assertTrue(options.warning().orElseThrow().contains("not only on this machine"));
        assertTrue(ConsoleOptions.loopback(7878).warning().isEmpty());
        var hosts = ConsoleServer.acceptedHosts(options, 7878);
        assertTrue(hosts.containsAll(List.of("127.0.0.1:7878", "localhost:7878")), hosts.toString());
        assertTrue(ConsoleServer.acceptedHosts(new ConsoleOptions("192.168.7.7", 9000), 9000).contains("192.168.7.7:9000"));
        assertEquals(java.util.Set.of("127.0.0.1:7878", "localhost:7878"), ConsoleServer.acceptedHosts(ConsoleOptions.loopback(7878), 7878));
    }
}

package hcr.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The browser console of a running {@code hcr dev}, as the one line
 * {@code hcr console: http://127.0.0.1:<port>/?token=<token>} on its stderr gives it, and the
 * API called as the page calls it (the token in {@code X-Hcr-Token}, java.net.http setting Host).
 */
record ConsoleAddress(String url, int port, String token) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The {@code Host} the console answers to. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** The {@code Origin} of the console's own page. */
    String origin() {
        return "http://" + host();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(origin() + path)).GET());
    }

    /** POSTs {@code json} (null: no body) with the token. */
    HttpResponse<String> post(String path, String json) {
        var body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(URI.create(origin() + path)).header("Content-Type", "application/json")
                .POST(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("X-Hcr-Token", token).timeout(Hcr.PATIENCE).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return fail("the console at " + origin() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}

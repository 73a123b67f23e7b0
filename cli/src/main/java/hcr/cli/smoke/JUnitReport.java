package hcr.cli.smoke;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The results as JUnit XML, the format CI systems (Jenkins, GitLab, GitHub actions that publish
 * test reports) read: one {@code <testsuite>}, one {@code <testcase>} per scenario, a
 * {@code <failure>} for a step that did not hold, an {@code <error>} for a scenario that could
 * not run, and the scenario's step lines as its {@code <system-out>}.
 */
final class JUnitReport {

    private JUnitReport() {
    }

    static void write(Path file, List<ScenarioResult> results, Instant started) throws IOException {
        long failures = results.stream().filter(r -> !r.passed() && !r.error()).count();
        long errors = results.stream().filter(ScenarioResult::error).count();
        var total = results.stream().map(ScenarioResult::time).reduce(Duration.ZERO, Duration::plus);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"hcr smoke\" tests=\"").append(results.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"0\" time=\"").append(seconds(total))
                .append("\" timestamp=\"").append(started.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""))
                .append("\" hostname=\"").append(escape(hostname())).append("\">\n");
        for (var result : results) {
            xml.append("  <testcase classname=\"hcr.smoke\" name=\"").append(escape(result.name()))
                    .append("\" file=\"").append(escape(result.file().toString()))
                    .append("\" time=\"").append(seconds(result.time())).append("\">\n");
            if (result.failure().isPresent()) {
                var text = result.failure().get();
                var tag = result.error() ? "error" : "failure";
                xml.append("    <").append(tag).append(" message=\"").append(escape(text.lines().findFirst().orElse("")))
                        .append("\" type=\"").append(result.error() ? "ScenarioError" : "StepFailure").append("\">")
                        .append(escape(text)).append("</").append(tag).append(">\n");
            }
            xml.append("    <system-out>").append(escape(String.join("\n", result.log()))).append("</system-out>\n");
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        var parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }

    /** Text for XML content and attributes; characters XML 1.0 cannot hold become U+FFFD. */
    static String escape(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

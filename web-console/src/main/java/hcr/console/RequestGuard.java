package hcr.console;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every request passes before anything else:
 * <ul>
 *   <li>{@code Host} must name the address the console is bound to ({@code 127.0.0.1:<port>},
 *       {@code localhost:<port>}, or the widened host). A page of another site that rebinds its
 *       DNS name to 127.0.0.1 sends its own name as Host and is refused (DNS rebinding).</li>
 *   <li>{@code Origin}, when the browser sends one, must be the console's own. Browsers send it
 *       with every cross-site request and every WebSocket handshake, so another site's page can
 *       neither act nor listen (cross-site requests, cross-site WebSocket hijacking).</li>
 *   <li>The API and the push channel need the session token, in the {@code X-Hcr-Token} header
 *       or the {@code token} query parameter; the page's static files do not (they hold no data).</li>
 * </ul>
 */
final class RequestGuard {
    static final String TOKEN_HEADER = "X-Hcr-Token";

    private final SessionToken token;
    private final Set<String> hosts;

    /** @param hosts the accepted {@code Host} values, {@code name:port}, lower case */
    RequestGuard(SessionToken token, Set<String> hosts) {
        this.token = token;
        this.hosts = Set.copyOf(hosts);
    }

    /** Why a request with these headers is refused, or empty if it may go on. */
    Optional<String> refusal(String host, String origin, boolean needsToken, String headerToken, String queryToken) {
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.of("Host '" + host + "' is not this console's address");
        }
        if (origin != null && !isOwnOrigin(origin)) {
            return Optional.of("Origin '" + origin + "' is not this console");
        }
        if (needsToken && !token.matches(headerToken) && !token.matches(queryToken)) {
            return Optional.of("missing or wrong session token");
        }
        return Optional.empty();
    }

    private boolean isOwnOrigin(String origin) {
        var lower = origin.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") && hosts.contains(lower.substring("http://".length()));
    }

    Set<String> hosts() {
        return hosts;
    }
}

package hcr.console;

import java.util.Optional;
import java.util.Set;

/**
 * Where the console listens.
 *
 * @param host the address to bind: {@code 127.0.0.1} by default; anything else widens who can
 *             reach the console (then {@link #warning()} says so)
 * @param port the port, {@value #DEFAULT_PORT} by default; 0 picks a free one
 */
public record ConsoleOptions(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 7878;

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "*");

    public ConsoleOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host given for the console");
        }
        host = host.strip();
        if (host.equals("*")) {
            host = "0.0.0.0";
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console port " + port + " is not between 0 and 65535");
        }
    }

    /** {@code 127.0.0.1} at {@code port}. */
    public static ConsoleOptions loopback(int port) {
        return new ConsoleOptions(LOOPBACK, port);
    }

    /** Whether the bind address lets other machines reach the console. */
    public boolean widened() {
        return !LOOPBACK_NAMES.contains(host);
    }

    /** Whether the bind address is every interface. */
    boolean wildcard() {
        return WILDCARDS.contains(host);
    }

    /** The host as it appears in a URL: IPv6 literals in brackets. */
    String urlHost() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** What the user should know when the console is reachable from elsewhere. */
    public Optional<String> warning() {
        if (!widened()) {
            return Optional.empty();
        }
        return Optional.of("the console listens on " + urlHost() + ", not only on this machine: anyone who can reach "
                + "it and learns the token can rebuild, restart and write into the program; the traffic is not encrypted");
    }
}

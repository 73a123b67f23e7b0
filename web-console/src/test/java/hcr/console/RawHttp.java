package hcr.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 requests written by hand over a socket, so a test can send any Host and Origin (the
 * JDK's client refuses to set Host) and a WebSocket handshake a browser of another site would send.
 * Public, in web-console's test jar, for the cli's end-to-end {@code ConsoleIT}.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The status code of {@code method path} sent with exactly {@code headers} (Host included when given). */
    public static int status(int port, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            var request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            var out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return statusOf(socket.getInputStream());
        }
    }

    /** Headers for a WebSocket handshake to {@code host}, from a page of {@code origin} (null: none). */
    public static Map<String, String> webSocketHeaders(String host, String origin) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Host", host);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return headers;
    }

    /** The status of a WebSocket handshake (101 when accepted); the socket is closed right after. */
    public static int webSocketStatus(int port, String path, Map<String, String> headers) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            var request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return statusOf(socket.getInputStream());
        }
    }

    private static int statusOf(InputStream in) throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        var parts = line.toString().split(" ");
        if (parts.length < 2) {
            throw new IOException("no HTTP status line: '" + line + "'");
        }
        return Integer.parseInt(parts[1]);
    }
}

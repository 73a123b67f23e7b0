package hcr.loader;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * JSON lines over a connected Unix domain socket, both ends of the control protocol.
 *
 * <p>One thread reads while others write: the channel's own read and write are used directly
 * (stream adapters over a socket channel serialise the two and would let a blocked read hold up
 * every event).
 */
final class ControlChannel implements Closeable {

    /** A guard against a runaway peer; the globals answer is the longest line (see HostGlobals). */
    private static final int MAX_LINE = 16 << 20;

    private final SocketChannel channel;
    private final ByteBuffer input = ByteBuffer.allocate(8192).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ControlChannel(SocketChannel channel) {
        this.channel = channel;
    }

    static ControlChannel connect(Path socket) throws IOException {
        var channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to control socket " + socket + ": " + e.getMessage(), e);
        }
        return new ControlChannel(channel);
    }

    /** Writes {@code json} and a newline; whole lines never interleave. */
    void send(String json) throws IOException {
        var bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        var buffer = ByteBuffer.wrap(bytes);
        synchronized (this) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /** The next line without its newline, or null once the other end has closed. Single reader only. */
    String readLine() throws IOException {
        while (true) {
            while (input.hasRemaining()) {
                byte b = input.get();
                if (b == '\n') {
                    var text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    return text;
                }
                if (line.size() >= MAX_LINE) {
                    throw new IOException("control line longer than " + MAX_LINE + " bytes");
                }
                line.write(b);
            }
            input.clear();
            int n;
            try {
                n = channel.read(input);
            } finally {
                input.flip();
            }
            if (n < 0) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

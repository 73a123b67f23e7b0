package hcr.console;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One browser on the push channel. Events are queued by whoever produces them — never waiting —
 * and sent by this client's own thread, many to a frame ({@code [event, event, ...]}, gathered for
 * {@value #LINGER_MILLIS} ms), one frame in flight at a time.
 *
 * <p>A browser that reads slower than the program prints first loses output lines: once its
 * queue is nearly full, output events are skipped and counted, and when it catches up it gets
 * one {@code skipped} event ({@code {"lines": N}}) that the page shows in place of them. The
 * last sixteenth of the queue is kept for state events (modules, history, errors), which are
 * never skipped; a client that fills those too, or whose frame is not taken within
 * {@link #SEND_TIMEOUT_SECONDS}, is disconnected with a close code that tells the page to
 * reconnect for a fresh snapshot. So a slow or dead browser costs a bounded queue and a thread,
 * and never holds up the dev session.
 */
final class PushClient implements Consumer<String>, Runnable {
    /** Seconds a frame may take to be written before the client counts as dead. */
    static final long SEND_TIMEOUT_SECONDS = 10;
    /** Close code: the client fell behind; reconnect for a fresh snapshot (1013, try again later). */
    static final int CLOSE_TOO_SLOW = 1013;
    /** Close code: the console is shutting down (1001, going away). */
    static final int CLOSE_GOING_AWAY = 1001;
    /**
     * After the first event of a frame arrives, how long the client waits for more before sending:
     * at most ~60 frames a second per browser however fast events come, instead of one thread
     * wake-up and one frame per output line.
     */
    static final long LINGER_MILLIS = 15;
    /** At most this many characters of events go into one frame. */
    static final int FRAME_CHARS = 256 * 1024;

    /** The share of the queue only state events may take (1/16): output is skipped before it reaches them. */
    static final int RESERVE_SHARE = 16;

    private static final String END = new String("end");
    private static final String OUTPUT = "{\"type\":\"output\",";

    /** Where the frames go: a WebSocket session in the server, a fake in tests. */
    interface Socket {
        /** Starts sending {@code text}; completes when it is written. */
        CompletableFuture<Void> send(String text);

        void close(int code, String reason);
    }

    private final Socket socket;
    private final BlockingQueue<String> queue;
    private final Consumer<PushClient> gone;
    private final long sendTimeoutMillis;
    private final int reserve;
    private volatile Snapshot first;
    private volatile boolean closed;
    private volatile String closeReason;
    private volatile int closeCode;
    private volatile long framesSent;
    private volatile long eventsSent;
    private volatile long skippedTotal;
    /** Output lines skipped and not yet reported; touched only by {@link #accept}, whose callers take turns. */
    private long skipped;

    /**
     * @param capacity events queued at most
     * @param gone     called once, from the client's thread, when the client is finished, whoever ended it
     */
    PushClient(Socket socket, int capacity, Consumer<PushClient> gone) {
        this(socket, capacity, SEND_TIMEOUT_SECONDS * 1000, gone);
    }

    /** @param sendTimeoutMillis how long a frame may take to be written before the client counts as dead */
    PushClient(Socket socket, int capacity, long sendTimeoutMillis, Consumer<PushClient> gone) {
        this.socket = socket;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reserve = Math.max(1, capacity / RESERVE_SHARE);
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.gone = gone;
    }

    /**
     * Starts the client's thread, which sends {@code snapshot} first, then the events queued since it
     * was taken. Subscribe the client and take the snapshot in one step ({@link ConsoleState#subscribe}).
     */
    void begin(Snapshot snapshot, String threadName) {
        first = snapshot;
        var thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues one event (JSON text); never blocks. Called by one thread at a time ({@link ConsoleState}
     * calls its subscribers under its lock).
     */
    @Override
    public void accept(String event) {
        if (closed) {
            return;
        }
        if (event.startsWith(OUTPUT)) {
            if (queue.remainingCapacity() <= reserve) {
                skipped++;
                skippedTotal++;
                return;
            }
            if (skipped > 0) {
                queue.offer(Json.event("skipped", Map.of("lines", skipped)));
                skipped = 0;
            }
        }
        if (!queue.offer(event)) {
            end(CLOSE_TOO_SLOW, "too slow: " + queue.size() + " events queued; reconnect for a fresh snapshot");
        }
    }

    /** Ends the client: its thread closes the socket with {@code code} after the frame in flight. */
    void end(int code, String reason) {
        if (closed) {
            return;
        }
        closeCode = code;
        closeReason = reason;
        closed = true;
        queue.clear();
        queue.offer(END);
    }

    /** The socket closed from the other side: stop at once, nothing more to send. */
    void disconnected() {
        closed = true;
        queue.clear();
        queue.offer(END);
    }

    @Override
    public void run() {
        try {
            if (send("[" + Json.event("snapshot", first) + "]")) {
                var batch = new ArrayList<String>();
                while (true) {
                    var event = queue.take();
                    if (event == END) {
                        break;
                    }
                    batch.add(event);
                    Thread.sleep(LINGER_MILLIS);
                    queue.drainTo(batch, 10_000);
                    if (!sendBatch(batch)) {
                        break;
                    }
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            if (closeReason != null) {
                socket.close(closeCode, closeReason);
            }
            queue.clear();
            gone.accept(this);
        }
    }

    /** Sends the batch in frames of at most {@link #FRAME_CHARS}; false when the client is finished. */
    private boolean sendBatch(ArrayList<String> batch) {
        var frame = new StringBuilder("[");
        for (var event : batch) {
            if (event == END) {
                return false;
            }
            if (frame.length() > 1 && frame.length() + event.length() > FRAME_CHARS) {
                if (!send(frame.append(']').toString())) {
                    return false;
                }
                frame.setLength(0);
                frame.append('[');
            }
            if (frame.length() > 1) {
                frame.append(',');
            }
            frame.append(event);
            eventsSent++;
        }
        return frame.length() == 1 || send(frame.append(']').toString());
    }

    private boolean send(String frame) {
        if (closed) {
            return false;
        }
        try {
            socket.send(frame).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
            framesSent++;
            return !closed;
        } catch (TimeoutException e) {
            end(CLOSE_TOO_SLOW, "a frame was not taken in " + sendTimeoutMillis + " ms");
            return false;
        } catch (ExecutionException e) {
            disconnected();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnected();
            return false;
        }
    }

    /** Output lines this client skipped because it fell behind. */
    long skippedLines() {
        return skippedTotal;
    }

    /** Whether the client was ended because it fell behind. */
    boolean endedTooSlow() {
        return closeCode == CLOSE_TOO_SLOW;
    }

    boolean isClosed() {
        return closed;
    }

    long framesSent() {
        return framesSent;
    }

    long eventsSent() {
        return eventsSent;
    }
}

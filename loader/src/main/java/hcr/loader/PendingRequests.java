package hcr.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Requests sent to a host that await their answers, matched by the {@code id} each request
 * carries and its answer echoes: answers share the socket with reload results and runtime
 * events, and a console may ask again before the first answer came.
 */
final class PendingRequests {

    private final AtomicLong lastId = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> open = new ConcurrentHashMap<>();

    /** Registers {@code answer} under a new id, which the request must carry. */
    long open(CompletableFuture<JsonNode> answer) {
        long id = lastId.incrementAndGet();
        open.put(id, answer);
        return id;
    }

    /** Forgets a request that could not be sent. */
    void cancel(long id) {
        open.remove(id);
    }

    /** Completes the request {@code message} answers; false when it answers none of them. */
    boolean answer(JsonNode message) {
        var id = message.get("id");
        if (id == null || !id.canConvertToLong()) {
            return false;
        }
        var future = open.remove(id.asLong());
        if (future == null) {
            return false;
        }
        future.complete(message);
        return true;
    }

    /** Fails every open request: the host has ended. */
    void failAll(Supplier<? extends RuntimeException> why) {
        for (var id : open.keySet()) {
            var future = open.remove(id);
            if (future != null) {
                future.completeExceptionally(why.get());
            }
        }
    }
}

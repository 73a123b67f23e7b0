package hcr.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The console's HTTP API. Every handler here runs after {@link RequestGuard} let the request in.
 *
 * <pre>
 * GET  /api/state              the whole {@link Snapshot}
 * GET  /api/source?path=P      the text of P, relative to the project ({@link SourceFiles})
 * GET  /api/globals            the program's globals ({@link GlobalView}s)
 * POST /api/globals/{name}     {"value":"42"}: writes a global, answers {"name":..,"value":..};
 *                              {"value":"42","module":"m","static":true}: a static of module m
 * POST /api/rebuild            rebuild all
 * POST /api/restart            restart the program
 * POST /api/reload             reload now
 * POST /api/pause              {"paused":true|false}
 * </pre>
 *
 * Actions run on one thread of their own, in the order they came; an action's failure is
 * answered {@code 409 {"error": message}}.
 */
final class ApiRoutes {
    /** How long an action may take before the browser is told it failed. */
    static final long ACTION_TIMEOUT_SECONDS = 30;

    private final ConsoleState state;
    private final ConsoleActions actions;
    private final SourceFiles sources;
    private final ExecutorService actionThread;

    ApiRoutes(ConsoleState state, ConsoleActions actions, SourceFiles sources, ExecutorService actionThread) {
        this.state = state;
        this.actions = actions;
        this.sources = sources;
        this.actionThread = actionThread;
    }

    void state(Context ctx) {
        json(ctx, 200, state.snapshot());
    }

    void source(Context ctx) {
        try {
            ctx.contentType("text/plain; charset=utf-8").result(sources.read(ctx.queryParam("path")));
        } catch (SourceFiles.Refused refused) {
            json(ctx, refused.status(), Map.of("error", refused.getMessage()));
        }
    }

    void globals(Context ctx) {
        answer(ctx, () -> actions.globals());
    }

    void writeGlobal(Context ctx) {
        var name = ctx.pathParam("name");
        var value = field(ctx, "value");
        if (value == null || !value.isTextual() && !value.isNumber()) {
            json(ctx, 400, Map.of("error", "give the new value as {\"value\": \"42\"}"));
            return;
        }
        var isStatic = field(ctx, "static");
        if (isStatic != null && isStatic.asBoolean()) {
            var module = field(ctx, "module");
            if (module == null || !module.isTextual() || module.asText().isEmpty()) {
                json(ctx, 400, Map.of("error", "a static is written with its module: {\"value\": \"42\", \"module\":"
                        + " \"sim\", \"static\": true}"));
                return;
            }
            answer(ctx, () -> actions.writeStatic(module.asText(), name, value.asText())
                    .thenApply(written -> Map.of("name", name, "value", written)));
            return;
        }
        answer(ctx, () -> actions.writeGlobal(name, value.asText())
                .thenApply(written -> Map.of("name", name, "value", written)));
    }

    void rebuild(Context ctx) {
        run(ctx, actions::rebuildAll);
    }

    void restart(Context ctx) {
        run(ctx, actions::restartProgram);
    }

    void reload(Context ctx) {
        run(ctx, actions::reloadNow);
    }

    void pause(Context ctx) {
        var paused = field(ctx, "paused");
        if (paused == null || !paused.isBoolean()) {
            json(ctx, 400, Map.of("error", "give {\"paused\": true} or {\"paused\": false}"));
            return;
        }
        answer(ctx, () -> {
            actions.setPaused(paused.asBoolean());
            state.reloadsPaused(paused.asBoolean());
            return CompletableFuture.completedFuture(Map.of("paused", paused.asBoolean()));
        });
    }

    private void run(Context ctx, Runnable action) {
        answer(ctx, () -> {
            action.run();
            return CompletableFuture.completedFuture(Map.of("ok", true));
        });
    }

    /** Runs {@code call} on the action thread and answers with its result as JSON, or its failure. */
    private void answer(Context ctx, Supplier<CompletableFuture<?>> call) {
        ctx.future(() -> CompletableFuture.supplyAsync(call, actionThread)
                .thenCompose(future -> future)
                .orTimeout(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handle((result, failure) -> {
                    if (failure == null) {
                        json(ctx, 200, result);
                    } else {
                        json(ctx, 409, Map.of("error", message(failure)));
                    }
                    return null;
                }));
    }

    private static String message(Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + ACTION_TIMEOUT_SECONDS + " s";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private static JsonNode field(Context ctx, String name) {
        try {
            var body = Json.MAPPER.readTree(ctx.body());
            return body == null ? null : body.get(name);
        } catch (IOException e) {
            return null;
        }
    }

    private static void json(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(Json.write(value));
    }
}

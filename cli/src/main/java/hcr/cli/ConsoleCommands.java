package hcr.cli;

import hcr.compiler.debug.GlobalTypes;
import hcr.compiler.debug.GlobalValue;
import hcr.console.ConsoleActions;
import hcr.console.GlobalView;
import hcr.loader.GlobalBytes;
import hcr.loader.GlobalsSnapshot;
import hcr.loader.HostException;
import hcr.loader.ProgramHost;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The browser console's buttons, done by the {@link DevLoop}: rebuild, restart, pause, reload,
 * and the running program's globals read and written through its host, typed by the modules'
 * debug info.
 */
final class ConsoleCommands implements ConsoleActions, AutoCloseable {

    private final DevLoop loop;
    private final GlobalTypes types = new GlobalTypes();
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "hcr-restart");
        thread.setDaemon(true);
        return thread;
    });

    ConsoleCommands(DevLoop loop) {
        this.loop = loop;
    }

    @Override
    public void rebuildAll() {
        loop.rebuildAll();
    }

    /** A restart waits for the old program to stop (seconds, at worst): not on the server's thread. */
    @Override
    public void restartProgram() {
        restarts.execute(loop::restart);
    }

    @Override
    public void setPaused(boolean paused) {
        loop.setPaused(paused);
    }

    @Override
    public void reloadNow() {
        loop.reloadNow();
    }

    @Override
    public CompletableFuture<List<GlobalView>> globals() {
        return host().thenCompose(ProgramHost::readGlobals)
                .thenApply(snapshot -> snapshot.globals().stream().map(global -> view(snapshot, global)).toList());
    }

    @Override
    public CompletableFuture<String> writeGlobal(String name, String text) {
        return host().thenCompose(host -> host.readGlobals().thenCompose(snapshot -> {
            var global = snapshot.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "the program has no global '" + name + "' (generation " + snapshot.generation() + ")"));
            if (!global.writable()) {
                throw new IllegalArgumentException("global '" + name + "' of module '" + global.module()
                        + "' cannot be written" + (global.error().isEmpty() ? " (read-only memory)" : ": " + global.error()));
            }
            var bytes = value(snapshot, global).parse(text);
            return host.writeGlobal(global.module(), name, bytes)
                    .thenApply(written -> value(snapshot, written).display());
        }));
    }

    private CompletableFuture<ProgramHost> host() {
        return loop.host().map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new HostException("no program is running")));
    }

    private GlobalValue value(GlobalsSnapshot snapshot, GlobalBytes global) {
        var type = types.of(snapshot.library(global), global.name(), global.size());
        return new GlobalValue(global.name(), type, global.bytes(), global.truncated());
    }

    private GlobalView view(GlobalsSnapshot snapshot, GlobalBytes global) {
        if (!global.readable()) {
            return new GlobalView(global.module(), global.name(), "?", global.size(), "(" + global.error() + ")", false);
        }
        var value = value(snapshot, global);
        return new GlobalView(global.module(), global.name(), value.type().text(), global.size(), value.display(),
                global.writable() && value.editable());
    }

    @Override
    public void close() {
        restarts.shutdownNow();
    }
}

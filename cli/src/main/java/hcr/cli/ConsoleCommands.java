package hcr.cli;

import hcr.compiler.debug.GlobalTypes;
import hcr.compiler.debug.GlobalValue;
import hcr.compiler.debug.StaticType;
import hcr.console.ConsoleActions;
import hcr.console.GlobalView;
import hcr.loader.GlobalBytes;
import hcr.loader.GlobalsSnapshot;
import hcr.loader.HostException;
import hcr.loader.ProgramHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The browser console's buttons, done by the {@link DevLoop}: rebuild, restart, pause, reload,
 * and the running program's globals and statics read and written through its host, typed (and a
 * static named: {@code vars_step::calls}) by the modules' debug info.
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
        return host().thenCompose(ProgramHost::readGlobals).thenApply(snapshot -> {
            var views = new ArrayList<GlobalView>();
            snapshot.globals().forEach(global -> views.add(view(snapshot, global)));
            snapshot.statics().forEach(s -> views.add(staticView(snapshot, s)));
            return List.copyOf(views);
        });
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

    /** {@code name} as the page shows it: {@code total}, {@code vars_step::calls}. */
    @Override
    public CompletableFuture<String> writeStatic(String module, String name, String text) {
        return host().thenCompose(host -> host.readGlobals().thenCompose(snapshot -> {
            var found = snapshot.statics().stream().filter(s -> s.module().equals(module))
                    .filter(s -> staticType(snapshot, s).qualifiedName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the program has no static '" + name + "' in module '"
                            + module + "' (generation " + snapshot.generation() + ")"));
            if (!found.writable()) {
                throw new IllegalArgumentException("static '" + name + "' of module '" + module + "' cannot be written"
                        + (found.error().isEmpty() ? " (read-only memory)" : ": " + found.error()));
            }
            var bytes = staticValue(snapshot, found).parse(text);
            return host.writeStatic(module, found.name(), bytes)
                    .thenApply(written -> staticValue(snapshot, written).display());
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

    private StaticType staticType(GlobalsSnapshot snapshot, GlobalBytes s) {
        return types.ofStatic(snapshot.library(s), s.name(), s.offset(), s.size());
    }

    private GlobalValue staticValue(GlobalsSnapshot snapshot, GlobalBytes s) {
        var type = staticType(snapshot, s);
        return new GlobalValue(type.qualifiedName(), type.type(), s.bytes(), s.truncated());
    }

    private GlobalView staticView(GlobalsSnapshot snapshot, GlobalBytes s) {
        var type = staticType(snapshot, s);
        if (!s.readable()) {
            return new GlobalView(s.module(), type.qualifiedName(), "?", s.size(), "(" + s.error() + ")", false,
                    GlobalView.STATIC);
        }
        var value = new GlobalValue(type.qualifiedName(), type.type(), s.bytes(), s.truncated());
        return new GlobalView(s.module(), type.qualifiedName(), type.type().text(), s.size(), value.display(),
                s.writable() && value.editable(), GlobalView.STATIC);
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

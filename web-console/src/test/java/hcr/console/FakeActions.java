package hcr.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Records every action; holds a few globals and a static whose values can be written. */
final class FakeActions implements ConsoleActions {
    final List<String> calls = new ArrayList<>();
    private final Map<String, GlobalView> globals = new LinkedHashMap<>();

    FakeActions() {
        put(new GlobalView("sim", "sim_value", "i64", 8, "42", true));
        put(new GlobalView("stats", "ratio", "f64", 8, "0.5", true));
        put(new GlobalView("main", "ops", "bytes", 16, "a0 11 40 00 00 00 00 00 b0 11 40 00 00 00 00 00", false));
        put(new GlobalView("sim", "step::calls", "i32", 4, "7", true, GlobalView.STATIC));
    }

    private void put(GlobalView view) {
        globals.put(key(view.kind(), view.module(), view.name()), view);
    }

    private static String key(String kind, String module, String name) {
        return kind.equals(GlobalView.STATIC) ? "static " + module + " " + name : name;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void rebuildAll() {
        calls.add("rebuildAll");
    }

    @Override
    public synchronized void restartProgram() {
        calls.add("restartProgram");
    }

    @Override
    public synchronized void setPaused(boolean paused) {
        calls.add("setPaused " + paused);
    }

    @Override
    public synchronized void reloadNow() {
        calls.add("reloadNow");
    }

    @Override
    public synchronized CompletableFuture<List<GlobalView>> globals() {
        calls.add("globals");
        return CompletableFuture.completedFuture(List.copyOf(globals.values()));
    }

    @Override
    public synchronized CompletableFuture<String> writeGlobal(String name, String text) {
        calls.add("writeGlobal " + name + " " + text);
        return write(globals.get(name), name, text);
    }

    @Override
    public synchronized CompletableFuture<String> writeStatic(String module, String name, String text) {
        calls.add("writeStatic " + module + " " + name + " " + text);
        return write(globals.get(key(GlobalView.STATIC, module, name)), name, text);
    }

    private CompletableFuture<String> write(GlobalView global, String name, String text) {
        if (global == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no global '" + name + "'"));
        }
        if (!global.editable()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("'" + name + "' is not a scalar"));
        }
        var value = text.strip();
        try {
            if (global.type().startsWith("f")) {
                value = Double.toString(Double.parseDouble(value));
            } else {
                value = Long.toString(Long.decode(value));
            }
        } catch (NumberFormatException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("'" + text + "' is not a " + global.type()));
        }
        put(new GlobalView(global.module(), name, global.type(), global.size(), value, true, global.kind()));
        return CompletableFuture.completedFuture(value);
    }
}

package hcr.compiler;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a build showed. */
class RecordingListener implements BuildListener {
    final List<String> progress = new ArrayList<>();
    final StringBuilder output = new StringBuilder();
    /** {@code compiling sim}, {@code compiled sim ok} / {@code compiled sim failed}, in call order. */
    final List<String> modules = new ArrayList<>();
    /** The micros of every moduleCompiled call. */
    final List<Long> compileMicros = new ArrayList<>();

    @Override
    public synchronized void progress(String line) {
        progress.add(line);
    }

    @Override
    public synchronized void toolOutput(String text) {
        output.append(text);
    }

    @Override
    public synchronized void moduleCompiling(String id) {
        modules.add("compiling " + id);
    }

    @Override
    public synchronized void moduleCompiled(String id, long micros, boolean ok) {
        modules.add("compiled " + id + (ok ? " ok" : " failed"));
        compileMicros.add(micros);
    }

    synchronized void clear() {
        modules.clear();
        compileMicros.clear();
        progress.clear();
        output.setLength(0);
    }
}

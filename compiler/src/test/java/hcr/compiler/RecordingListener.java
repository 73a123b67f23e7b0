package hcr.compiler;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a build showed. */
class RecordingListener implements BuildListener {
    final List<String> progress = new ArrayList<>();
    final StringBuilder output = new StringBuilder();

    @Override
    public synchronized void progress(String line) {
        progress.add(line);
    }

    @Override
    public synchronized void toolOutput(String text) {
        output.append(text);
    }

    synchronized void clear() {
        progress.clear();
        output.setLength(0);
    }
}

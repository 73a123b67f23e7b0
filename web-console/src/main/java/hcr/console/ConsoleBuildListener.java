package hcr.console;

import hcr.compiler.BuildListener;

/** Gives the terminal's listener everything, and the console what it shows of a build. */
final class ConsoleBuildListener implements BuildListener {
    private final ConsoleState state;
    private final BuildListener terminal;

    ConsoleBuildListener(ConsoleState state, BuildListener terminal) {
        this.state = state;
        this.terminal = terminal;
    }

    @Override
    public void progress(String line) {
        terminal.progress(line);
        state.progress(line);
    }

    @Override
    public void toolOutput(String text) {
        terminal.toolOutput(text);
        state.toolOutput(text);
    }

    @Override
    public void moduleCompiling(String id) {
        terminal.moduleCompiling(id);
        state.moduleCompiling(id);
    }

    @Override
    public void moduleCompiled(String id, long micros, boolean ok) {
        terminal.moduleCompiled(id, micros, ok);
        state.moduleCompiled(id, micros, ok);
    }

    @Override
    public boolean colour() {
        return terminal.colour();
    }
}

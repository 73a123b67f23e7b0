package hcr.cli.smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin a scenario's program loads at run time (header {@code plugin FILE.c...}), built as
 * plugins are: on its own, {@code cc -shared -fPIC}, outside the project, so hcr never sees it.
 */
final class PluginBuild {
    private PluginBuild() {
    }

    /** Builds {@code sources} into {@code dir/plugin.so} with {@code cc}; the output of a failure in the message. */
    static Path build(List<String> cc, List<Path> sources, Path dir) throws IOException, InterruptedException {
        var plugin = dir.resolve("plugin.so");
        var command = new ArrayList<>(cc);
        command.addAll(List.of("-shared", "-fPIC", "-o", plugin.toString()));
        sources.forEach(source -> command.add(source.toString()));
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("building the plugin failed: " + String.join(" ", command) + "\n" + output.strip());
        }
        return plugin;
    }
}

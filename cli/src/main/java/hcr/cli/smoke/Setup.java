package hcr.cli.smoke;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A scenario's header: what it runs and how.
 *
 * @param project  the project folder (copied before the run; the original is never touched)
 * @param edits    the folder of edit variants ({@code apply NAME} copies {@code edits/NAME})
 * @param args     the program's arguments; {@code {plugin}} stands for the plugin's path
 * @param timeout  how long an expectation waits unless it says {@code within}
 * @param sanitize whether modules are built and run under AddressSanitizer
 * @param plugin   the sources of a plugin the program loads at run time, built on their own
 *                 outside the project copy; empty for none
 * @param restartOnLayoutChange the program is restarted when a struct or union type changed
 *                 layout, as with {@code hcr dev --restart-on-layout-change}
 */
record Setup(Path project, Path edits, List<String> args, Duration timeout, boolean sanitize, List<Path> plugin,
             boolean restartOnLayoutChange) {

    /** The wait of an expectation that says nothing: long enough for a build on a busy machine. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    Setup {
        args = List.copyOf(args);
        plugin = List.copyOf(plugin);
    }

    /** The program's arguments with {@code {plugin}} replaced by {@code pluginFile}. */
    List<String> args(Path pluginFile) {
        return args.stream().map(arg -> pluginFile == null ? arg : arg.replace("{plugin}", pluginFile.toString()))
                .toList();
    }
}

package hcr.compiler.link;

import hcr.project.ShellWords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The linker command line the compiler driver would run for a module's library, asked of the
 * driver itself: {@code cc -### -shared -o hcr-probe.so hcr-probe.o <link inputs>}, which prints
 * the commands without running them. Everything the driver makes of a project's link inputs is
 * in that line: {@code -pthread} becoming {@code -lpthread} before {@code -lc}, {@code -rdynamic}
 * dropped for a shared library, {@code -Wl,a,b} split into words, and the driver's own
 * {@code --as-needed} (Debian's gcc passes it, clang and Fedora's gcc do not), so the in-process
 * link reads what ld would read ({@link LinkLine}) instead of guessing the driver's rules.
 */
final class DriverLink {
    /** The object's name in the asked-for line; nothing is written under it. */
    static final String OBJECT = "hcr-probe.o";

    private final String command;
    private final Process process;

    private DriverLink(String command, Process process) {
        this.command = command;
        this.process = process;
    }

    /** Starts the driver ({@code cc}'s words) in {@code dir}, where the module links run; read the answer with {@link #words()}. */
    static DriverLink ask(List<String> cc, List<String> linkInputs, Path dir) throws IOException {
        var words = new ArrayList<>(cc);
        words.addAll(List.of("-###", "-shared", "-o", "hcr-probe.so", OBJECT));
        words.addAll(linkInputs);
        var command = String.join(" ", words);
        try {
            var process = new ProcessBuilder(words).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            return new DriverLink(command, process);
        } catch (IOException e) {
            throw new IOException("cannot run " + command + ": " + e.getMessage(), e);
        }
    }

    /** The linker's words, its program first; an exception naming the command when the driver shows none. */
    List<String> words() throws IOException {
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(command + ": interrupted", e);
        }
        var line = exit == 0 ? linkerLine(output) : List.<String>of();
        if (line.isEmpty()) {
            throw new IOException(command + " shows no linker command (exit " + exit + "): " + output.strip());
        }
        return line;
    }

    /** The words of the line in {@code output} that links {@link #OBJECT}; empty when there is none. */
    static List<String> linkerLine(String output) {
        List<String> found = List.of();
        for (var line : output.split("\n")) {
            var words = words(line);
            if (!words.isEmpty() && !words.get(0).startsWith("COLLECT_") && words.subList(1, words.size()).contains(OBJECT)) {
                found = words;
            }
        }
        return found;
    }

    /** A line split as the shell would ({@code gcc -###} quotes its words so): {@link ShellWords}. */
    static List<String> words(String line) {
        return ShellWords.split(line);
    }
}

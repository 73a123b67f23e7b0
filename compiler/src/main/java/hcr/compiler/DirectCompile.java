package hcr.compiler;

import hcr.project.ShellWords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A module compile without the compiler driver: {@code cc1 ... -o - | as ...}, the two programs
 * {@code gcc -pipe -c} itself runs, with the arguments it gives them. That saves the driver's
 * own process (some 15 ms of CPU and a few of wall time on a small machine) on every edit.
 *
 * <p>The arguments come from {@code gcc -### -pipe <flags> -MMD -MF <dep> <src> -o <obj>}, asked
 * once per compile command with placeholder file names, and are then filled in per module. The
 * template is only used once it has made, for a probe source, the same object and the same
 * dependency file as the driver; a driver that prints anything else ({@code ccache}, clang, a
 * wrapper script) or a probe that differs leaves every compile to the driver. Found templates
 * are shared by every Builder of the JVM with the same command.
 */
final class DirectCompile {
    private static final String SOURCE = "hcrsrc.c";
    private static final String OBJECT = "hcrobj";
    private static final String DEP = "hcrdep.d";
    private static final String PROBE = """
            #include <stdio.h>
            static int counter;
            int probe_global = 1;
            int probe(void) { return printf("%d\\n", ++counter + probe_global); }
            """;
    private static final Map<List<String>, CompletableFuture<Optional<DirectCompile>>> KNOWN = new ConcurrentHashMap<>();

    private final Path probeDir;
    private final List<String> compiler;
    private final List<String> assembler;

    private DirectCompile(Path probeDir, List<String> compiler, List<String> assembler) {
        this.probeDir = probeDir;
        this.compiler = List.copyOf(compiler);
        this.assembler = List.copyOf(assembler);
    }

    /**
     * The direct form of {@code command} ({@code cc <flags>}, without files), set up in the
     * background on first request; empty while it is being checked and when it cannot be used.
     */
    static Optional<DirectCompile> of(List<String> command, Path projectDir, Path workDir) {
        var future = KNOWN.computeIfAbsent(List.copyOf(command), c -> CompletableFuture.supplyAsync(() -> {
            try {
                return find(c, projectDir, Files.createDirectories(workDir));
            } catch (IOException | RuntimeException e) {
                return Optional.<DirectCompile>empty();
            }
        }, runnable -> {
            var thread = new Thread(runnable, "hcr-direct-compile-check");
            thread.setDaemon(true);
            thread.start();
        }));
        return future.getNow(Optional.empty());
    }

    /** Waits for the check of {@code command} (tests). */
    static Optional<DirectCompile> awaitChecked(List<String> command, Path projectDir, Path workDir) {
        of(command, projectDir, workDir);
        return KNOWN.get(List.copyOf(command)).join();
    }

    private static Optional<DirectCompile> find(List<String> command, Path projectDir, Path workDir) throws IOException {
        var probeDir = Files.createTempDirectory(workDir, "direct-compile").toAbsolutePath();
        try {
            Files.writeString(probeDir.resolve(SOURCE), PROBE);
            var asked = new ArrayList<>(command);
            asked.add(1, "-###");
            asked.add(2, "-pipe");
            asked.addAll(List.of("-MMD", "-MF", probeDir.resolve(DEP).toString(), probeDir.resolve(SOURCE).toString(),
                    "-o", probeDir.resolve(OBJECT + ".o").toString()));
            var answer = Subprocess.run(asked, projectDir);
            if (!answer.ok()) {
                return Optional.empty();
            }
            var commands = answer.output().lines().filter(l -> l.startsWith(" ")).map(DirectCompile::words).toList();
            if (commands.size() != 2 || !commands.get(0).get(0).endsWith("/cc1")
                    || !commands.get(0).get(commands.get(0).size() - 1).equals("|")
                    || !Path.of(commands.get(1).get(0)).getFileName().toString().equals("as")) {
                return Optional.empty();
            }
            var cc1 = new ArrayList<>(commands.get(0));
            cc1.remove(cc1.size() - 1);
            var direct = new DirectCompile(probeDir, cc1, commands.get(1));
            return direct.agreesWithDriver(command, projectDir) ? Optional.of(direct) : Optional.empty();
        } finally {
            // the template keeps only the folder's name
            try (var files = Files.list(probeDir)) {
                for (var file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(probeDir);
        }
    }

    /** Compiles a probe both ways, under other names than the template's: same object, same dependencies. */
    private boolean agreesWithDriver(List<String> command, Path projectDir) throws IOException {
        var source = probeDir.resolve("check.c");
        Files.writeString(source, PROBE);
        var object = probeDir.resolve("check.0123.o");
        var dep = probeDir.resolve("check.d");
        var viaDriver = new ArrayList<>(command);
        viaDriver.add(1, "-pipe");
        viaDriver.addAll(List.of("-MMD", "-MF", dep.toString(), source.toString(), "-o", object.toString()));
        if (!Subprocess.run(viaDriver, projectDir).ok()) {
            return false;
        }
        var expectedObject = Files.readAllBytes(object);
        var expectedDep = Files.readString(dep);
        Files.delete(object);
        Files.delete(dep);
        var result = run(source.toString(), object, dep, projectDir);
        return result != null && result.ok() && result.output().isEmpty() && Arrays.equals(expectedObject, Files.readAllBytes(object))
                && expectedDep.equals(Files.readString(dep));
    }

    /** Forgets what was found for {@code command}: the next compile asks the driver again. */
    static void forget(List<String> command) {
        KNOWN.remove(List.copyOf(command));
    }

    /**
     * Compiles {@code source} (as named to the compiler) into {@code object}, dependencies in
     * {@code dep}; null when the programs cannot be started.
     */
    Subprocess.Result run(String source, Path object, Path dep, Path workingDir) throws IOException {
        var objectName = object.getFileName().toString();
        var stem = objectName.endsWith(".o") ? objectName.substring(0, objectName.length() - 2) : objectName;
        var objectDir = object.toAbsolutePath().getParent().toString();
        var cc1 = fill(compiler, source, objectDir, stem, dep);
        var as = fill(assembler, source, objectDir, stem, dep);
        var first = Subprocess.builder(cc1, workingDir).redirectError(ProcessBuilder.Redirect.PIPE);
        var second = Subprocess.builder(as, workingDir).redirectErrorStream(true);
        List<Process> processes;
        try {
            processes = ProcessBuilder.startPipeline(List.of(first, second));
        } catch (IOException e) {
            return null; // cc1 or as gone (the compiler was upgraded?): the caller runs the driver
        }
        var compiling = processes.get(0);
        var assembling = processes.get(1);
        compiling.getOutputStream().close();
        var assemblerOutput = CompletableFuture.supplyAsync(() -> readAll(assembling.getInputStream()), runnable -> {
            var thread = new Thread(runnable, "hcr-as-output");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            var messages = new String(compiling.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int compiled = compiling.waitFor();
            var assemblerMessages = assemblerOutput.join();
            int assembled = assembling.waitFor();
            if (compiled != 0) {
                Files.deleteIfExists(object); // as read a part: its object, and what it said about it, are no use
                return new Subprocess.Result(cc1, compiled, messages);
            }
            if (assembled != 0) {
                Files.deleteIfExists(object);
            }
            return new Subprocess.Result(as, assembled, messages + assemblerMessages);
        } catch (InterruptedException e) {
            compiling.destroyForcibly();
            assembling.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + source, e);
        }
    }

    private List<String> fill(List<String> template, String source, String objectDir, String stem, Path dep) {
        var probe = probeDir.toString();
        var filled = new ArrayList<String>();
        for (var word : template) {
            if (word.equals(probe + "/" + SOURCE)) {
                filled.add(source);
                continue;
            }
            filled.add(word.replace(probe + "/" + DEP, dep.toString())
                    .replace(probe + "/" + OBJECT, objectDir + "/" + stem)
                    .replace(probe + "/", objectDir + "/")
                    .replace(OBJECT, stem));
        }
        return filled;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The words of one command line of {@code gcc -###}: separated by spaces; a word with other
     * characters than letters, digits and {@code _/-.} is in double quotes, with {@code \"},
     * {@code \\} and {@code \$} escaped — as a shell reads them ({@link ShellWords}).
     */
    static List<String> words(String line) {
        return ShellWords.split(line);
    }
}

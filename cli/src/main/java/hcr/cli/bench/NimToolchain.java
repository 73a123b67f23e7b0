package hcr.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Nim compiler on PATH, and the commands Nim's hot code reloading documentation
 * ({@code doc/hcr.md}) gives: the HCR runtime ({@code lib/nimhcr.nim}) and the runtime library
 * ({@code lib/nimrtl.nim}) built once as shared libraries beside the program, and the program
 * built, and after every edit rebuilt, with {@code nim c --hotcodereloading:on}.
 *
 * @param nim     the compiler
 * @param version the first line of {@code nim --version}
 */
record NimToolchain(Path nim, String version) {

    private static final Pattern LIBPATH = Pattern.compile("\"libpath\"\\s*:\\s*\"([^\"]+)\"");

    /** The {@code nim} found on PATH, if any. */
    static Optional<NimToolchain> find() {
        var path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (var dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            var candidate = Path.of(dir, "nim");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    var version = Command.run(Path.of("."), List.of(candidate.toString(), "--version")).lines()
                            .findFirst().orElse("nim").strip();
                    return Optional.of(new NimToolchain(candidate, version));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Builds {@code libnimhcr.so} and {@code libnimrtl.so} into {@code outDir}. */
    void buildRuntime(Path project, Path outDir, Path cacheRoot) throws IOException {
        var lib = libDir(project);
        for (var name : List.of("nimhcr", "nimrtl")) {
            Command.run(project, List.of(nim.toString(), "c", "-d:release", "--hints:off", "--warnings:off",
                    "--nimcache:" + cacheRoot.resolve(name), "--outdir:" + outDir, lib.resolve(name + ".nim").toString()));
        }
    }

    /** The command that builds (and rebuilds) the program {@code main} with hot code reloading on. */
    List<String> buildCommand(Path main, Path cache) {
        return new ArrayList<>(List.of(nim.toString(), "c", "--hotcodereloading:on", "--hints:off", "--warnings:off",
                "--nimcache:" + cache, main.toString()));
    }

    /** Nim's {@code lib} folder, from {@code nim dump}. */
    private Path libDir(Path project) throws IOException {
        var main = project.resolve("main.nim");
        var dump = Command.run(project, List.of(nim.toString(), "dump", "--dump.format:json", "--hints:off",
                "--warnings:off", main.toString()));
        var matcher = LIBPATH.matcher(dump);
        if (!matcher.find()) {
            throw new IOException("nim dump names no libpath:\n" + dump.strip());
        }
        return Path.of(matcher.group(1));
    }
}

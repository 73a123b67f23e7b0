package hcr.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fresh, unpacked copy of a Debian source package, for tests that run hcr on real programs
 * nobody here wrote (SCENARIOS.md, section R).
 *
 * <p>{@link #upstream(String, String) upstream("lua5.4", "5.4.4")} gives the upstream release
 * as its authors published it: the package's {@code .orig} tarball unpacked into a new
 * directory the test owns, returning the tarball's root ({@code lua-5.4.4/}).
 * {@link #patched(String, String) patched} gives Debian's tree instead ({@code apt-get source
 * NAME}: the same release with Debian's patches applied and its {@code debian/} folder).
 *
 * <p>The files are downloaded once, with {@code apt-get source --download-only NAME=VERSION},
 * into a cache outside the repository ({@code $HCR_DEBIAN_SOURCES}, else
 * {@code $XDG_CACHE_HOME/hcr/debian-sources}, else {@code ~/.cache/hcr/debian-sources}); later
 * calls, in this JVM or another, unpack the cached files without asking apt. Every call
 * unpacks a new copy, so a test may edit its tree freely.
 *
 * <p>{@code apt-get source} needs a {@code deb-src} line in apt's sources and an
 * {@code apt-get update} after it: {@code run-tests} (which {@code .ci/run} calls) adds one when
 * it runs as root. Without it the test fails and says so. A machine with no {@code apt-get} (or,
 * for {@code patched}, no {@code dpkg-source}) is a missing tool: {@link RequiredTool}'s rule.
 *
 * <p>A mirror that serves the {@code .dsc} and the upstream tarball but not Debian's patch
 * tarball (seen on this machine's mirror for qrencode, whose {@code .debian.tar.xz} is a 404)
 * still gives {@code upstream}: the two files are kept when their SHA-256 is what apt's index
 * says; {@code patched} then fails with apt's message.
 */
public final class DebianSource {

    private static final String DEB_SRC_HINT = "apt has no deb-src source: run-tests (which .ci/run calls) adds "
            + "/etc/apt/sources.list.d/hcr-deb-src.sources (Types: deb-src, URIs: http://deb.debian.org/debian, "
            + "Suites: bookworm, Components: main) and runs apt-get update when it runs as root; do the same by hand "
            + "otherwise";

    /** What apt says with no Sources index (no deb-src line, or no apt-get update since it was added). */
    private static final String NO_DEB_SRC = "You must put some 'deb-src' URIs";

    private static final long TIMEOUT_MINUTES = 10;

    private static final Object JVM_LOCK = new Object();

    private static DebianSource defaultSource;

    private final Path cache;
    private final List<String> aptOptions;

    /**
     * A source with its own cache folder and extra {@code -o} options for apt (for tests of this
     * class: an empty source list, say).
     */
    DebianSource(Path cache, List<String> aptOptions) {
        this.cache = cache.toAbsolutePath().normalize();
        this.aptOptions = List.copyOf(aptOptions);
    }

    /**
     * The upstream release {@code version} of source package {@code name}, unpacked in a new
     * temporary directory deleted when the JVM exits; returns its root.
     */
    public static Path upstream(String name, String version) {
        return standard().unpackUpstream(name, version, newTempDirectory(name));
    }

    /**
     * The upstream release {@code version} of source package {@code name}, unpacked in a new
     * directory under {@code parent} (a JUnit {@code @TempDir}, say); returns its root.
     */
    public static Path upstream(String name, String version, Path parent) {
        return standard().unpackUpstream(name, version, newDirectoryUnder(parent, name));
    }

    /**
     * Debian's patched tree of source package {@code name} at upstream {@code version}
     * ({@code apt-get source NAME}, unpacked), in a new temporary directory deleted when the JVM
     * exits; returns its root.
     */
    public static Path patched(String name, String version) {
        return standard().unpackPatched(name, version, newTempDirectory(name));
    }

    /**
     * Debian's patched tree of source package {@code name} at upstream {@code version}, in a new
     * directory under {@code parent}; returns its root.
     */
    public static Path patched(String name, String version, Path parent) {
        return standard().unpackPatched(name, version, newDirectoryUnder(parent, name));
    }

    /** Where downloaded source packages are kept. */
    public static Path cacheDirectory() {
        var configured = System.getenv("HCR_DEBIAN_SOURCES");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        var xdg = System.getenv("XDG_CACHE_HOME");
        var base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hcr").resolve("debian-sources");
    }

    private static synchronized DebianSource standard() {
        if (defaultSource == null) {
            defaultSource = new DebianSource(cacheDirectory(), List.of());
        }
        return defaultSource;
    }

    Path unpackUpstream(String name, String version, Path into) {
        var tarball = download(name, version, false).upstreamTarball();
        run(into, List.of("tar", "--no-same-owner", "-xf", tarball.toString(), "-C", into.toString()), "unpack " + tarball);
        return root(into);
    }

    Path unpackPatched(String name, String version, Path into) {
        RequiredTool.require(onPath("dpkg-source"), "dpkg-source (Debian's dpkg-dev package), to unpack " + name
                + " as apt-get source does");
        var files = download(name, version, true);
        var target = into.resolve(name + "-" + version);
        run(into, List.of("dpkg-source", "--no-check", "-x", files.dsc().toString(), target.toString()),
                "unpack " + files.dsc() + " with Debian's patches");
        return target;
    }

    /**
     * The cached files of {@code name} at upstream {@code version}, downloaded first when not
     * there yet; {@code complete}: every file the .dsc lists (Debian's patches too), else the
     * .dsc and the upstream tarball are enough.
     */
    Downloaded download(String name, String version, boolean complete) {
        checkName(name, "source package name");
        checkName(version, "upstream version");
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(cache);
                // one download at a time, across this JVM's threads and other JVMs (Maven forks)
                try (var channel = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    var lock = channel.lock();
                    try {
                        var cached = cached(name, version, complete);
                        return cached != null ? cached : fetch(name, version, complete);
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cache of Debian sources " + cache, e);
            }
        }
    }

    /** The newest cached download of {@code name} whose upstream version is {@code version}, or null. */
    private Downloaded cached(String name, String version, boolean complete) throws IOException {
        try (var entries = Files.list(cache)) {
            var matching = entries.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().startsWith(name + "_"))
                    .map(dir -> Downloaded.in(dir, name))
                    .filter(d -> d != null && (d.complete() || !complete)
                            && upstreamOf(d.debianVersion()).equals(version))
                    .collect(Collectors.toList());
            Downloaded best = null;
            for (var candidate : matching) {
                if (best == null || newer(candidate.debianVersion(), best.debianVersion())) {
                    best = candidate;
                }
            }
            return best;
        }
    }

    private Downloaded fetch(String name, String version, boolean complete) throws IOException {
        RequiredTool.require(onPath("apt-get") && onPath("apt-cache"), "apt-get (Debian's apt), to download the "
                + "source package " + name);
        var record = sourceRecord(name, version);
        var staging = Files.createTempDirectory(cache, ".download-");
        try {
            var command = new ArrayList<>(apt("apt-get"));
            command.addAll(List.of("source", "--download-only", name + "=" + record.version()));
            var result = run(staging, command, null);
            var shown = String.join(" ", command) + " (in " + staging + "):\n" + result.output();
            if (result.output().contains(NO_DEB_SRC)) {
                fail(DEB_SRC_HINT + "\n" + shown);
            }
            var downloaded = Downloaded.in(staging, name);
            if (result.status() != 0) {
                // a mirror that lacks Debian's patches (seen here: 404 on some .debian.tar.xz) still
                // serves the upstream release, which is all most tests want: keep it when the
                // .dsc and the tarball are there and have the checksums apt's index gives
                if (complete || downloaded == null || !record.verifies(downloaded.dsc())
                        || !record.verifies(downloaded.upstreamTarball())) {
                    fail(String.join(" ", command) + " failed (status " + result.status() + "):\n" + result.output());
                }
            } else if (downloaded == null) {
                fail(String.join(" ", command) + " left no .dsc and source tarball of " + name + ":\n" + shown);
            }
            var target = cache.resolve(name + "_" + record.version().replace(':', '%'));
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return Downloaded.in(target, name);
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    /** What apt's Sources index says of one version of a source package: its files' SHA-256. */
    record SourceRecord(String version, Map<String, String> sha256) {

        boolean verifies(Path file) {
            var want = sha256.get(file.getFileName().toString());
            return want != null && want.equalsIgnoreCase(sha256Of(file));
        }
    }

    /** The newest version apt offers of {@code name} at upstream {@code version} (epoch and revision included). */
    private SourceRecord sourceRecord(String name, String version) {
        var command = new ArrayList<>(apt("apt-cache"));
        command.addAll(List.of("showsrc", name));
        var result = run(cache, command, null);
        if (result.output().contains(NO_DEB_SRC)) {
            fail(DEB_SRC_HINT + "\n" + String.join(" ", command) + ":\n" + result.output());
        }
        var records = parseShowsrc(name, result.output());
        if (records.isEmpty()) {
            fail("apt knows no source package " + name + " (" + String.join(" ", command) + "):\n" + result.output());
        }
        SourceRecord best = null;
        for (var candidate : records) {
            if (upstreamOf(candidate.version()).equals(version)
                    && (best == null || newer(candidate.version(), best.version()))) {
                best = candidate;
            }
        }
        if (best == null) {
            fail("apt offers " + name + " only at " + records.stream().map(SourceRecord::version).distinct()
                    .collect(Collectors.joining(", ")) + ", not at upstream version " + version);
        }
        return best;
    }

    /** The paragraphs of {@code apt-cache showsrc} output that describe source package {@code name}. */
    static List<SourceRecord> parseShowsrc(String name, String output) {
        var records = new ArrayList<SourceRecord>();
        for (var paragraph : output.split("\n\\s*\n")) {
            String pkg = null;
            String version = null;
            var sums = new LinkedHashMap<String, String>();
            var inSums = false;
            for (var line : paragraph.split("\n")) {
                if (line.startsWith(" ") && inSums) {
                    var words = line.trim().split("\\s+");
                    if (words.length == 3) {
                        sums.put(words[2], words[0]);
                    }
                    continue;
                }
                inSums = line.startsWith("Checksums-Sha256:");
                if (line.startsWith("Package: ")) {
                    pkg = line.substring("Package: ".length()).trim();
                } else if (line.startsWith("Version: ")) {
                    version = line.substring("Version: ".length()).trim();
                }
            }
            if (name.equals(pkg) && version != null) {
                records.add(new SourceRecord(version, Map.copyOf(sums)));
            }
        }
        return records;
    }

    private List<String> apt(String tool) {
        var command = new ArrayList<String>();
        command.add(tool);
        for (var option : aptOptions) {
            command.add("-o");
            command.add(option);
        }
        return command;
    }

    /** True when {@code a} is a newer Debian version than {@code b} (dpkg's own comparison). */
    private boolean newer(String a, String b) {
        if (a.equals(b) || !onPath("dpkg")) {
            return false;
        }
        return run(cache, List.of("dpkg", "--compare-versions", a, "gt", b), null).status() == 0;
    }

    /** {@code 1:1.2.13.dfsg-1} → {@code 1.2.13.dfsg}: no epoch, no Debian revision. */
    static String upstreamOf(String debianVersion) {
        var v = debianVersion;
        var colon = v.indexOf(':');
        if (colon >= 0) {
            v = v.substring(colon + 1);
        }
        var dash = v.lastIndexOf('-');
        return dash >= 0 ? v.substring(0, dash) : v;
    }

    private static String sha256Of(Path file) {
        try (var in = Files.newInputStream(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What {@code apt-get source --download-only} left in one folder; {@code complete}: every
     * file the .dsc lists is there.
     */
    record Downloaded(Path dsc, Path upstreamTarball, String debianVersion, boolean complete) {

        static Downloaded in(Path dir, String name) {
            try (var files = Files.list(dir)) {
                var names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
                var dsc = names.stream().filter(n -> n.startsWith(name + "_") && n.endsWith(".dsc")).findFirst();
                if (dsc.isEmpty()) {
                    return null;
                }
                // the main upstream tarball: NAME_UPSTREAM.orig.tar.*, or a native package's NAME_VERSION.tar.*
                var tarball = names.stream()
                        .filter(n -> n.startsWith(name + "_") && n.matches(".*\\.orig\\.tar\\.[a-z0-9]+"))
                        .findFirst()
                        .or(() -> names.stream().filter(n -> n.startsWith(name + "_")
                                && n.matches(".*\\.tar\\.[a-z0-9]+") && !n.contains(".debian.tar.")).findFirst());
                if (tarball.isEmpty()) {
                    return null;
                }
                var dscFile = dir.resolve(dsc.get());
                var fields = readDsc(dscFile);
                var version = fields.version() != null ? fields.version()
                        : dsc.get().substring(name.length() + 1, dsc.get().length() - ".dsc".length());
                var complete = fields.files().stream().allMatch(names::contains);
                return new Downloaded(dscFile, dir.resolve(tarball.get()), version, complete);
            } catch (IOException e) {
                return null;
            }
        }

        private record DscFields(String version, List<String> files) {
        }

        /** The .dsc's Version: (its file name drops the epoch) and the files it lists. */
        private static DscFields readDsc(Path dsc) throws IOException {
            String version = null;
            var files = new ArrayList<String>();
            var inFiles = false;
            for (var line : Files.readAllLines(dsc, StandardCharsets.UTF_8)) {
                if (line.startsWith(" ") && inFiles) {
                    var words = line.trim().split("\\s+");
                    if (words.length == 3) {
                        files.add(words[2]);
                    }
                    continue;
                }
                inFiles = line.startsWith("Files:");
                if (line.startsWith("Version: ")) {
                    version = line.substring("Version: ".length()).trim();
                }
            }
            return new DscFields(version, files);
        }
    }

    /** The tarball's root: its one top-level folder, or {@code dir} when it has several entries. */
    private static Path root(Path dir) {
        try (var entries = Files.list(dir)) {
            var all = entries.collect(Collectors.toList());
            return all.size() == 1 && Files.isDirectory(all.get(0)) ? all.get(0) : dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkName(String value, String what) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9.+~:_-]*")) {
            throw new IllegalArgumentException("not a Debian " + what + ": " + value);
        }
    }

    private static Path newTempDirectory(String name) {
        try {
            var dir = Files.createTempDirectory("hcr-" + name + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newDirectoryUnder(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean onPath(String tool) {
        var path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private record Result(int status, String output) {
    }

    /**
     * Runs {@code command} in {@code dir}, stdout and stderr together; with {@code failure} set,
     * a non-zero status fails the test.
     */
    private static Result run(Path dir, List<String> command, String failure) {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("LC_ALL", "C");
        env.put("DEBIAN_FRONTEND", "noninteractive");
        try {
            var process = builder.start();
            process.getOutputStream().close();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " took more than " + TIMEOUT_MINUTES + " minutes");
            }
            var result = new Result(process.exitValue(), output);
            if (failure != null && result.status() != 0) {
                fail(failure + ": " + String.join(" ", command) + " failed (status " + result.status() + "):\n"
                        + output);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    dir.toFile().setWritable(true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a temporary tree left behind is not worth failing a test for
        }
    }
}

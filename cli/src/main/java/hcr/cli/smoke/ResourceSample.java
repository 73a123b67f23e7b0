package hcr.cli.smoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the program's process holds at one moment, as /proc shows it.
 *
 * @param reloads   how many reloads the program had taken when it was sampled
 * @param fds       open file descriptors: the entries of /proc/PID/fd
 * @param rssBytes  resident memory: VmRSS of /proc/PID/status
 * @param codeBytes the libraries the runtime loaded so far: the bytes of the copies in its run
 *                  folder ({@code .hcr/run/PID}), which is what it dlopens and never unloads
 * @param mappedBytes the address space those libraries occupy, from /proc/PID/maps: each of a
 *                  library's segments takes whole pages, so a 1 KiB group library maps 16 KiB
 */
record ResourceSample(int reloads, int fds, long rssBytes, long codeBytes, long mappedBytes) {

    static ResourceSample of(long pid, int reloads, Path runFolder) throws IOException {
        var proc = Path.of("/proc", Long.toString(pid));
        int fds;
        try (var entries = Files.list(proc.resolve("fd"))) {
            fds = (int) entries.count();
        }
        long rss = -1;
        for (var line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        if (rss < 0) {
            throw new IOException("no VmRSS in " + proc.resolve("status"));
        }
        long code = 0;
        if (Files.isDirectory(runFolder)) {
            try (var files = Files.walk(runFolder)) {
                for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    code += Files.size(file);
                }
            }
        }
        var prefix = runFolder.toString() + "/";
        long mapped = 0;
        for (var line : Files.readAllLines(proc.resolve("maps"))) {
            // start-end perms offset dev inode path
            var fields = line.split("\\s+", 6);
            if (fields.length == 6 && fields[5].startsWith(prefix)) {
                var range = fields[0].split("-");
                mapped += Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
            }
        }
        return new ResourceSample(reloads, fds, rss, code, mapped);
    }

    /** {@code reload 1: 31 fds, RSS 58.2 MiB, code loaded 0.1 MiB}. */
    String describe() {
        return String.format(Locale.ROOT, "reload %d: %d fds, RSS %s, code loaded %s (mapped %s)", reloads, fds,
                mib(rssBytes), mib(codeBytes), mib(mappedBytes));
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}

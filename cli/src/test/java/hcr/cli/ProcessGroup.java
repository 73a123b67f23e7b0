package hcr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Processes as /proc shows them: who is in a process group, whether a pid still exists. */
final class ProcessGroup {

    private static final Path PROC = Path.of("/proc");

    private ProcessGroup() {
    }

    /** The pids whose process group is {@code pgid}, zombies included. */
    static List<Long> members(long pgid) {
        var members = new ArrayList<Long>();
        try (var entries = Files.list(PROC)) {
            for (var entry : (Iterable<Path>) entries::iterator) {
                var name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    groupOf(entry).filter(group -> group == pgid).ifPresent(group -> members.add(Long.parseLong(name)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return members;
    }

    /** Whether {@code pid} names a process at all, a zombie included. */
    static boolean exists(long pid) {
        return Files.exists(PROC.resolve(Long.toString(pid)));
    }

    /** The arguments {@code pid} was started with, from /proc/PID/cmdline. */
    static List<String> commandLine(long pid) {
        try {
            var raw = Files.readString(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the command line of " + pid, e);
        }
    }

    /** Waits until {@code pid} is gone; returns whether it went within {@link Hcr#PATIENCE}. */
    static boolean awaitGone(long pid) {
        return awaitTrue(() -> !exists(pid));
    }

    /** Waits until no process is left in group {@code pgid}. */
    static boolean awaitEmpty(long pgid) {
        return awaitTrue(() -> members(pgid).isEmpty());
    }

    private static boolean awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Hcr.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Field 5 of /proc/PID/stat, after the parenthesised command name. */
    private static Optional<Long> groupOf(Path procEntry) {
        try {
            var stat = Files.readString(procEntry.resolve("stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone while we looked
        }
    }

    /** A folder to run small tools in. */
    static Path anyDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}

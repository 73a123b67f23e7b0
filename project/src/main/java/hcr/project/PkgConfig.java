package hcr.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks {@code pkg-config} for packages' compile flags and libraries. Answers are remembered for
 * the life of the instance: a dev server asks once, not on every build.
 */
final class PkgConfig {
    private final java.util.Map<List<String>, Flags> known = new java.util.concurrent.ConcurrentHashMap<>();

    /** What pkg-config gave for a set of packages. */
    record Flags(List<String> cflags, List<String> libs) {
    }

    /**
     * {@code pkg-config --cflags} and {@code --libs} of {@code packages}.
     *
     * @throws IllegalStateException with a one-line reason: pkg-config missing, or a package not installed
     */
    Flags of(List<String> packages) {
        if (packages.isEmpty()) {
            return new Flags(List.of(), List.of());
        }
        var cached = known.get(packages);
        if (cached != null) {
            return cached;
        }
        for (var name : packages) {
            run(List.of("--exists", "--print-errors", name), name);
        }
        var cflags = run(prepend("--cflags", packages), null);
        var libs = run(prepend("--libs", packages), null);
        var flags = new Flags(ShellWords.split(cflags), ShellWords.split(libs));
        known.put(List.copyOf(packages), flags);
        return flags;
    }

    private static List<String> prepend(String option, List<String> packages) {
        var list = new ArrayList<String>();
        list.add(option);
        list.addAll(packages);
        return list;
    }

    private static String run(List<String> arguments, String packageName) {
        var command = new ArrayList<String>();
        command.add("pkg-config");
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("pkg-config cannot be run (" + e.getMessage()
                    + "); install it (Debian: apt-get install pkg-config)");
        }
        try {
            process.getOutputStream().close();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = process.waitFor();
            if (status != 0) {
                var first = output.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit status " + status);
                throw new IllegalStateException(packageName != null
                        ? "package '" + packageName + "' is not installed (pkg-config: " + first.strip() + ")"
                        : "pkg-config " + String.join(" ", arguments) + " failed: " + first.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("pkg-config failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pkg-config");
        }
    }
}

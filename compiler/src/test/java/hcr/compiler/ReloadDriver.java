package hcr.compiler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real runtime driven from C: a small host linked against the hcr-native jar's
 * {@code libhcr.so} (with its {@code hcr_host.h}) that reads commands from stdin, one a line,
 * and answers each with what happened and a line {@code .}:
 * {@code init} ({@code hcrInit} on the build folder), {@code reload}
 * ({@code hcrPerformCodeReload}) and {@code call f} (an {@code int f(void)} through its stub).
 * What the program prints and the runtime's {@code state} events ({@code event {...}}) come
 * in between. Proves that what the compiler publishes is what the runtime expects.
 */
final class ReloadDriver {
    private static final String ARCH = "linux-x86-64";
    private static final String DRIVER = """
            #include <dlfcn.h>
            #include <stdio.h>
            #include <string.h>
            #include "hcr_host.h"

            static void observe(const char *json)
            {
                if (strstr(json, "\\"type\\":\\"state\\""))
                    printf("event %s\\n", json);
            }

            int main(int argc, char **argv)
            {
                char line[512], name[600];
                setvbuf(stdout, NULL, _IOLBF, 0);
                hcrSetObserver(observe);
                while (fgets(line, sizeof line, stdin)) {
                    line[strcspn(line, "\\n")] = '\\0';
                    if (!strcmp(line, "init")) {
                        int rc = hcrInit(argv[1], argc, argv);
                        printf("init=%d%s%s\\n", rc, rc ? " " : "", rc ? hcrLastError() : "");
                    } else if (!strcmp(line, "reload")) {
                        int rc = hcrPerformCodeReload();
                        printf("reload=%d%s%s\\n", rc, rc < 0 ? " " : "", rc < 0 ? hcrLastError() : "");
                    } else if (!strncmp(line, "call ", 5)) {
                        int (*f)(void);
                        snprintf(name, sizeof name, "hcr.%s", line + 5);
                        *(void **)&f = dlsym(RTLD_DEFAULT, name);
                        if (f)
                            printf("%s=%d\\n", line + 5, f());
                        else
                            printf("no stub %s\\n", name);
                    }
                    printf(".\\n");
                }
                return 0;
            }
            """;

    private final Path executable;

    /** Extracts the runtime from the class path into {@code dir} and builds the driver there. */
    ReloadDriver(Path dir) {
        try {
            Files.createDirectories(dir);
            extract("hcr/native/" + ARCH + "/libhcr.so", dir.resolve("libhcr.so"));
            extract("hcr/include/hcr_host.h", dir.resolve("hcr_host.h"));
            var source = Files.writeString(dir.resolve("reloaddriver.c"), DRIVER);
            executable = dir.resolve("reloaddriver");
            var result = Subprocess.run(List.of("gcc", "-o", executable.toString(), source.toString(), "-I" + dir,
                    "-L" + dir, "-lhcr", "-Wl,-rpath," + dir, "-ldl"), dir);
            if (!result.ok()) {
                throw new AssertionError("cannot build the reload driver:\n" + result.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void extract(String resource, Path target) throws IOException {
        try (var in = ReloadDriver.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError(resource + " is not on the class path (the hcr-native jar)");
            }
            Files.write(target, in.readAllBytes());
        }
    }

    /** Starts a host process on {@code buildDir}; nothing is loaded until {@code init}. */
    Session start(Path buildDir) {
        try {
            var errors = Files.createTempFile(executable.getParent(), "stderr", ".txt");
            var process = new ProcessBuilder(executable.toString(), buildDir.toString())
                    .redirectError(errors.toFile()).start();
            return new Session(process, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One running host. */
    static final class Session implements AutoCloseable {
        private final Process process;
        private final Path errors;
        private final Writer in;
        private final BufferedReader out;

        private Session(Process process, Path errors) {
            this.process = process;
            this.errors = errors;
            this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Sends one command; returns the lines printed until its {@code .}. */
        List<String> send(String command) {
            try {
                in.write(command + "\n");
                in.flush();
                var lines = new ArrayList<String>();
                for (var line = out.readLine(); !".".equals(line); line = out.readLine()) {
                    if (line == null) {
                        throw new AssertionError("the host ended during '" + command + "' after " + lines
                                + "; stderr:\n" + Files.readString(errors));
                    }
                    lines.add(line);
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
                process.waitFor();
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

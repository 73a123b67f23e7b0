package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library on the program's own link line that uses the program's names (as libwrap uses a
 * program's {@code allow_severity}) is bound while the generation loads, before the modules are in
 * the global scope (docs/internals.md sections 2 and 3): its call reaches the program's function
 * through the C name's label on the stub, its read of the global the program's live storage, at
 * the first load and after a reload.
 */
class LinkedLibraryNamesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    /** libref.so, outside the project: it reads allow_severity and calls app_hook by name. */
    private Path library() throws IOException, InterruptedException {
        var dir = Files.createDirectories(temp.resolve("lib"));
        var source = Files.writeString(dir.resolve("ref.c"), """
                extern int allow_severity;
                extern int app_hook(int);
                int ref_read(void) { return allow_severity; }
                int ref_call(int x) { return app_hook(x); }
                """);
        var library = dir.resolve("libref.so");
        var gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        var output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), output);
        return library;
    }

    private static String main(int factor) {
        return """
                #include <stdio.h>
                #include <stdlib.h>
                #include <time.h>
                int allow_severity = 5;
                int ref_read(void);
                int ref_call(int);
                int app_hook(int x) { return x * %d; }
                int main(int argc, char **argv) {
                    struct timespec ms = { 0, 20000000 };
                    for (int i = 1; i <= atoi(argv[1]); i++) {
                        allow_severity++;
                        printf("tick %%d hook=%%d severity=%%d\\n", i, ref_call(i), ref_read());
                        nanosleep(&ms, NULL);
                    }
                    return 0;
                }
                """.formatted(factor);
    }

    /** tick, hook, severity of a line. */
    private static int[] numbers(String line) {
        var words = line.split("[ =]");
        return new int[] {Integer.parseInt(words[1]), Integer.parseInt(words[3]), Integer.parseInt(words[5])};
    }

    @Test
    void a_linked_library_reaches_the_programs_function_and_global_by_name_from_the_first_load() throws Exception {
        var library = library();
        var toml = """
                [build]
                sources = ["*.c"]
                link = ["%s", "-Wl,-rpath,%s"]
                """.formatted(library, library.getParent());
        try (var project = TestProject.of(temp, "linked", Map.of("main.c", main(2), "hcr.toml", toml))) {
            project.build();
            try (var host = ProgramHost.start(project.hostOptions("3"))) {
                assertEquals(new HostEvent.Exited(0), host.awaitEnding(WAIT));
                assertEquals(List.of("tick 1 hook=2 severity=6", "tick 2 hook=4 severity=7", "tick 3 hook=6 severity=8"),
                        host.outputLines());
            }
            try (var host = ProgramHost.start(project.hostOptions("1000"))) {
                host.awaitOutput("^tick 2 hook=4 severity=7$", WAIT);
                project.write("main.c", main(10)).build();
                host.requestReload().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                int[] fields;
                do { // the running loop calls the new app_hook through libref: hook = 10 * tick
                    fields = numbers(host.awaitOutput("^tick \\d+ hook=\\d+ severity=\\d+$", WAIT));
                    assertEquals(fields[0] + 5, fields[2], "libref reads the live storage");
                } while (fields[1] != 10 * fields[0]);
            }
        }
    }
}

package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real programs, built by the real compiler, run by real hosts. */
class ProgramHostTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern B01_LINE = Pattern.compile("^tick (\\d+) value (\\d+) delta (\\d+)$");

    @TempDir
    Path temp;

    @Test
    void a_reload_runs_the_new_code_and_keeps_the_state(@TempDir Path temp) throws Exception {
        try (var project = TestProject.fixture("b01-function-body", temp)) {
            assertEquals(1, project.build());
            try (var host = ProgramHost.start(project.hostOptions("20"))) {
                var before = B01_LINE.matcher(host.awaitOutput("delta 1$", WAIT));
                assertTrue(before.matches());
                assertEquals(new HostEvent.Started(host.pid(), 1), host.awaitEvent(HostEvent.Started.class, WAIT));

                project.apply("body");
                assertEquals(2, project.build());
                var result = host.requestReload().get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertEquals(new HostEvent.ReloadResult(1, "", false), result);
                var loaded = host.awaitEvent(HostEvent.GenerationLoaded.class, WAIT);
                assertEquals(2, loaded.generation());
                assertEquals(1, loaded.previous());
                var after = B01_LINE.matcher(host.awaitOutput("delta 100$", WAIT));
                assertTrue(after.matches());
                long tickBefore = Long.parseLong(before.group(1));
                long tickAfter = Long.parseLong(after.group(1));
                assertTrue(tickAfter > tickBefore, "the loop went on: tick " + tickBefore + " then " + tickAfter);
                // the new code adds 100 a tick on top of the old value: at least one tick of it
                assertTrue(Long.parseLong(after.group(2)) >= Long.parseLong(before.group(2)) + 100,
                        "the value was kept: " + before.group() + " then " + after.group());
                assertTrue(host.isAlive());
            }
        }
    }

    @Test
    void main_returning_is_reported_after_all_output_with_its_status() throws Exception {
        try (var project = TestProject.of(temp, "leaving", Map.of("main.c", """
                #define _DEFAULT_SOURCE
                #include <stdio.h>
                #include <stdlib.h>
                /* an exit handler that prints without a newline: seen only when the C library's
                   exit() ran the handlers and flushed stdout afterwards */
                static void goodbye(int status, void *arg) { (void) arg; printf("exit handler saw %d", status); }
                int main(int argc, char **argv) {
                    on_exit(goodbye, NULL);
                    printf("argv");
                    for (int i = 0; i < argc; i++) printf(" %s", argv[i]);
                    printf("\\n");
                    fprintf(stderr, "to stderr\\n");
                    return 3;
                }
                """))) {
            project.build();
            var seen = new CopyOnWriteArrayList<HostEvent>();
            try (var host = ProgramHost.start(project.hostOptions("a b", "c"), seen::add)) {
                assertEquals(new HostEvent.Exited(3), host.awaitEnding(WAIT));
                assertEquals(List.of("argv leaving a b c", "to stderr", "exit handler saw 3"),
                        host.outputLines().stream().sorted((x, y) -> order(x) - order(y)).toList());
                assertFalse(host.isAlive());
            }
            var last = seen.get(seen.size() - 1);
            assertEquals(new HostEvent.Exited(3), last);
            assertEquals(3, seen.stream().filter(HostEvent.Output.class::isInstance).count(), seen.toString());
        }
    }

    private static int order(String line) {
        return line.startsWith("argv") ? 0 : line.startsWith("to stderr") ? 1 : 2;
    }

    @Test
    void a_crash_is_reported_with_its_function_and_module() throws Exception {
        try (var project = TestProject.of(temp, "crashing", Map.of(
                "main.c", """
                        #include <stdio.h>
                        int step(int *p);
                        int main(void) {
                            printf("about to crash\\n");
                            return step(0);
                        }
                        """,
                "physics/sim.c", """
                        int step(int *p) {
                            return *p + 1;
                        }
                        """))) {
            project.build();
            try (var host = ProgramHost.start(project.hostOptions())) {
                var crashed = assertInstanceOf(HostEvent.Crashed.class, host.awaitEnding(WAIT));

                assertEquals("SIGSEGV", crashed.signal());
                assertEquals("step", crashed.function());
                assertEquals("physics/sim", crashed.module());
                assertNotNull(crashed.log());
                assertTrue(Files.isRegularFile(crashed.log()), crashed.log().toString());
                assertTrue(crashed.log().startsWith(project.buildDir().resolve("host")), crashed.log().toString());
                assertTrue(host.outputLines().contains("about to crash"), host.outputLines().toString());
            }
        }
    }

    @Test
    void a_failed_reload_names_the_file_and_the_old_code_keeps_running() throws Exception {
        try (var project = TestProject.fixture("b01-function-body", temp)) {
            project.build();
            try (var host = ProgramHost.start(project.hostOptions("20"))) {
                host.awaitOutput("delta 1$", WAIT);
                project.apply("body");
                int generation = project.build();
                try (var files = Files.list(project.buildDir().resolve("gen").resolve(String.valueOf(generation)))) {
                    var library = files.filter(f -> f.getFileName().toString().startsWith("libwork.")).findFirst()
                            .orElseThrow();
                    Files.delete(library);

                    var result = host.requestReload().get(WAIT.toSeconds(), TimeUnit.SECONDS);

                    assertTrue(result.failed(), result.toString());
                    assertTrue(result.error().contains(library.getFileName().toString()), result.toString());
                }
                host.awaitOutput("delta 1$", WAIT);
                host.awaitOutput("delta 1$", WAIT);
                assertTrue(host.outputLines().stream().noneMatch(line -> line.endsWith("delta 100")));
                assertTrue(host.isAlive());
            }
        }
    }

    @Test
    void a_call_into_a_removed_module_is_reported_with_function_and_module() throws Exception {
        try (var project = TestProject.fixture("b06-delete-module", temp)) {
            project.build();
            try (var host = ProgramHost.start(project.hostOptions("20"))) {
                host.awaitOutput("^tick \\d+ core \\d+ extra \\d+$", WAIT);

                project.apply("delete");
                int generation = project.build();
                host.requestReload();

                var crashed = assertInstanceOf(HostEvent.Crashed.class, host.awaitEnding(WAIT));
                assertEquals(new HostEvent.Crashed("SIGABRT", "extra_tick", "extra", null), crashed);
                assertTrue(host.outputLines().contains("hcr: function 'extra_tick' was removed with module 'extra' "
                        + "(generation " + generation + ")"), host.outputLines().toString());
            }
        }
    }

    @Test
    void the_host_ends_when_the_dev_server_goes_away() throws Exception {
        try (var project = TestProject.fixture("b01-function-body", temp)) {
            project.build();
            var socket = temp.resolve("control.sock");
            try (var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(HostLauncher.JVM_DEFAULTS);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), HostMain.class.getName(),
                        "--build-dir", project.buildDir().toString(), "--control", socket.toString(), "--", "20"));
                var output = temp.resolve("output.txt");
                var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                try {
                    var control = new ControlChannel(server.accept());
                    String line;
                    do {
                        line = control.readLine();
                        assertNotNull(line, "the host closed the socket before starting");
                    } while (!line.startsWith("{\"type\":\"started\""));
                    // the program's first tick is printed a moment after "started": wait for it
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (!Files.readString(output).startsWith("tick 1 value 1 delta 1\n") && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }

                    control.close();

                    assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS),
                            "the host outlived its dev server; it printed: " + Files.readString(output));
                    assertTrue(Files.readString(output).startsWith("tick 1 value 1 delta 1\n"), Files.readString(output));
                } finally {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    void stop_leaves_no_process_behind() throws Exception {
        try (var project = TestProject.fixture("b01-function-body", temp)) {
            project.build();
            var host = ProgramHost.start(project.hostOptions("20"));
            host.awaitOutput("^tick 2 ", WAIT);
            var process = ProcessHandle.of(host.pid()).orElseThrow();

            host.stop();

            assertFalse(Files.exists(host.privateDir()), "the control socket folder is removed");
            assertFalse(process.isAlive());
            assertFalse(host.isAlive());
            assertEquals(new HostEvent.Stopped(), host.awaitEnding(WAIT));
            host.stop();
        }
    }

    @Test
    void a_program_with_reload_points_applies_the_reload_itself() throws Exception {
        try (var project = TestProject.of(temp, "points", Map.of(
                "main.c", """
                        #define _POSIX_C_SOURCE 200809L
                        #include <stdio.h>
                        #include <time.h>
                        #include "hcr.h"
                        int value(void);
                        int main(void) {
                            struct timespec pause = {0, 20000000L};
                            for (long tick = 1;; tick++) {
                                printf("tick %ld value %d\\n", tick, value());
                                hcr_reload_point();
                                nanosleep(&pause, NULL);
                            }
                        }
                        """,
                "value.c", "int value(void) { return 1; }\n"))) {
            project.build();
            try (var host = ProgramHost.start(project.hostOptions())) {
                host.awaitOutput("value 1$", WAIT);
                host.awaitOutput("value 1$", WAIT);

                project.write("value.c", "int value(void) { return 42; }\n");
                project.build();
                var result = host.requestReload().get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertEquals(new HostEvent.ReloadResult(0, "", true), result);
                host.awaitOutput("value 42$", WAIT);
                assertEquals(1, host.awaitEvent(HostEvent.GenerationLoaded.class, g -> g.generation() == 2, WAIT)
                        .previous());
            }
        }
    }

    @Test
    void inherited_output_is_copied_unchanged_and_still_delivered() throws Exception {
        try (var project = TestProject.fixture("b01-function-body", temp)) {
            project.build();
            var copy = new ByteArrayOutputStream();
            var ours = System.out;
            System.setOut(new PrintStream(copy, true, StandardCharsets.UTF_8));
            try (var host = ProgramHost.start(project.hostOptions("1", "3")
                    .withOutput(HostOptions.OutputMode.INHERIT_AND_CAPTURE))) {
                assertEquals(new HostEvent.Exited(0), host.awaitEnding(WAIT));
                assertEquals(List.of("tick 1 value 1 delta 1", "tick 2 value 2 delta 1", "tick 3 value 3 delta 1"),
                        host.outputLines());
            } finally {
                System.setOut(ours);
            }
            assertEquals("tick 1 value 1 delta 1\ntick 2 value 2 delta 1\ntick 3 value 3 delta 1\n",
                    copy.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void an_empty_build_folder_is_a_failed_start_naming_it() throws Exception {
        var buildDir = Files.createDirectories(temp.resolve("empty").resolve(".hcr"));
        try (var host = ProgramHost.start(HostOptions.of(buildDir))) {
            var failed = host.awaitEvent(HostEvent.StartFailed.class, WAIT);

            assertTrue(failed.code() < 0, failed.toString());
            assertTrue(failed.error().contains(buildDir.toString()), failed.toString());
            assertEquals(new HostEvent.Exited(Host.START_FAILED), host.awaitEnding(WAIT));
        }
    }

    @Test
    void awaiting_output_that_never_comes_quotes_what_came() throws Exception {
        try (var project = TestProject.fixture("b01-function-body", temp)) {
            project.build();
            try (var host = ProgramHost.start(project.hostOptions("1", "3"))) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(HostException.class,
                        () -> host.awaitOutput("value 42", WAIT));
                assertTrue(e.getMessage().contains("tick 3 value 3 delta 1"), e.getMessage());
                assertTrue(e.getMessage().contains("Exited[status=0]"), e.getMessage());
            }
        }
    }
}

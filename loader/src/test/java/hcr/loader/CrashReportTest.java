package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash reports from real crashes: a JVM calls into a module library built here with gcc
 * (functions carry their link names, {@code hcr.step}) and dies on a NULL pointer.
 */
class CrashReportTest {

    private static final String SOURCE = """
            #include <string.h>
            int step(int *p) __asm__("hcr.step");
            int step(int *p) { return *p + 1; }
            int measure(const char *s) __asm__("hcr.measure");
            int measure(const char *s) { return (int) strlen(s) + 1; }
            """;

    @TempDir
    static Path dir;
    static Path library;

    @BeforeAll
    static void buildModule() throws Exception {
        var source = Files.writeString(dir.resolve("body.c"), SOURCE);
        library = dir.resolve("libphysics__body.g3.so");
        run(dir, List.of("gcc", "-shared", "-fPIC", "-g", "-O0", "-o", library.toString(), source.toString()));
    }

    @Test
    void a_null_dereference_names_the_signal_function_and_module() throws Exception {
        var hostDir = Files.createDirectories(dir.resolve("host-step"));
        var process = crash(hostDir, "hcr.step");

        var ending = new Autopsy(hostDir).examine(process.pid(), process.exitValue(), null, false, List.of());

        var crashed = assertInstanceOf(HostEvent.Crashed.class, ending);
        assertEquals("SIGSEGV", crashed.signal());
        assertEquals("step", crashed.function());
        assertEquals("physics/body", crashed.module());
        assertEquals(hostDir.resolve("hs_err_pid" + process.pid() + ".log"), crashed.log());
    }

    @Test
    void a_crash_inside_the_c_library_names_the_program_function_that_called_it() throws Exception {
        var hostDir = Files.createDirectories(dir.resolve("host-measure"));
        var process = crash(hostDir, "hcr.measure");

        var crashed = assertInstanceOf(HostEvent.Crashed.class,
                new Autopsy(hostDir).examine(process.pid(), process.exitValue(), null, false, List.of()));

        assertEquals("SIGSEGV", crashed.signal());
        assertEquals("measure", crashed.function());
        assertEquals("physics/body", crashed.module());
    }

    @Test
    void without_a_log_file_the_banner_on_stdout_tells() throws Exception {
        var hostDir = Files.createDirectories(dir.resolve("host-banner"));
        var process = crash(hostDir, "hcr.step");
        var banner = Files.readAllLines(hostDir.resolve("output.txt"));
        var log = hostDir.resolve("hs_err_pid" + process.pid() + ".log");
        Files.move(log, hostDir.resolve("moved.log"));

        var crashed = assertInstanceOf(HostEvent.Crashed.class,
                new Autopsy(hostDir).examine(process.pid(), process.exitValue(), null, false, banner));

        assertEquals(new HostEvent.Crashed("SIGSEGV", "step", "physics/body", log), crashed);
    }

    @Test
    void problematic_frame_lines_are_read_as_the_contract_names_them() {
        var site = CrashSite.fromLog(List.of(
                "#  SIGSEGV (0xb) at pc=0x00007f1c2d0e1139, pid=4242, tid=4243",
                "# Problematic frame:",
                "# C  [libsim.g3.so+0x1139]  hcr.step+0x10",
                "C  [libsim.g3.so+0x1139]  hcr.step+0x10",
                "C  [libmain.g1.so+0x1200]  hcr.main+0x40"));
        assertEquals(new CrashSite("SIGSEGV", "step", "sim"), site);
        assertEquals("counter", CrashSite.cName("hcr.counter.g7"));
        assertEquals("helper", CrashSite.cName("helper.part.0"));
        assertNull(CrashSite.moduleOf("libc.so.6"));
        assertNull(CrashSite.moduleOf("libhcrgroup.g3.so"));
        assertNull(CrashSite.moduleOf("libhcrstubs.3.so"));
    }

    @Test
    void an_abort_from_the_removed_function_trap_names_function_and_module() {
        var ending = new Autopsy(dir.resolve("no-logs")).examine(1, 134, null, false, List.of(
                "tick 4",
                "hcr: function 'extra_step' was removed with module 'extra' (generation 2)"));
        assertEquals(new HostEvent.Crashed("SIGABRT", "extra_step", "extra", null), ending);
    }

    @Test
    void exit_codes_without_a_log_are_exits_signals_or_stops() {
        var autopsy = new Autopsy(dir.resolve("no-logs"));
        assertEquals(new HostEvent.Exited(3), autopsy.examine(1, 3, null, false, List.of()));
        assertEquals(new HostEvent.Exited(-1), autopsy.examine(1, 255, -1, false, List.of()));
        assertEquals(new HostEvent.Crashed("SIGKILL", null, null, null), autopsy.examine(1, 137, null, false, List.of()));
        assertEquals(new HostEvent.Stopped(), autopsy.examine(1, 143, null, true, List.of()));
    }

    private static Process crash(Path hostDir, String function) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(HostLauncher.JVM_DEFAULTS);
        command.addAll(List.of("-XX:ErrorFile=" + hostDir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), Crasher.class.getName(), library.toString(), function));
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(hostDir.resolve("output.txt").toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the crashing JVM did not end");
        assertTrue(Files.readString(hostDir.resolve("output.txt")).contains("SIGSEGV"),
                "expected a crash: " + Files.readString(hostDir.resolve("output.txt")));
        return process;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
    }
}

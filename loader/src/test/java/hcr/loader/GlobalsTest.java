package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.debug.GlobalTypes;
import hcr.compiler.debug.GlobalValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The globals of a real running program (the {@code globals} fixture, built by the real compiler,
 * in a real host), read and written through {@link ProgramHost}, typed from the modules' debug
 * info, and seen to change in the program's own output.
 */
class GlobalsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LINE = Pattern.compile("^tick (\\d+) counter (-?\\d+) ratio (\\S+) label (.*)$");

    @TempDir
    Path temp;

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Matcher line(ProgramHost host, String regex) {
        var matcher = LINE.matcher(host.awaitOutput(regex, WAIT));
        assertTrue(matcher.matches(), matcher.toString());
        return matcher;
    }

    /** Each global's value as the console shows it, typed from its library's debug info. */
    private static Map<String, String> shown(GlobalsSnapshot snapshot) {
        var types = new GlobalTypes();
        var shown = new LinkedHashMap<String, String>();
        for (var global : snapshot.globals()) {
            var type = types.of(snapshot.library(global), global.name(), global.size());
            shown.put(global.name(), type.text() + " = "
                    + new GlobalValue(global.name(), type, global.bytes(), global.truncated()).display());
        }
        return shown;
    }

    private static String refusal(CompletableFuture<?> future) {
        var failure = assertThrows(ExecutionException.class, () -> get(future));
        return assertInstanceOf(GlobalAccessException.class, failure.getCause()).getMessage();
    }

    @Test
    void every_global_is_read_with_its_type_and_current_value() throws Exception {
        try (var project = TestProject.fixture("globals", temp);
             var host = start(project)) {
            line(host, "^tick 2 ");
            var snapshot = get(host.readGlobals());

            assertEquals(1, snapshot.generation());
            assertEquals(project.buildDir().resolve("gen/1"), snapshot.generationDir());
            var shown = shown(snapshot);
            long counter = Long.parseLong(shown.get("counter").substring("int = ".length()));
            assertTrue(counter >= 102, "the running counter, 100 + ticks: " + shown);
            var expected = new LinkedHashMap<String, String>();
            expected.put("counter", "int = " + counter);
            expected.put("small", "unsigned char = 200");
            expected.put("ratio", "double = 1.5");
            expected.put("scale", "float = 0.25");
            expected.put("enabled", "_Bool = true");
            expected.put("label", "char[16] = 73 74 61 72 74 00 00 00 00 00 00 00 00 00 00 00");
            expected.put("origin", "struct point = 03 00 00 00 fc ff ff ff");
            expected.put("cursor", "int * = 0x" + Long.toHexString(snapshot.find("counter").orElseThrow().address()));
            expected.put("limit", "const int = 1000");
            expected.put("mode", "enum mode = MODE_RUN");
            assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(shown),
                    "cursor holds &counter as the program computed it: the address read is the program's storage");

            for (var global : snapshot.globals()) {
                assertEquals("vars", global.module());
                assertEquals("hcr." + global.name(), global.linkName());
                assertEquals("libvars.g1.so", global.library());
                assertEquals("libvars.g1.so", global.storage());
                assertTrue(global.readable(), global.toString());
                assertFalse(global.truncated(), global.toString());
                assertEquals(!global.name().equals("limit"), global.writable(), "only the const global is read-only: "
                        + global);
            }
        }
    }

    @Test
    void written_values_show_in_the_program_output() throws Exception {
        try (var project = TestProject.fixture("globals", temp);
             var host = start(project)) {
            line(host, "ratio 1\\.50 label start$");
            var types = new GlobalTypes();
            var snapshot = get(host.readGlobals());
            var counter = snapshot.find("counter").orElseThrow();
            var counterType = types.of(snapshot.library(counter), "counter", counter.size());

            var written = get(host.writeGlobal("counter", GlobalValue.parse(counterType, "counter", "5000")));
            assertEquals("hcr.counter", written.linkName());
            var readBack = new GlobalValue("counter", counterType, written.bytes(), false).display();
            assertTrue(readBack.equals("5000") || readBack.equals("5001"), "read back after the write (a tick may"
                    + " come between): " + readBack);
            var after = line(host, "counter 50\\d\\d ");
            long value = Long.parseLong(after.group(2));
            assertTrue(value > 5000 && value < 5100, "counter goes on from 5000: " + after.group());

            var ratio = snapshot.find("ratio").orElseThrow();
            var bytes = GlobalValue.parse(types.of(snapshot.library(ratio), "ratio", 8), "ratio", "2.25");
            assertArrayEquals(bytes, get(host.writeGlobal("vars", "ratio", bytes)).bytes());
            line(host, "ratio 2\\.25 ");

            var label = Arrays.copyOf("hello".getBytes(StandardCharsets.US_ASCII), 16);
            get(host.writeGlobal("label", label));
            line(host, "label hello$");
            assertTrue(host.isAlive());
        }
    }

    @Test
    void refusals_name_the_global_and_leave_the_program_running() throws Exception {
        try (var project = TestProject.fixture("globals", temp);
             var host = start(project)) {
            line(host, "^tick 1 ");

            assertEquals("no global 'nope' in generation 1", refusal(host.writeGlobal("nope", new byte[4])));
            assertEquals("no global 'counter' in module main in generation 1",
                    refusal(host.writeGlobal("main", "counter", new byte[4])));
            assertEquals("global 'counter' (module vars) is 4 bytes: 2 given",
                    refusal(host.writeGlobal("counter", new byte[2])));
            assertEquals("global 'limit' (module vars) is read-only: its memory (r--p libvars.g1.so) cannot be"
                    + " written; a const global keeps its value until the program restarts",
                    refusal(host.writeGlobal("limit", new byte[] {7, 0, 0, 0})));

            var limit = get(host.readGlobals()).find("limit").orElseThrow();
            assertArrayEquals(new byte[] {(byte) 0xe8, 3, 0, 0}, limit.bytes(), "limit is still 1000");
            line(host, "^tick \\d+ counter");
            assertTrue(host.isAlive());
        }
    }

    @Test
    void after_a_reload_that_gave_a_global_fresh_storage_the_new_storage_is_read_and_written() throws Exception {
        try (var project = TestProject.fixture("globals", temp);
             var host = start(project)) {
            line(host, "label start$");
            get(host.writeGlobal("label", Arrays.copyOf("old".getBytes(StandardCharsets.US_ASCII), 16)));
            line(host, "label old$");

            assertEquals(2, project.apply("grow").build());
            assertFalse(get(host.requestReload()).failed());
            var grown = line(host, "label grown$");
            var snapshot = get(host.readGlobals());

            assertEquals(2, snapshot.generation());
            var label = snapshot.find("label").orElseThrow();
            assertEquals("hcr.label.g2", label.linkName());
            assertEquals(32, label.size());
            assertEquals("libvars.g2.so", label.storage(), "the new storage, in the new library");
            assertEquals("grown", new String(label.bytes(), StandardCharsets.US_ASCII).replace("\0", ""));
            var counter = snapshot.find("counter").orElseThrow();
            assertEquals("hcr.counter", counter.linkName());
            assertEquals("libvars.g1.so", counter.storage(), "kept storage, in the first library");
            assertEquals("libvars.g2.so", counter.library(), "typed by the new version");
            assertTrue(Long.parseLong(grown.group(2)) > 101, "counter kept its value: " + grown.group());
            assertEquals("char[32]", new GlobalTypes().of(snapshot.library(label), "label", 32).text());

            get(host.writeGlobal("label", Arrays.copyOf("written into gen 2".getBytes(StandardCharsets.US_ASCII), 32)));
            line(host, "label written into gen 2$");
        }
    }

    @Test
    void reads_while_the_program_reloads_itself_at_its_reload_point_are_safe_and_name_their_generation() throws Exception {
        try (var project = TestProject.fixture("reload-point", temp);
             var host = start(project, "20")) {
            host.awaitOutput("^tick 2 open v1", WAIT);
            // reads go on while the build publishes generation 2 and the program loads it on its own
            // thread, at hcr_reload_point(); they stop a few reads after the first one that sees it
            var generations = new CopyOnWriteArrayList<Integer>();
            var reads = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (generations.stream().filter(g -> g == 2).count() < 5 && System.nanoTime() < deadline) {
                    try {
                        var snapshot = get(host.readGlobals());
                        var count = snapshot.find("phase_count").orElseThrow();
                        assertEquals(8, count.bytes().length, count.toString());
                        generations.add(snapshot.generation());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
            while (generations.isEmpty() && !reads.isDone()) {
                Thread.sleep(5);
            }
            assertEquals(2, project.apply("next").build());
            host.awaitOutput("open v2 close v2", WAIT);
            get(reads);

            assertEquals(1, generations.get(0), "the first reads came before the reload: " + generations);
            assertEquals(2, generations.get(generations.size() - 1), "reads went on until generation 2: " + generations);
            assertEquals(generations.stream().sorted().toList(), generations, "never back to 1: " + generations);
            assertTrue(generations.stream().allMatch(g -> g == 1 || g == 2), generations.toString());
            var count = get(host.readGlobals()).find("phase_count").orElseThrow();
            assertEquals("hcr.phase_count", count.linkName());
            assertTrue(host.isAlive());
        }
    }

    @Test
    void a_thread_local_global_is_listed_with_the_reason_it_cannot_be_read() throws Exception {
        var main = """
                #include <stdio.h>
                #include <time.h>
                _Thread_local int per_thread = 7;
                int shared = 8;
                int main(void) {
                    for (int tick = 1;; tick++) {
                        printf("tick %d per_thread %d shared %d\\n", tick, per_thread, shared);
                        nanosleep(&(struct timespec){0, 20000000L}, NULL);
                    }
                }
                """;
        try (var project = TestProject.of(temp, "tls", Map.of("main.c", main))) {
            assertEquals(1, project.build());
            try (var host = ProgramHost.start(project.hostOptions())) {
                host.awaitOutput("^tick 1 per_thread 7 shared 8$", WAIT);
                var snapshot = get(host.readGlobals());
                var perThread = snapshot.find("per_thread").orElseThrow();
                assertFalse(perThread.readable());
                assertEquals("global 'per_thread' (module main) is thread-local: every thread has its own copy, and"
                        + " the host can show none of them", perThread.error());
                assertEquals(0, perThread.bytes().length);
                assertEquals(Map.of("shared", "08000000"), snapshot.globals().stream().filter(GlobalBytes::readable)
                        .collect(Collectors.toMap(GlobalBytes::name, GlobalBytes::hex)));
                assertEquals(perThread.error(), refusal(host.writeGlobal("per_thread", new byte[4])));
                host.awaitOutput("per_thread 7 shared 8$", WAIT);
            }
        }
    }

    @Test
    void a_program_that_has_ended_is_not_asked() throws Exception {
        try (var project = TestProject.fixture("globals", temp);
             var host = start(project, "1", "2")) {
            assertInstanceOf(HostEvent.Exited.class, host.awaitEnding(WAIT));
            var failure = assertThrows(ExecutionException.class, () -> get(host.readGlobals()));
            assertInstanceOf(HostException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().startsWith("the program has ended (Exited[status=0]): cannot read"
                    + " its globals"), failure.getCause().getMessage());
            assertInstanceOf(HostException.class, assertThrows(ExecutionException.class,
                    () -> get(host.writeGlobal("counter", new byte[4]))).getCause());
        }
    }

    private static ProgramHost start(TestProject project, String... args) {
        assertEquals(1, project.build());
        var host = ProgramHost.start(project.hostOptions(args.length == 0 ? new String[] {"50"} : args));
        host.awaitEvent(HostEvent.Started.class, WAIT);
        return host;
    }
}

package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.debug.GlobalTypes;
import hcr.compiler.debug.GlobalValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file- and function-statics of a real running program, read and written through
 * {@link ProgramHost} where the loaded code keeps them: after a reload that shared a static, that
 * is the first version's storage, which the old loop still on the stack and the new code both use.
 */
class StaticVariablesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern TOTAL = Pattern.compile("^tick (\\d+) total (\\d+) step (v\\d) loop (v\\d)$");

    @TempDir
    Path temp;

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static long total(ProgramHost host, String regex) {
        var line = TOTAL.matcher(host.awaitOutput(regex, WAIT));
        assertTrue(line.matches(), line.toString());
        return Long.parseLong(line.group(2));
    }

    @Test
    void statics_are_listed_with_their_declared_names_types_and_values() throws Exception {
        try (var project = TestProject.fixture("globals", temp);
             var host = start(project, "50")) {
            host.awaitOutput("^tick 3 ", WAIT);
            var snapshot = get(host.readGlobals());

            var types = new GlobalTypes();
            var shown = new TreeMap<String, String>();
            for (var s : snapshot.statics()) {
                assertEquals("vars", s.module(), s.toString());
                assertEquals("", s.linkName(), "a static has no link name: " + s);
                assertEquals("libvars.g1.so", s.library());
                assertEquals("libvars.g1.so", s.storage());
                assertTrue(s.readable() && s.writable() && s.offset() > 0, s.toString());
                var type = types.ofStatic(snapshot.library(s), s.name(), s.offset(), s.size());
                var value = new GlobalValue(type.qualifiedName(), type.type(), s.bytes(), s.truncated());
                shown.put(type.qualifiedName(), type.type().text() + " = " + value.display());
            }
            assertEquals(2, shown.size(), shown::toString);
            long steps = Long.parseLong(shown.get("steps").substring("long int = ".length()));
            long calls = Long.parseLong(shown.get("vars_step::calls").substring("int = ".length()));
            assertTrue(steps >= 3, "one step a tick: " + shown);
            assertTrue(calls >= 46 && calls % 2 == 0, "40, then two a tick: " + shown);
            assertTrue(snapshot.findStatic("vars", "calls.0").isPresent(), "found by its symbol");
        }
    }

    @Test
    void a_shared_static_is_read_and_written_where_old_and_new_code_both_keep_it() throws Exception {
        try (var project = TestProject.fixture("b18-shared-static", temp);
             var host = start(project, "20")) {
            total(host, "^tick 3 total 3 step v1 loop v1$");

            var total = get(host.readGlobals()).findStatic("main", "total").orElseThrow();
            assertEquals(8, total.size());
            assertEquals("libmain.g1.so", total.storage());
            get(host.writeStatic("main", "total", longBytes(5000)));
            long written = total(host, "^tick \\d+ total 500\\d step v1 loop v1$");
            assertTrue(written > 5000, "the loop read the written static, then bump added 1: " + written);

            assertEquals(2, project.apply("edit").build());
            assertTrue(get(host.requestReload()).code() > 0);
            long shared = total(host, "^tick \\d+ total \\d+ step v2 loop v1$");
            assertTrue(shared > written, "the old loop prints what the new bump adds: " + shared);
            var after = get(host.readGlobals());
            assertEquals(2, after.generation());
            var kept = after.findStatic("main", "total").orElseThrow();
            assertEquals("libmain.g1.so", kept.storage(), "shared: still the first version's storage");
            assertEquals("libmain.g2.so", kept.library(), "typed by the new version");
            assertEquals(total.address(), kept.address());

            get(host.writeStatic("main", "total", longBytes(90000)));
            long again = total(host, "^tick \\d+ total 900\\d\\d step v2 loop v1$");
            assertTrue(again >= 90010, "written once, seen by old and new code: " + again);

            assertEquals("no static 'nope' in module main in generation 2",
                    refusal(host.writeStatic("main", "nope", longBytes(1))));
            assertEquals("static 'total' (module main) is 8 bytes: 2 given",
                    refusal(host.writeStatic("main", "total", new byte[2])));
            assertTrue(host.isAlive());
        }
    }

    private static String refusal(CompletableFuture<?> future) {
        var failure = assertThrows(ExecutionException.class, () -> get(future));
        return assertInstanceOf(GlobalAccessException.class, failure.getCause()).getMessage();
    }

    private static ProgramHost start(TestProject project, String... args) {
        assertEquals(1, project.build());
        var host = ProgramHost.start(project.hostOptions(args));
        host.awaitEvent(HostEvent.Started.class, WAIT);
        return host;
    }
}

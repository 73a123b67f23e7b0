package hcr.loader.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.loader.HostEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B23: a plugin the program {@code dlopen}s at run time, built outside the project, calls the
 * program's function {@code api_add} and reads its global {@code api_counter} by their C names,
 * as plugins of a program linked with {@code -Wl,-E} do. After {@code api_add}'s module is
 * reloaded, the plugin's next call and a call through the pointer it saved at start-up (from
 * {@code dlsym(RTLD_DEFAULT, "api_add")}, equal to its own {@code &api_add}) run the new code;
 * after the global's module is reloaded it still reads the storage the program steps; after
 * {@code api_add}'s module is deleted its call traps with B6's message. The program also finds
 * its own global by name: {@code dlsym(RTLD_DEFAULT, "api_counter") == &api_counter}.
 */
class PluginScenarioTest {

    /** tick, what the plugin's api_add(1000, 1) and saved pointer give, api_counter as the plugin and the program read it. */
    private static final LineFormat LINE = LineFormat.of(
            "^tick (\\d+) plugin=(\\d+) saved=(\\d+) counter=(\\d+) own=(\\d+) self=(yes|no)$");

    @TempDir
    Path temp;

    /** The plugin, built as plugins are: on its own, {@code gcc -shared -fPIC}, no part of the project. */
    private Path plugin() throws IOException, InterruptedException {
        var dir = Files.createDirectories(temp.resolve("outside"));
        var plugin = dir.resolve("plugin.so");
        var source = FixtureProject.fixtures().resolve("plugins/b23-plugin/plugin.c");
        var gcc = new ProcessBuilder("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-o",
                plugin.toString(), source.toString()).redirectErrorStream(true).start();
        var output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), "building the plugin: " + output);
        return plugin;
    }

    /** What the plugin gets from api_add, and the counter it reads is the program's own. */
    private static boolean calls(TickLine line, long add) {
        return line.number(2) == add && line.number(3) == add && line.number(4) == line.number(5)
                && line.text(6).equals("yes");
    }

    @Test
    void a_plugin_reaches_the_newest_function_the_live_global_and_the_trap_by_c_names() throws Exception {
        var plugin = plugin();
        try (var project = FixtureProject.copy("b23-plugin", temp)) {
            var first = project.publish();
            try (var program = RunningProgram.start(project.hostOptions("20", "0", plugin.toString()), first.number())) {
                program.await(LINE, line -> calls(line, 1001) && line.number(4) == line.tick(), 2);

                // the function's module: the plugin's call and its saved pointer run the new code
                var edited = project.apply("add").publish();
                assertEquals(Map.of("api", "reloaded"), program.reload(edited).moduleActions());
                program.await(LINE, line -> calls(line, 2001), 3);
                Switch.find(program.output(), LINE, line -> calls(line, 1001) && line.number(4) == line.tick(),
                        (before, line) -> calls(line, 2001) && line.number(4) == line.tick()).assertNewLines(3);

                // the global's module: the plugin still reads the storage the program steps, now by 10
                var stepped = project.apply("counter").publish();
                assertEquals(Map.of("counter", "reloaded"), program.reload(stepped).moduleActions());
                var before = program.await(LINE, line -> calls(line, 2001));
                var after = program.await(LINE, line -> calls(line, 2001));
                while (after.number(4) - before.number(4) != 10) {
                    before = after;
                    after = program.await(LINE, line -> calls(line, 2001));
                }
                program.await(LINE, line -> calls(line, 2001), 2);
                assertCounterNeverRestarts(program.output());

                // the function's module deleted: the plugin's next call traps, naming function and module
                Files.delete(project.dir().resolve("api.c"));
                var removed = project.publish();
                assertEquals(List.of("api"), removed.removed());
                assertEquals(Map.of("api", "removed"), program.reload(removed).moduleActions());
                var ending = program.host().awaitEnding(RunningProgram.WAIT);
                assertEquals(new HostEvent.Crashed("SIGABRT", "api_add", "api", null), ending);
                var output = program.output();
                assertEquals("hcr: function 'api_add' was removed with module 'api' (generation " + removed.number() + ")",
                        output.get(output.size() - 1), "the last thing the program printed: " + output);
            }
        }
    }

    /** Ticks count on, and the counter the plugin reads grows by 1, then by 10, never back to the start. */
    private static void assertCounterNeverRestarts(List<String> output) {
        var lines = LINE.select(output);
        for (int i = 1; i < lines.size(); i++) {
            var step = lines.get(i).number(4) - lines.get(i - 1).number(4);
            assertEquals(lines.get(i - 1).tick() + 1, lines.get(i).tick(), "ticks count on: " + output);
            assertTrue(step == 1 || step == 10, "the counter steps by 1 or 10, kept across the reload: " + lines.get(i));
        }
    }
}

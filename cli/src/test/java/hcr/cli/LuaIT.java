package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.DebianSource;
import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua 5.4.4, the upstream release in Debian's lua5.4 source package, untouched (SCENARIOS.md
 * R1): {@code hcr init <lua> --target lua -- make linux} learns the program from its own
 * Makefile; {@code hcr run} runs scripts exercising coroutines, errors (longjmp), the GC and
 * the string library exactly as the {@code lua} make built does; under {@code hcr dev} an edit
 * of {@code luaL_tolstring} in lauxlib.c changes what the running script prints, its own state
 * continuing, while the script keeps using Debian's lua-filesystem ({@code require "lfs"}: an
 * lfs.so that expects the program to export the Lua API by C name, issue 11); and an edit of
 * {@code math_floor} in lmathlib.c, a static function whose pointer {@code luaL_newlib} stored in
 * the math table at start-up, changes {@code math.floor} in the running script (issue 10: the
 * old version's entry forwards to the new one).
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LuaIT {
    private static final List<String> SCRIPTS = List.of("coroutines.lua", "errors.lua", "gc.lua", "strings.lua");

    @TempDir
    static Path temp;
    private Path lua;
    private Path scripts;

    @BeforeAll
    void initFromTheMakefile() {
        RequiredTool.require(onPath("bear"),
                "bear (apt-get install bear)");
        RequiredTool.require(onPath("make"), "make");
        lua = DebianSource.upstream("lua5.4", "5.4.4", temp);
        scripts = Hcr.fixtures().resolve("real/lua").toAbsolutePath();
        var init = Hcr.run(temp, "init", lua.toString(), "--target", "lua", "--", "make", "linux");
        assertEquals(0, init.status(), init::transcript);
        assertTrue(init.err().contains("hcr init: lua from `make linux`: 33 modules, link inputs -lm -Wl,-E -ldl"),
                init::transcript);
        assertTrue(init.err().contains("hcr init: wrote " + lua.resolve("hcr.toml")), init::transcript);
        assertTrue(Files.isExecutable(lua.resolve("src/lua")), "make built the plain lua too");
    }

    @Test
    void scriptsPrintWhatTheLuaMakeBuiltPrints() throws Exception {
        for (var script : SCRIPTS) {
            var plain = stdout(scripts, lua.resolve("src/lua").toString(), script);
            var hcr = Hcr.run(scripts, "run", lua.toString(), "--", script);
            assertEquals(0, hcr.status(), hcr::transcript);
            assertEquals(plain, hcr.out(), () -> script + ": hcr run differs from make's lua\n" + hcr.transcript());
        }
    }

    @Test
    void anEditOfLauxlibReachesTheRunningScript() throws IOException {
        RequiredTool.require(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/lua/5.4/lfs.so")),
                "Debian's lua-filesystem (apt-get install lua-filesystem)");
        var lauxlib = lua.resolve("src/lauxlib.c");
        var original = Files.readString(lauxlib, StandardCharsets.ISO_8859_1);
        var from = "lua_toboolean(L, idx) ? \"true\" : \"false\"";
        assertTrue(original.contains(from), "luaL_tolstring prints booleans");
        try (var hcr = Hcr.start(scripts, "dev", lua.toString(), "--port", "0", "--", "lfs_loop.lua")) {
            var before = hcr.awaitOut("^tick (\\d+) true floor 7 lfs directory$");
            Files.writeString(lauxlib, original.replace(from, "lua_toboolean(L, idx) ? \"yes\" : \"no\""),
                    StandardCharsets.ISO_8859_1);
            hcr.awaitErr("^hcr: reloaded src/lauxlib \\(gen 2\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$");
            var after = hcr.awaitOut("^tick (\\d+) yes floor 7 lfs directory$", before.index());
            var lines = hcr.out().lines();
            // one run of ticks: the script's own counter went on through the reload
            for (int i = before.index(); i < after.index(); i++) {
                assertEquals(tick(lines.get(i)) + 1, tick(lines.get(i + 1)), hcr::transcript);
            }
            assertEquals(List.of(), hcr.err().matching("^hcr: started ").stream().skip(1).toList(), hcr::transcript);
        } finally {
            Files.writeString(lauxlib, original, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anEditOfAStaticFunctionTheMathTableHoldsReachesTheRunningScript(@TempDir Path buildDir) throws IOException {
        var lmathlib = lua.resolve("src/lmathlib.c");
        var original = Files.readString(lmathlib, StandardCharsets.ISO_8859_1);
        var from = "lua_Number d = l_mathop(floor)(luaL_checknumber(L, 1));";
        assertTrue(original.contains(from), "math_floor rounds down");
        // a build folder of its own: its generations do not depend on the other tests'
        try (var hcr = Hcr.start(scripts, "dev", lua.toString(), "--build-dir", buildDir.toString(), "--port", "0",
                "--", "loop.lua")) {
            var before = hcr.awaitOut("^tick (\\d+) true floor 7$");
            Files.writeString(lmathlib, original.replace(from, from.replace(");", ") + 100;")),
                    StandardCharsets.ISO_8859_1);
            hcr.awaitErr("^hcr: reloaded src/lmathlib \\(gen 2\\) in \\d+(\\.\\d)? ms — \\d+ entries forward$");
            var after = hcr.awaitOut("^tick (\\d+) true floor 107$", before.index());
            var lines = hcr.out().lines();
            for (int i = before.index(); i < after.index(); i++) {
                assertEquals(tick(lines.get(i)) + 1, tick(lines.get(i + 1)), hcr::transcript);
            }
            assertEquals(List.of(), hcr.err().matching("^hcr: started ").stream().skip(1).toList(), hcr::transcript);
        } finally {
            Files.writeString(lmathlib, original, StandardCharsets.ISO_8859_1);
        }
    }

    private static int tick(String line) {
        return Integer.parseInt(line.split(" ")[1]);
    }

    private static boolean onPath(String tool) {
        for (var dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** What {@code command} prints on stdout, line by line, run in {@code dir}. */
    private static List<String> stdout(Path dir, String... command) throws Exception {
        var process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command));
        return text.lines().toList();
    }
}

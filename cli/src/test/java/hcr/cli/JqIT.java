package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.DebianSource;
import hcr.testsupport.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * jq 1.6, the upstream release in Debian's jq source package, built as its README says
 * ({@code autoreconf -fi}, {@code ./configure}, {@code make}): autotools and libtool (the
 * {@code jq} executable links {@code libjq.la}'s PIC objects), the system's oniguruma, a
 * flex/bison parser, a module with a thread-local (linked by the driver), and a global
 * constructor ({@code jv_mem_uninit_setup}) that trapped under hcr as "no implementation" before
 * constructors ran with the stubs bound. {@code hcr init --target jq -- make -j2} learns it;
 * {@code hcr run} prints what the plain {@code jq} prints; under {@code hcr dev}, jq reading JSON
 * from hcr's stdin, an edit of {@code f_length} in {@code src/builtin.c} - a static function the
 * builtins table has held since start-up - changes {@code length}'s next answer in the same process.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JqIT {
    private static final Duration LONG_BUILD = Duration.ofMinutes(5);
    private static final List<String> FILTERS = List.of("[1,2,3] | map(.*10) | add", "\"héllo\" | length, ascii_upcase",
            "{\"a\":[1,{\"b\":2}]} | paths | tostring", "[range(5)] | map(select(. % 2 == 0)) | tojson",
            "\"2015-03-05T23:51:47Z\" | fromdate", "\"abc123\" | test(\"[0-9]+\")");
    private static final String LENGTH = "    return jv_number(jv_array_length(input));\n";

    @TempDir
    static Path temp;
    private Path jq;

    @BeforeAll
    void initFromAutotools() {
        for (var tool : List.of("bear", "make", "autoreconf", "libtoolize", "pkg-config")) {
            RequiredTool.require(onPath(tool), tool + " (apt-get install bear make autoconf automake libtool pkg-config)");
        }
        RequiredTool.require(Hcr.tool(temp, "pkg-config", "--exists", "oniguruma").endsWith("(exit 0)"),
                "oniguruma for pkg-config (apt-get install libonig-dev)");
        jq = DebianSource.upstream("jq", "1.6", temp);
        Hcr.toolOk(jq, "autoreconf", "-fi");
        Hcr.toolOk(jq, "./configure", "--with-oniguruma=yes", "--disable-docs", "--disable-maintainer-mode");
        try (var init = Hcr.start(temp, "init", jq.toString(), "--target", "jq", "--", "make", "-j2")) {
            init.closeStdin();
            init.err().awaitEnd(LONG_BUILD, init::transcript);
            init.out().awaitEnd(LONG_BUILD, init::transcript);
            assertEquals(0, init.awaitExit(), init::transcript);
            var summary = init.awaitErr("^hcr init: jq from `make -j2`: (\\d+) modules, link inputs (.*)$");
            assertEquals(19, summary.number(1), "main.c and the 18 sources of libjq\n" + init.transcript());
            assertTrue(List.of(summary.group(2).split(" ")).containsAll(List.of("-lm", "-lonig")), init::transcript);
        }
        assertTrue(Files.isExecutable(jq.resolve("jq")), "the build made the plain jq too");
    }

    @Test
    void hcrRunPrintsWhatThePlainJqPrints() {
        for (var filter : FILTERS) {
            var plain = Hcr.toolOk(jq, jq.resolve("jq").toString(), "-n", "-c", filter);
            var run = Hcr.run(temp, "run", jq.toString(), "--", "-n", "-c", filter);
            assertEquals(0, run.status(), run::transcript);
            assertEquals(plain.lines().toList(), run.out(), filter + "\n" + run.transcript());
        }
    }

    @Test
    void anEditOfAStaticBuiltinTheTableHoldsChangesTheRunningJq() throws Exception {
        var builtin = jq.resolve("src/builtin.c");
        var original = Files.readString(builtin, StandardCharsets.ISO_8859_1);
        assertTrue(original.contains("static jv f_length(jq_state *jq, jv input) {\n  if (jv_get_kind(input) == JV_KIND_ARRAY) {\n"
                + LENGTH), "f_length counts an array's elements");
        try (var hcr = Hcr.start(temp, "dev", jq.toString(), "--port", "0", "--", "-c", "length")) {
            hcr.err().await("^hcr: started \\S+ \\(gen 1, pid \\d+\\)$", 0, LONG_BUILD, hcr::transcript);
            long host = hcr.hostPid(1);
            hcr.type("[1,2,3]");
            hcr.awaitOutLines(1);
            assertEquals(List.of("3"), hcr.out().lines(), hcr::transcript);

            Files.writeString(builtin, original.replace(LENGTH,
                    "    return jv_number(jv_array_length(input) + 100);\n"), StandardCharsets.ISO_8859_1);
            hcr.awaitErr("^hcr: reloaded src/builtin \\(gen 2\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$");

            hcr.type("[1,2,3]");
            hcr.type("\"four\"");
            hcr.awaitOutLines(3);
            assertEquals(List.of("3", "103", "4"), hcr.out().lines(), hcr::transcript);
            assertEquals(List.of("pid " + host + ")"), hcr.err().matching("^hcr: started ").stream()
                    .map(line -> line.substring(line.lastIndexOf("pid "))).toList(), "a reload, not a restart");
            assertTrue(hcr.isAlive(), hcr::transcript);
        } finally {
            Files.writeString(builtin, original, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean onPath(String tool) {
        for (var dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}

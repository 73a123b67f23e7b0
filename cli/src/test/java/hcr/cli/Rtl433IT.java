package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.DebianSource;
import hcr.testsupport.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * rtl_433 22.11, the upstream release in Debian's rtl-433 source package, untouched
 * (SCENARIOS.md R2, issue 9's second real program): a CMake build, librtlsdr and libusb-1.0
 * found through pkg-config, and a static archive of its own ({@code libr_433.a}, 232 sources)
 * linked by the {@code rtl_433} executable, every source compiled {@code -fvisibility=hidden}.
 * {@code hcr init <dir> --target rtl_433 -- cmake --build build -j2} learns it; under
 * {@code hcr dev} the program decodes test codes read from its stdin ({@code -y -}, which is
 * hcr's stdin) as the plain build does, and an edit of {@code decoder_output_data()} in the
 * archive's {@code src/decoder_util.c} changes the JSON it prints next, in the same process.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rtl433IT {
    /** A Chuango security sensor's code, which two decoders recognise (rtl_433's own test data). */
    private static final String CODE = "{25}fb2dd58";
    private static final List<String> PROGRAM_ARGS = List.of("-F", "json", "-M", "time:off", "-y", "-");
    private static final String DECODER_UTIL = "src/decoder_util.c";
    private static final String OUTPUT_CALL = "    decoder->output_fn(decoder, data);\n";
    private static final String EDIT = "    data = data_append(data, \"hcr\", \"\", DATA_STRING, \"edited\", NULL);\n";

    /** The init's build and hcr's first build of 233 modules at -O3, on two busy cores. */
    private static final Duration LONG_BUILD = Duration.ofMinutes(6);

    @TempDir
    static Path temp;
    private Path rtl;

    @BeforeAll
    void initFromCMake() {
        RequiredTool.require(onPath("bear"), "bear (apt-get install bear)");
        RequiredTool.require(onPath("cmake"), "cmake");
        RequiredTool.require(onPath("make"), "make");
        RequiredTool.require(onPath("pkg-config"), "pkg-config");
        RequiredTool.require(Hcr.tool(temp, "pkg-config", "--exists", "librtlsdr", "libusb-1.0").endsWith("(exit 0)"),
                "librtlsdr and libusb-1.0 for pkg-config (apt-get install librtlsdr-dev libusb-1.0-0-dev)");
        rtl = DebianSource.upstream("rtl-433", "22.11", temp);
        assertEquals("rtl_433-22.11", rtl.getFileName().toString());
        Hcr.toolOk(rtl, "cmake", "-S", ".", "-B", "build");

        long started = System.nanoTime();
        try (var init = Hcr.start(temp, "init", rtl.toString(), "--target", "rtl_433", "--", "cmake", "--build", "build",
                "-j2")) {
            init.closeStdin();
            init.err().awaitEnd(LONG_BUILD, init::transcript);
            init.out().awaitEnd(LONG_BUILD, init::transcript);
            assertEquals(0, init.awaitExit(), init::transcript);
            var summary = init.awaitErr("^hcr init: rtl_433 from `cmake --build build -j2`: (\\d+) modules, link inputs (.*)$");
            assertEquals(233, summary.number(1), "rtl_433.c and the 232 sources of libr_433.a\n" + init.transcript());
            var link = List.of(summary.group(2).split(" "));
            assertTrue(link.containsAll(List.of("-lrtlsdr", "-lusb-1.0", "-lm")), init::transcript);
            assertTrue(link.stream().noneMatch(input -> input.contains("libr_433")), "the project's own archive is modules");
            init.awaitErr("^hcr init: dropped -fvisibility=hidden \\(");
            init.awaitErr("^hcr init: wrote " + Pattern.quote(rtl.resolve("hcr.toml").toString()) + "$");
            System.out.printf("Rtl433IT: hcr init took %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        }
        assertTrue(Files.isExecutable(rtl.resolve("build/src/rtl_433")), "the build made the plain rtl_433 too");
    }

    @Test
    void anEditOfTheArchivesDecoderUtilChangesTheRunningProgramsJson() throws Exception {
        var plain = plainOutput();
        assertEquals(2, plain.size(), plain::toString);
        assertTrue(plain.get(0).startsWith("{\"model\" : \"Chuango-Security\", "), plain::toString);
        assertTrue(plain.get(1).startsWith("{\"model\" : \"Generic-Remote\", "), plain::toString);

        var decoderUtil = rtl.resolve(DECODER_UTIL);
        var original = Files.readString(decoderUtil, StandardCharsets.ISO_8859_1);
        var function = "void decoder_output_data(r_device *decoder, data_t *data)\n{\n" + OUTPUT_CALL;
        assertTrue(original.contains(function), "decoder_output_data() calls the output function");

        var args = new ArrayList<>(List.of("dev", rtl.toString(), "--port", "0", "--"));
        args.addAll(PROGRAM_ARGS);
        long started = System.nanoTime();
        try (var hcr = Hcr.start(temp, args.toArray(String[]::new))) {
            hcr.err().await("^hcr: started \\S+ \\(gen 1, pid \\d+\\)$", 0, LONG_BUILD, hcr::transcript);
            System.out.printf("Rtl433IT: hcr dev's first build took %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
            long host = hcr.hostPid(1);
            hcr.awaitErr("^Reading test data from stdin$");

            hcr.type(CODE);
            hcr.awaitOutLines(2);
            assertEquals(plain, hcr.out().lines(), () -> "what the plain build prints\n" + hcr.transcript());

            Files.writeString(decoderUtil, original.replace(function,
                    "void decoder_output_data(r_device *decoder, data_t *data)\n{\n" + EDIT + OUTPUT_CALL),
                    StandardCharsets.ISO_8859_1);
            hcr.awaitErr("^hcr: reloaded src/decoder_util \\(gen 2\\) in \\d+(\\.\\d)? ms" + Hcr.FORWARDED + "$");

            hcr.type(CODE);
            hcr.awaitOutLines(4);
            var edited = plain.stream().map(line -> line.substring(0, line.length() - 1) + ", \"hcr\" : \"edited\"}").toList();
            assertEquals(edited, hcr.out().lines().subList(2, 4), hcr::transcript);

            // the same process all along: a reload, not a restart
            assertEquals(List.of("pid " + host + ")"), hcr.err().matching("^hcr: started ").stream()
                    .map(line -> line.substring(line.lastIndexOf("pid "))).toList(), hcr::transcript);
            assertEquals(List.of(), hcr.err().matching("^hcr: .*(exited|crashed|restarting)"), hcr::transcript);
            assertTrue(hcr.isAlive(), hcr::transcript);
        } finally {
            Files.writeString(decoderUtil, original, StandardCharsets.ISO_8859_1);
        }
    }

    /** What the rtl_433 CMake built prints for the code on its stdin. */
    private List<String> plainOutput() throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(rtl.resolve("build/src/rtl_433").toString()));
        command.addAll(PROGRAM_ARGS);
        var process = new ProcessBuilder(command).directory(temp.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write((CODE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the plain rtl_433 did not end");
        assertEquals(0, process.exitValue(), "the plain rtl_433's exit status: " + text);
        return text.lines().toList();
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

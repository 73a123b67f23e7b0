package hcr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.testsupport.DebianSource;
import hcr.testsupport.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * zstd 1.5.4, the upstream release in Debian's libzstd source package (its .orig, repacked
 * without non-free files), built by its own Makefile: the {@code zstd} program links the
 * library's objects directly, and one of them is assembled from {@code .S}
 * ({@code huf_decompress_amd64.S}, its entry points {@code .hidden}), which is not a module:
 * {@code hcr init} makes it a link input, linked as it is into the library the modules share.
 * {@code hcr run} then compresses what the plain zstd decompresses, and decompresses (through
 * the assembly) what the plain zstd compressed, byte for byte.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZstdIT {
    private static final Duration LONG_BUILD = Duration.ofMinutes(5);
    private static final String ASM = "programs/obj/\\S+/huf_decompress_amd64\\.o";

    @TempDir
    static Path temp;
    private Path zstd;
    private byte[] data;

    @BeforeAll
    void initFromTheMakefile() throws Exception {
        for (var tool : new String[] {"bear", "make", "gcc"}) {
            RequiredTool.require(Hcr.tool(temp, "sh", "-c", "command -v " + tool).endsWith("(exit 0)"), tool);
        }
        zstd = DebianSource.upstream("libzstd", "1.5.4+dfsg2", temp);
        try (var init = Hcr.start(temp, "init", zstd.toString(), "--target", "zstd", "--", "make", "-j2", "-C",
                "programs", "zstd")) {
            init.closeStdin();
            init.err().awaitEnd(LONG_BUILD, init::transcript);
            init.out().awaitEnd(LONG_BUILD, init::transcript);
            assertEquals(0, init.awaitExit(), init::transcript);
            var summary = init.awaitErr("^hcr init: zstd from `make -j2 -C programs zstd`: (\\d+) modules, link inputs (.*)$");
            assertTrue(summary.number(1) > 30, init::transcript);
            assertTrue(Pattern.compile("(^| )" + ASM + "( |$)").matcher(summary.group(2)).find(), init::transcript);
            init.awaitErr("^hcr init: not a module: " + ASM + " \\(from lib/decompress/huf_decompress_amd64\\.S,"
                    + " not C\\): linked as it is, never reloaded$");
        }
        assertTrue(Files.isExecutable(zstd.resolve("programs/zstd")), "the build made the plain zstd too");
        data = new byte[300_000];
        var random = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (random.nextInt(16) + 'a'); // compressible, with Huffman work to do
        }
        Files.write(temp.resolve("data"), data);
    }

    @Test
    void hcrRunCompressesWhatThePlainZstdDecompresses() throws Exception {
        var run = Hcr.run(temp, "run", zstd.toString(), "--", "-q", "-f", "-3", "data", "-o", "by-hcr.zst");
        assertEquals(0, run.status(), run::transcript);
        Hcr.toolOk(temp, zstd.resolve("programs/zstd").toString(), "-q", "-d", "-f", "by-hcr.zst", "-o", "back");
        assertArrayEquals(data, Files.readAllBytes(temp.resolve("back")));
    }

    @Test
    void hcrRunDecompressesWhatThePlainZstdCompressed() throws Exception {
        Hcr.toolOk(temp, zstd.resolve("programs/zstd").toString(), "-q", "-f", "-19", "data", "-o", "plain.zst");
        var run = Hcr.run(temp, "run", zstd.toString(), "--", "-q", "-d", "-f", "plain.zst", "-o", "by-hcr");
        assertEquals(0, run.status(), run::transcript);
        assertArrayEquals(data, Files.readAllBytes(temp.resolve("by-hcr")));
    }
}

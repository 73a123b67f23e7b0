package hcr.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrashBannerFilterTest {

    private static final String BANNER = "#\n"
            + "# A fatal error has been detected by the Java Runtime Environment:\n"
            + "#\n"
            + "#  SIGSEGV (0xb) at pc=0x00007f, pid=42, tid=43\n"
            + "#\n";

    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    private final CrashBannerFilter filter = new CrashBannerFilter(terminal);

    private void read(String chunk) throws IOException {
        var bytes = chunk.getBytes(StandardCharsets.UTF_8);
        filter.write(bytes, bytes.length);
        filter.endOfRead();
    }

    @Test
    void dropsTheBannerAfterTheProgramsLines() throws IOException {
        read("tick 1\ntick 2\n" + BANNER);
        assertEquals("tick 1\ntick 2\n", terminal.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dropsTheBannerWrittenOneLinePerRead() throws IOException {
        read("tick 1\n");
        for (var line : BANNER.split("(?<=\n)")) {
            read(line);
        }
        // the first '#' line ends a read on its own and cannot be known for the banner's yet
        assertEquals("tick 1\n#\n", terminal.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheProgramsOwnHashLinesUnchangedAndInOrder() throws IOException {
        read("#\n# heading\n#\nplain\n## two\n#");
        read(" trailing");
        assertEquals("#\n# heading\n#\nplain\n## two\n# trailing", terminal.toString(StandardCharsets.UTF_8));
    }

    @Test
    void neverHoldsAPromptBack() throws IOException {
        read("name? ");
        assertEquals("name? ", terminal.toString(StandardCharsets.UTF_8));
        read("#");
        assertEquals("name? #", terminal.toString(StandardCharsets.UTF_8));
    }
}

package hcr.project.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.project.ModelException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bear's recording as read (what the build ran, not what the driver ran) and the common beginning of modules' flags. */
class RecordingAndLayoutTest {
    private static final Path FILE = Path.of("/p/.hcr/init/build-events.json");

    private static String started(String rid, int pid, int ppid, String executable, String arguments) {
        return "{\"rid\":\"" + rid + "\",\"started\":{\"pid\":" + pid + ",\"ppid\":" + ppid + ",\"execution\":{\"executable\":\""
                + executable + "\",\"arguments\":" + arguments + ",\"working_dir\":\"/p\",\"environment\":{}}},"
                + "\"timestamp\":\"2026-12-07T10:20:39.362928Z\"}";
    }

    private static String terminated(String rid, int status) {
        return "{\"rid\":\"" + rid + "\",\"terminated\":{\"status\":\"" + status + "\"},\"timestamp\":\"2026-12-07T10:20:39Z\"}";
    }

    @Test
    void whatTheDriverRanAndWhatFailedAreLeftOut() throws Exception {
        var recording = BuildRecording.parse(FILE, List.of(
                started("1", 10, 1, "/usr/bin/make", "[\"make\"]"),
                started("2", 11, 10, "/usr/bin/cc", "[\"cc\",\"-c\",\"a.c\"]"),
                started("3", 12, 11, "/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "[\"cc1\",\"a.c\"]"),
                started("4", 13, 11, "/usr/bin/as", "[\"as\",\"-o\",\"a.o\"]"),
                terminated("3", 0), terminated("4", 0), terminated("2", 0),
                started("5", 14, 10, "/usr/bin/gcc", "[\"gcc\",\"-o\",\"a\",\"a.o\",\"-flto\"]"),
                started("6", 15, 14, "/usr/lib/gcc/x86_64-linux-gnu/12/collect2", "[\"collect2\"]"),
                started("7", 16, 15, "/usr/lib/gcc/x86_64-linux-gnu/12/lto-wrapper", "[\"lto-wrapper\"]"),
                started("8", 17, 16, "/usr/bin/gcc", "[\"gcc\",\"@/tmp/ccltrans\"]"),
                started("9", 18, 10, "/usr/bin/cc", "[\"cc\",\"conftest.c\"]"),
                terminated("9", 1),
                ""));
        assertEquals(List.of("make", "cc -c a.c", "gcc -o a a.o -flto"),
                recording.executions().stream().map(Execution::commandLine).toList());
    }

    @Test
    void aBrokenLineIsNamedWithItsNumber() {
        var error = assertThrows(ModelException.class, () -> BuildRecording.parse(FILE, List.of(
                started("1", 10, 1, "/usr/bin/make", "[\"make\"]"), "{\"rid\":")));
        assertTrue(error.getMessage().startsWith(FILE + ":2: not a JSON event of bear intercept: "), error.getMessage());
    }

    @Test
    void theCommonBeginningNeverPartsAnOptionFromItsValue() {
        assertEquals(List.of("-O2", "-Wall"), ProjectFileLayout.commonBeginning(List.of(
                List.of("-O2", "-Wall", "-DA"), List.of("-O2", "-Wall", "-DB"))));
        assertEquals(List.of("-O2"), ProjectFileLayout.commonBeginning(List.of(
                List.of("-O2", "-I", "inc", "-DA"), List.of("-O2", "-I", "other"))));
        assertEquals(List.of(), ProjectFileLayout.commonBeginning(List.of(
                List.of("-DA", "-O2"), List.of("-O2", "-DA"))), "order decides: nothing moves from the middle");
        assertEquals(List.of("-include", "config.h"), ProjectFileLayout.commonBeginning(List.of(
                List.of("-include", "config.h"), List.of("-include", "config.h", "-g"))));
    }
}

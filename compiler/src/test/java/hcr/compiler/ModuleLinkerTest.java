package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hcr.compiler.elf.Gcc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module's link with the project's link inputs: in process when the in-process linker takes
 * them (Lua's {@code -lm -Wl,-E -ldl}), else by the driver with the reason; {@code HCR_LINK=cc}
 * always by the driver.
 */
class ModuleLinkerTest {
    @TempDir
    Path dir;

    private ModuleLinker.Linked link(List<String> linkInputs) throws IOException {
        var source = Files.writeString(dir.resolve("m.c"), """
                #include <math.h>
                double f(double x) { return floor(x) + exp(x); }
                """);
        var object = dir.resolve("m.o");
        Gcc.run(List.of("gcc", "-c", "-fPIC", "-g", source.toString(), "-o", object.toString()));
        var config = new BuildConfig(dir, dir.resolve(".hcr"), "gcc", List.of(), linkInputs, 1);
        var library = dir.resolve("libm.g1.so");
        Files.deleteIfExists(library);
        var linked = new ModuleLinker(config).linkTraced(object, library);
        assertTrue(linked.result().ok(), linked.result()::output);
        assertTrue(Files.isRegularFile(library));
        return linked;
    }

    @Test
    void luasLinkInputsAreLinkedInProcess() throws IOException {
        var linked = link(List.of("-lm", "-Wl,-E", "-ldl"));
        if (ModuleLinker.DRIVER_ONLY) {
            assertEquals("HCR_LINK=cc", linked.declined());
            return;
        }
        assertTrue(linked.inProcess(), linked.declined());
        var dynamic = Gcc.run(List.of("readelf", "-dW", dir.resolve("libm.g1.so").toString()));
        assertTrue(dynamic.contains("Shared library: [libm.so.6]"), dynamic);
    }

    @Test
    void aLinkInputTheInProcessLinkDoesNotTakeGoesToTheDriverWithTheReason() throws IOException {
        var linked = link(List.of("-lm", "-Wl,--gc-sections"));
        assertFalse(linked.inProcess());
        assertEquals(ModuleLinker.DRIVER_ONLY ? "HCR_LINK=cc" : "the link passes --gc-sections to ld", linked.declined());
    }
}

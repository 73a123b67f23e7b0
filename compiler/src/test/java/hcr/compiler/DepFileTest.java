package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepFileTest {
    @TempDir
    Path dir;

    @Test
    void readsPrerequisitesWithContinuationsAndEscapes() {
        var text = "/b/state/obj/sim.1234.o: sim.c include/sim.h \\\n /abs/inc/a\\ b.h cost$$.h \\\r\n x\\#y.h\n";

        var deps = DepFile.prerequisites(text, dir, dir.resolve("sim.c"));

        assertEquals(List.of(dir.resolve("include/sim.h"), Path.of("/abs/inc/a b.h"), dir.resolve("cost$.h"),
                dir.resolve("x#y.h")), deps);
    }

    @Test
    void readsWhatGccWrites() throws Exception {
        var project = new ProjectFiles(dir).write("src/m.c", "#include \"local.h\"\n#include <sim.h>\n#include <stdio.h>\n")
                .write("src/local.h", "").write("include/sim.h", "#include \"../src/local.h\"\n");
        project.run("gcc", "-c", "-MMD", "-MF", "out.d", "-Iinclude", "-I" + dir, "src/m.c", "-o", "out.o");

        var deps = DepFile.prerequisites(Files.readString(dir.resolve("out.d")), dir, dir.resolve("src/m.c"));

        assertEquals(List.of(dir.resolve("src/local.h"), dir.resolve("include/sim.h")), deps);
    }
}

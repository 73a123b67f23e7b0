package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseBuildTest {
    @TempDir
    Path dir;

    @Test
    void buildsOneOptimisedExecutableThatRuns() {
        var root = dir.resolve("orbit");
        var project = new ProjectFiles(root)
                .write("main.c", "#include <stdio.h>\n#include <math.h>\n#include \"calc.h\"\n"
                        + "int main(void) { printf(\"answer %d %.0f\\n\", answer(), sqrt(16.0)); return 0; }\n")
                .write("include/calc.h", "int answer(void);\n")
                .write("lib/calc.c", "#include \"calc.h\"\nint answer(void) { return 42; }\n");
        var config = project.config().withLibraries(List.of("-lm"));

        var result = new ReleaseBuild(config, BuildListener.silent()).build();

        if (result instanceof BuildReport.Failed failed) {
            throw new AssertionError(failed.summary() + "\n" + failed.output());
        }
        var executable = assertInstanceOf(ReleaseResult.Executable.class, result).path();
        assertEquals(root.resolve(".hcr/release/orbit"), executable);
        assertEquals("answer 42 4\n", project.run(executable.toString()));
        var dynamic = project.run("readelf", "-dW", executable.toString());
        assertTrue(!dynamic.contains("libhcr"), dynamic);
    }

    @Test
    void theProgramApiCompilesToNothing() throws Exception {
        var header = ProgramHeader.class.getClassLoader().getResourceAsStream(ProgramHeader.RESOURCE);
        assertTrue(header != null && new String(header.readAllBytes()).contains("hcr_reload_point"),
                "the hcr-native jar on the class path carries hcr.h with the program API");
        var project = new ProjectFiles(dir).write("main.c", "#include <stdio.h>\n#include <hcr.h>\n"
                + "int main(void) { hcr_reload_point(); printf(\"%d\\n\", hcrReloadNeeded()); return 0; }\n");

        var result = new ReleaseBuild(project.config(), BuildListener.silent()).build();

        var executable = assertInstanceOf(ReleaseResult.Executable.class, result, () -> result.toString()).path();
        assertEquals("0\n", project.run(executable.toString()));
        assertTrue(Files.isRegularFile(dir.resolve(".hcr/include/hcr.h")));
    }

    @Test
    void aCompileErrorIsAFailedReport() {
        var project = new ProjectFiles(dir).write("main.c", "int main(void) { return nope; }\n");

        var failed = assertInstanceOf(BuildReport.Failed.class, new ReleaseBuild(project.config(), BuildListener.silent()).build());

        var error = failed.diagnostics().get(0);
        assertEquals(List.of(dir.resolve("main.c"), 1, 25, "error"), List.of(error.file(), error.line(), error.column(), error.severity()));
    }
}

package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleCompilerTest {
    private static List<String> flags(String... cflags) {
        var config = BuildConfig.defaults(Path.of("/tmp/project")).withCflags(List.of(cflags));
        return new ModuleCompiler(config, List.of("-I/tmp/project"), false).flags();
    }

    @Test
    void aDevBuildIsUnoptimisedAndNeedsNoOrderFlag() {
        assertEquals(List.of("-c", "-fPIC", "-g", "-O0", "-DHCR=1", "-I/tmp/project"), flags());
        assertFalse(flags("-O0", "-Wall").contains("-fno-toplevel-reorder"));
        assertFalse(flags("-O2", "-O0").contains("-fno-toplevel-reorder"), "the last -O counts");
    }

    @Test
    void projectFlagsThatOptimiseKeepTopLevelDefinitionsInSourceOrder() {
        for (var level : List.of("-O1", "-O2", "-O3", "-Os", "-Og", "-Ofast", "-O")) {
            var flags = flags("-Wall", level);
            assertTrue(flags.contains("-fno-toplevel-reorder"), level);
            assertEquals("-fno-toplevel-reorder", flags.get(flags.size() - 1));
        }
    }
}

package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs described by hcr.toml or a compile database, built by the real gcc with their own
 * flags and run from their published generation: hidden and internal symbols used across
 * modules, hardening and -O2, a foreign static archive linked once, the model read again on
 * every build (and a broken one failing without losing the last good generation).
 */
class ModelBuildTest {
    @TempDir
    Path dir;
    private Path project;
    private LoadCheck loadCheck;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectories(dir.resolve("p"));
        loadCheck = new LoadCheck(dir.resolve("driver"));
    }

    private void write(String path, String text) throws IOException {
        var file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Builder builder() {
        return new Builder(BuildConfig.defaults(project).withJobs(2), BuildListener.silent());
    }

    private String lastLine(Builder builder, BuildReport report) {
        if (report instanceof BuildReport.Failed failed) {
            throw new AssertionError("build failed:\n" + failed.summary() + "\n" + failed.output());
        }
        var gen = builder.config().buildDir().resolve("gen/" + builder.currentGeneration());
        var lines = loadCheck.runMain(gen, "1", "3").lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Lua's LUAI_FUNC / LUAI_DDEC, a pragma block and -fvisibility=hidden, across modules, at -O2 with hardening. */
    private void hiddenProject() throws IOException {
        write("inc/internal.h", """
                #define INTERNAL __attribute__((visibility("internal")))
                INTERNAL extern const int table[4];
                INTERNAL int scale(int x);
                #pragma GCC visibility push(hidden)
                extern int counter;
                int bump(void);
                #pragma GCC visibility pop
                """);
        write("src/table.c", """
                #include "internal.h"
                const int table[4] = {1, 2, 3, 4};
                int counter;
                int scale(int x) { return x * FACTOR; }
                int bump(void) { return ++counter; }
                """);
        write("src/main.c", """
                #include <stdio.h>
                #include <stdlib.h>
                #include "internal.h"
                int main(int argc, char **argv) {
                    int ticks = argc > 2 ? atoi(argv[2]) : 3;
                    for (int t = 1; t <= ticks; t++) {
                        printf("tick %d value %d\\n", t, scale(table[2]) + bump());
                    }
                    return 0;
                }
                """);
        write("src/win_platform.c", "#error not for this platform\n");
        write("hcr.toml", """
                [program]
                name = "hidden"

                [build]
                sources = ["src/*.c"]
                exclude = ["src/win_*.c"]
                include_dirs = ["inc"]
                defines = ["FACTOR=3"]
                flags = ["-std=gnu99", "-O2", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden",
                         "-fstack-protector-strong", "-D_FORTIFY_SOURCE=2", "-fcf-protection", "-ffunction-sections"]
                link = ["-Wl,-z,relro", "-Wl,-z,now", "-Wl,--gc-sections"]
                """);
    }

    @Test
    void hiddenSymbolsLinkAcrossModulesWithTheProgramsOwnFlags() throws IOException {
        hiddenProject();
        try (var builder = builder()) {
            assertEquals("tick 3 value 12", lastLine(builder, builder.build()));
            write("src/table.c", Files.readString(project.resolve("src/table.c")).replace("x * FACTOR", "x * FACTOR * 10"));
            var report = builder.build();
            var published = assertInstanceOf(BuildReport.Published.class, report);
            assertEquals(List.of("src/table"), published.generation().modules().stream()
                    .filter(m -> m.state() != ModuleState.KEPT).map(ModuleBuild::id).toList());
            assertEquals("tick 3 value 93", lastLine(builder, report));
        }
    }

    @Test
    void aChangedHcrTomlRebuildsWithTheNewFlagsAndABrokenOneKeepsTheLastGeneration() throws IOException {
        hiddenProject();
        try (var builder = builder()) {
            lastLine(builder, builder.build());
            var toml = Files.readString(project.resolve("hcr.toml"));
            write("hcr.toml", toml.replace("\"FACTOR=3\"", "\"FACTOR=5\""));
            var report = builder.build();
            assertInstanceOf(BuildReport.Published.class, report);
            assertEquals("tick 3 value 18", lastLine(builder, report));
            int good = builder.currentGeneration();

            write("hcr.toml", toml.replace("defines =", "definez ="));
            var broken = assertInstanceOf(BuildReport.Failed.class, builder.build());
            assertTrue(broken.summary().contains("hcr.toml:8: [build] definez: unknown key"), broken.summary());
            write("hcr.toml", toml.replace("sources = [\"src/*.c\"]", "sources = [\"src/*.cc\"]"));
            broken = assertInstanceOf(BuildReport.Failed.class, builder.build());
            assertTrue(broken.summary().contains("hcr.toml:5: [build] sources: 'src/*.cc' matches no file"), broken.summary());
            assertEquals(good, builder.currentGeneration());
        }
    }

    @Test
    void aCompileDatabaseInBuildIsUsedInBothForms() throws IOException {
        write("lib/inc/api.h", "int twice(int x);\n");
        write("lib/api.c", "#include \"api.h\"\nconst char *label(void) { return LABEL; }\nint twice(int x) { return 2 * x; }\n");
        write("app/main.c", """
                #include <stdio.h>
                #include "api.h"
                const char *label(void);
                int main(void) { printf("%s %d\\n", label(), twice(21)); return 0; }
                """);
        var build = Files.createDirectories(project.resolve("build"));
        Files.writeString(build.resolve("compile_commands.json"), """
                [
                  {"directory": "%1$s/lib", "file": "api.c",
                   "command": "/usr/bin/cc -DLABEL=\\\\\\"twice\\\\\\" -Iinc -O2 -o CMakeFiles/api.dir/api.c.o -c api.c"},
                  {"directory": "%1$s/app", "file": "%1$s/app/main.c",
                   "arguments": ["cc", "-I../lib/inc", "-fPIE", "-flto", "-c", "%1$s/app/main.c", "-o", "main.o"],
                   "output": "main.o"}
                ]
                """.formatted(project));
        try (var builder = builder()) {
            assertEquals("twice 42", lastLine(builder, builder.build()));
        }
    }

    @Test
    void aForeignStaticArchiveIsLinkedOnceSoItsStateIsShared() throws IOException {
        var ext = Files.createDirectories(dir.resolve("ext"));
        Files.writeString(ext.resolve("next.c"), "int ext_next(void) { static int n; return ++n; }\n");
        assertTrue(Subprocess.run(List.of("gcc", "-fPIC", "-c", "next.c", "-o", "next.o"), ext).ok());
        assertTrue(Subprocess.run(List.of("ar", "rcs", "libnext.a", "next.o"), ext).ok());
        write("a.c", "int ext_next(void);\nint from_a(void) { return ext_next(); }\n");
        write("b.c", "int ext_next(void);\nint from_b(void) { return ext_next(); }\n");
        write("main.c", """
                #include <stdio.h>
                int from_a(void); int from_b(void);
                int main(void) { int a = from_a(); int b = from_b(); printf("a %d b %d\\n", a, b); return 0; }
                """);
        write("hcr.toml", """
                [build]
                sources = ["*.c"]
                link = ["%s"]
                """.formatted(ext.resolve("libnext.a")));
        try (var builder = builder()) {
            assertEquals("a 1 b 2", lastLine(builder, builder.build()), "one copy of the archive's state");
        }
    }

    /**
     * An object that is not C (zstd's huf_decompress_amd64.S, whose entry points are
     * {@code .hidden}): a link input linked as it is into the library every module shares, with
     * its symbols made visible so that the modules calling it link.
     */
    @Test
    void anAssembledObjectWithHiddenSymbolsIsLinkedOnceAndCallable() throws IOException {
        write("asm/twice.S", """
                	.text
                	.globl	asm_twice
                	.hidden	asm_twice
                	.type	asm_twice, @function
                asm_twice:
                	leal	(%rdi,%rdi), %eax
                	ret
                	.size	asm_twice, .-asm_twice
                	.section	.note.GNU-stack,"",@progbits
                """);
        assertTrue(Subprocess.run(List.of("gcc", "-c", "twice.S", "-o", "twice.o"), project.resolve("asm")).ok());
        write("calc.c", "int asm_twice(int);\nint calc(int x) { return asm_twice(x) + 1; }\n");
        write("main.c", """
                #include <stdio.h>
                int calc(int);
                int main(void) { printf("calc %d\\n", calc(20)); return 0; }
                """);
        write("hcr.toml", """
                [build]
                sources = ["*.c"]
                link = ["asm/twice.o"]
                """);
        try (var builder = builder()) {
            assertEquals("calc 41", lastLine(builder, builder.build()));
        }
    }

    @Test
    void aMissingLibraryIsNamedWithTheModuleAndTheSymbol() throws IOException {
        write("main.c", "int missing_fn(void);\nint main(void) { return missing_fn(); }\n");
        write("hcr.toml", "[build]\nsources = [\"main.c\"]\n");
        try (var builder = builder()) {
            var failed = assertInstanceOf(BuildReport.Failed.class, builder.build());
            assertTrue(failed.summary().contains("module 'main': undefined reference to 'missing_fn' — is a library"
                    + " missing from hcr.toml's link inputs?"), failed.summary());
        }
    }
}

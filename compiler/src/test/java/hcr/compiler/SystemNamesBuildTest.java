package hcr.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * Names a module may use although neither a module nor {@code libc.so.6} exports them: the
 * driver links them statically from {@code libc_nonshared.a} (named by the {@code libc.so}
 * link script) and {@code libgcc.a}.
 */
class SystemNamesBuildTest {
    @TempDir
    static Path tools;
    static LoadCheck loadCheck;

    @TempDir
    Path dir;

    @BeforeAll
    static void driver() {
        loadCheck = new LoadCheck(tools);
    }

    @Test
    void aProgramCallingAtexitBuildsAndItsHandlerRunsAtExit() {
        var project = new ProjectFiles(dir).write("main.c", """
                #include <pthread.h>
                #include <stdio.h>
                #include <stdlib.h>

                static void bye(void) { printf("bye\\n"); }
                static void quick(void) { }
                static void in_child(void) { }
                int has_sse2(void) { return __builtin_cpu_supports("sse2") ? 1 : 0; }

                int main(void) {
                    atexit(bye);
                    at_quick_exit(quick);
                    pthread_atfork(NULL, NULL, in_child);
                    printf("sse2=%d\\n", has_sse2());
                    return 0;
                }
                """);
        try (var builder = new Builder(project.config(), new RecordingListener())) {
            var report = builder.build();
            if (report instanceof BuildReport.Failed failed) {
                throw new AssertionError("build failed:\n" + failed.summary());
            }
            var generation = assertInstanceOf(BuildReport.Published.class, report).generation();

            assertEquals("sse2=1\nbye\n", loadCheck.runMain(generation.dir()));
        }
    }
}

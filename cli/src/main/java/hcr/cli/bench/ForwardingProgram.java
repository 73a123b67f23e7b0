package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A generated two-module C program whose module {@code work.c} has {@code functions}
 * {@code static noinline} functions {@code wNNN}, each reachable through a table that the global
 * {@code work_function(i)} reads ({@code work_count()} gives its length). At start
 * {@code main.c} saves a pointer to every one of them, so that every reload of {@code work.c}
 * leaves old entries that the runtime forwards to the new version; then it calls one saved
 * pointer each tick, prints {@code tick T calls C} and sleeps for its first argument in ms
 * (default 10). Every function body adds {@code STEP}: edit {@code n} ({@code #define STEP n})
 * changes them all.
 */
record ForwardingProgram(int functions) implements TickingProgram {

    @Override
    public int loaded() {
        return 2;
    }

    @Override
    public SourceEdit edit() {
        return new SourceEdit("work.c", Pattern.compile("(?m)^#define STEP [0-9]+$"), "#define STEP {n}", "tick ");
    }

    @Override
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        var work = new StringBuilder("""
                /* generated: %d static functions behind a table */
                #define STEP 1

                typedef long (*work_fn)(long);

                """.formatted(functions));
        var table = new StringBuilder();
        for (int i = 0; i < functions; i++) {
            work.append("static __attribute__((noinline)) long w%03d(long x)\n{\n\treturn x * 3 + %d + STEP;\n}\n\n"
                    .formatted(i, i));
            table.append("\tw%03d,\n".formatted(i));
        }
        work.append("""
                static const work_fn table[] = {
                %s};

                work_fn work_function(int i)
                {
                	return table[i];
                }

                int work_count(void)
                {
                	return (int)(sizeof(table) / sizeof(table[0]));
                }
                """.formatted(table));
        Files.writeString(dir.resolve("work.c"), work.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("main.c"), """
                /* generated: saves a pointer to each of work.c's static functions, then ticks */
                #define _POSIX_C_SOURCE 200809L
                #include <stdio.h>
                #include <stdlib.h>
                #include <time.h>

                typedef long (*work_fn)(long);

                work_fn work_function(int i);
                int work_count(void);

                static work_fn saved[%d];

                int main(int argc, char **argv)
                {
                	long interval = argc > 1 ? atol(argv[1]) : 10;
                	struct timespec ts = { interval / 1000, (interval %% 1000) * 1000000L };
                	int n = work_count();

                	for (int i = 0; i < n; i++)
                		saved[i] = work_function(i);
                	for (long tick = 1;; tick++) {
                		printf("tick %%ld calls %%ld\\n", tick, saved[tick %% n](tick));
                		nanosleep(&ts, NULL);
                	}
                	return 0;
                }
                """.formatted(functions), StandardCharsets.UTF_8);
    }
}

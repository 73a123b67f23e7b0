package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A generated C program of {@code modules} modules plus {@code main.c}: module {@code mNNN.c}
 * has the global {@code mNNN_count} and two global functions, {@code mNNN_step} (the one main
 * calls; it calls the other) and {@code mNNN_scale}; main calls every module's step each tick,
 * prints {@code tick T sum S} and sleeps for its first argument in ms (default 10).
 */
record GeneratedProgram(int modules) implements TickingProgram {

    /** How many modules the runtime loads: the generated ones and main. */
    @Override
    public int loaded() {
        return modules + 1;
    }

    @Override
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        var header = new StringBuilder("/* generated: the modules of a " + modules + "-module program */\n"
                + "#ifndef PROG_H\n#define PROG_H\n\n");
        var calls = new StringBuilder();
        for (int i = 0; i < modules; i++) {
            var name = name(i);
            header.append("extern long ").append(name).append("_count;\n")
                    .append("long ").append(name).append("_step(long x);\n")
                    .append("long ").append(name).append("_scale(long x);\n");
            calls.append("\t\tsum += ").append(name).append("_step(tick);\n");
            write(dir.resolve(name + ".c"), module(i));
        }
        write(dir.resolve("prog.h"), header.append("\n#endif\n").toString());
        write(dir.resolve("main.c"), """
                /* generated: the loop of a %d-module program */
                #define _POSIX_C_SOURCE 200809L
                #include <stdio.h>
                #include <stdlib.h>
                #include <time.h>

                #include "prog.h"

                int main(int argc, char **argv)
                {
                	long interval = argc > 1 ? atol(argv[1]) : 10;
                	struct timespec ts = { interval / 1000, (interval %% 1000) * 1000000L };

                	for (long tick = 1;; tick++) {
                		long sum = 0;

                %s		printf("tick %%ld sum %%ld\\n", tick, sum);
                		nanosleep(&ts, NULL);
                	}
                	return 0;
                }
                """.formatted(modules, calls));
    }

    /** Edit {@code n} changes one function body of the middle module. */
    @Override
    public SourceEdit edit() {
        return new SourceEdit(name(modules / 2) + ".c", Pattern.compile("/\\*edit\\*/[0-9]+"), "/*edit*/{n}", "tick ");
    }

    private String module(int i) {
        return """
                /* generated: module %2$d of %3$d */
                #include "prog.h"

                long %1$s_count;

                long %1$s_scale(long x)
                {
                	return x * 3 + %1$s_count;
                }

                long %1$s_step(long x)
                {
                	%1$s_count++;
                	return %1$s_scale(x) %% 1000 + /*edit*/1;
                }
                """.formatted(name(i), i, modules);
    }

    private static String name(int i) {
        return String.format("m%03d", i);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

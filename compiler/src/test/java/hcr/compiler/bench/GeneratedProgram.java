package hcr.compiler.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated C program of {@code count} modules for the rebuild benchmark: module {@code i}
 * defines a global and two functions, calls its predecessor's function and reads another
 * module's global (so the modules form cycles of references through globals, as real
 * programs do), and includes one header that declares everything.
 */
record GeneratedProgram(int count) {
    /** The text in {@link #editedModule()} that a one-module edit replaces. */
    static final String EDIT_MARK = "/*edit*/1";

    /** Writes the program into {@code dir}. */
    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        var header = new StringBuilder("#ifndef PROG_H\n#define PROG_H\n#include <stddef.h>\n");
        for (int i = 0; i < count; i++) {
            header.append(String.format("extern long g_%03d;%nlong f_%03d(long x);%nvoid show_%03d(char *buf, size_t n);%n",
                    i, i, i));
        }
        header.append("#endif\n");
        write(dir.resolve("src/prog.h"), header.toString());
        for (int i = 0; i < count; i++) {
            write(dir.resolve(String.format("src/mod%03d.c", i)), module(i));
        }
        write(dir.resolve("main.c"), """
                #include <stdio.h>
                #include "src/prog.h"
                int main(void)
                {
                	char line[128];
                	long sum = f_%03d(3);
                	show_%03d(line, sizeof line);
                	printf("%%ld %%s\\n", sum, line);
                	return 0;
                }
                """.formatted(count - 1, count / 2));
    }

    /** The file a one-module edit changes, relative to the project. */
    String editedModule() {
        return String.format("src/mod%03d.c", count / 2);
    }

    private String module(int i) {
        var previous = i == 0 ? "" : String.format("if (x > 0)%n\t\tv += f_%03d(x - 1);%n\t", i - 1);
        return """
                /* module %1$03d of a generated benchmark program */
                #include <stdio.h>
                #include <string.h>
                #include "prog.h"

                long g_%1$03d = %1$d;
                static long calls;
                static char last[64];

                static long mix(long a, long b)
                {
                	long r = a;

                	for (int k = 0; k < 4; k++)
                		r = r * 31 + (b ^ k);
                	return r;
                }

                long f_%1$03d(long x)
                {
                	long v = mix(x, g_%2$03d) %% 1000 + %3$s;

                	calls++;
                	%4$sg_%1$03d += v & 7;
                	snprintf(last, sizeof last, "f_%1$03d(%%ld)=%%ld", x, v);
                	return v;
                }

                void show_%1$03d(char *buf, size_t n)
                {
                	snprintf(buf, n, "%%s calls %%ld g %%ld", last, calls, g_%1$03d);
                	if (strlen(buf) + 1 >= n)
                		buf[n - 1] = 0;
                }
                """.formatted(i, (i * 7 + 3) % count, i == count / 2 ? EDIT_MARK : "1", previous);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

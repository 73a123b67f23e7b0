package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A three-module C program that times calls through a forwarded old entry. {@code work.c} has
 * the {@code static noinline} function {@code tiny} (returns x + STEP), handed out by the
 * global {@code work_tiny()}, and the global {@code work_step()} (returns STEP);
 * {@code kept.c}, never edited, has the same {@code static noinline} body, handed out by
 * {@code kept_tiny()}. At start {@code main.c} saves both pointers and prints
 * {@code ready step S}; the bench then reloads {@code work.c} once ({@link #edit()} changes
 * STEP), and the program, polling {@code work_step()} through its stub every millisecond,
 * notices the new code. It fetches the new version's {@code tiny}, checks that the saved old
 * pointer now returns what the new code returns (it runs the new code: its entry jumps there),
 * prints {@code reloaded step S}, and times {@code calls} calls in each round through the old
 * pointer (its entry's 2-byte jump into the pad, the pad's {@code jmp rel32}, then the new
 * code), through the new one and through {@code kept.c}'s (a module no reload touched), with
 * {@code clock_gettime(CLOCK_MONOTONIC)}, which goes first rotating between rounds, and prints
 * {@code round R old O ns new N ns kept K ns}. The calls do not wait for each other's result
 * ({@code x += f(i)}, as the runtime's C test {@code t_500_functions} times them): in a chain
 * ({@code x = f(x)}, as figure c times a stub) the entry's jumps partly hide behind the previous
 * call. A failed check prints {@code error: ...} and exits with 1; so does no reload within
 * 60 s. Arguments: calls (default 100000000), rounds (default 15).
 */
final class ForwardCallProgram {

    static final String WORK = """
            /* generated: the module reloaded once */
            #define STEP 1

            typedef long (*tiny_fn)(long);

            static __attribute__((noinline)) long tiny(long x)
            {
            	return x + STEP;
            }

            tiny_fn work_tiny(void)
            {
            	return tiny;
            }

            long work_step(void)
            {
            	return STEP;
            }
            """;

    static final String KEPT = """
            /* generated: the module never reloaded */
            typedef long (*tiny_fn)(long);

            static __attribute__((noinline)) long tiny(long x)
            {
            	return x + 1;
            }

            tiny_fn kept_tiny(void)
            {
            	return tiny;
            }
            """;

    static final String MAIN = """
            /* generated: calls through a forwarded old entry against calls that never went through one */
            #define _POSIX_C_SOURCE 200809L
            #include <stdio.h>
            #include <stdlib.h>
            #include <time.h>

            typedef long (*tiny_fn)(long);

            tiny_fn work_tiny(void);
            long work_step(void);
            tiny_fn kept_tiny(void);

            long sink;

            static double now_ns(void)
            {
            	struct timespec ts;

            	clock_gettime(CLOCK_MONOTONIC, &ts);
            	return ts.tv_sec * 1e9 + ts.tv_nsec;
            }

            static __attribute__((noinline)) double per_call(tiny_fn f, long calls)
            {
            	long x = 0;
            	double start = now_ns();

            	for (long i = 0; i < calls; i++)
            		x += f(i);
            	sink += x;
            	return (now_ns() - start) / calls;
            }

            int main(int argc, char **argv)
            {
            	long calls = argc > 1 ? atol(argv[1]) : 100000000L;
            	int rounds = argc > 2 ? atoi(argv[2]) : 15;
            	struct timespec ms = { 0, 1000000L };
            	tiny_fn old = work_tiny(), kept = kept_tiny(), fresh;
            	long before = work_step(), step;

            	printf("ready step %ld\\n", before);
            	for (int waited = 0; (step = work_step()) == before; waited++) {
            		if (waited == 60000) {
            			printf("error: no reload within 60 s\\n");
            			return 1;
            		}
            		nanosleep(&ms, NULL);
            	}
            	fresh = work_tiny();
            	if (fresh == old) {
            		printf("error: work_tiny() still hands out the old tiny\\n");
            		return 1;
            	}
            	if (fresh(0) != step || old(0) != step) {
            		printf("error: after the reload to step %ld the new tiny returns %ld, the old pointer %ld\\n",
            		       step, fresh(0), old(0));
            		return 1;
            	}
            	printf("reloaded step %ld\\n", step);
            	for (int r = 1; r <= rounds; r++) {
            		tiny_fn fns[3] = { old, fresh, kept };
            		double ns[3];

            		for (int i = 0; i < 3; i++)
            			ns[(r + i) % 3] = per_call(fns[(r + i) % 3], calls);
            		printf("round %d old %.4f ns new %.4f ns kept %.4f ns\\n", r, ns[0], ns[1], ns[2]);
            	}
            	return 0;
            }
            """;

    private ForwardCallProgram() {
    }

    static void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("work.c"), WORK, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kept.c"), KEPT, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("main.c"), MAIN, StandardCharsets.UTF_8);
    }

    /** Edit {@code n}: {@code #define STEP n} in {@code work.c}. */
    static SourceEdit edit() {
        return new SourceEdit("work.c", Pattern.compile("(?m)^#define STEP [0-9]+$"), "#define STEP {n}",
                "^reloaded step {n}$");
    }
}

package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A three-module C program that times calls through forwarded old entries. {@code work.c} has
 * eight {@code static noinline} functions {@code tiny0..7} (tiny{@code i} returns x + STEP + i),
 * handed out by the global {@code work_tiny(i)}, and the global {@code work_step()} (returns
 * STEP); {@code kept.c}, never edited, has eight of the same shape, handed out by
 * {@code kept_tiny(i)}. At start {@code main.c} saves both modules' pointers and prints
 * {@code ready step S}; the bench then reloads {@code work.c} once ({@link #edit()} changes
 * STEP), and the program, polling {@code work_step()} through its stub every millisecond,
 * notices the new code. It fetches the new version's pointers, checks that each saved old
 * pointer now returns what the new code returns (it runs the new code: its entry jumps there),
 * prints {@code reloaded step S} and the first three addresses
 * ({@code pointers old A new B kept C}), and times {@code calls} calls in each round through the
 * old pointers (the entry's 2-byte jump into the pad, the pad's {@code jmp rel32}, then the new
 * code), through the new ones and through {@code kept.c}'s (a module no reload touched), with
 * {@code clock_gettime(CLOCK_MONOTONIC)}. The three take turns in 128 slices of
 * {@code calls / 128} calls, which goes first rotating, so that all three see the same machine
 * (on a shared or virtual machine a core's speed changes from one second to the next); each
 * slice calls the next of the eight functions, so that no single placement of code in memory
 * (which alone moves a call by up to a nanosecond, on a virtual AMD EPYC) decides. The round
 * prints {@code round R old O ns new N ns kept K ns}. The calls do not wait for each other's
 * result ({@code x += f(i)}, as the runtime's C test {@code t_500_functions} times them): in a
 * chain ({@code x = f(x)}, as figure c times a stub) the entry's jumps partly hide behind the
 * previous call. A failed check prints {@code error: ...} and exits with 1; so does no reload
 * within 60 s. Arguments: calls (default 100000000), rounds (default 15).
 */
final class ForwardCallProgram {

    static final String WORK = """
            /* generated: the module reloaded once */
            #define STEP 1

            typedef long (*tiny_fn)(long);

            #define TINY(i) static __attribute__((noinline)) long tiny##i(long x) { return x + STEP + i; }
            TINY(0) TINY(1) TINY(2) TINY(3) TINY(4) TINY(5) TINY(6) TINY(7)

            static const tiny_fn tinies[] = { tiny0, tiny1, tiny2, tiny3, tiny4, tiny5, tiny6, tiny7 };

            tiny_fn work_tiny(int i)
            {
            	return tinies[i];
            }

            long work_step(void)
            {
            	return STEP;
            }
            """;

    static final String KEPT = """
            /* generated: the module never reloaded */
            typedef long (*tiny_fn)(long);

            #define TINY(i) static __attribute__((noinline)) long tiny##i(long x) { return x + 1000 + i; }
            TINY(0) TINY(1) TINY(2) TINY(3) TINY(4) TINY(5) TINY(6) TINY(7)

            static const tiny_fn tinies[] = { tiny0, tiny1, tiny2, tiny3, tiny4, tiny5, tiny6, tiny7 };

            tiny_fn kept_tiny(int i)
            {
            	return tinies[i];
            }
            """;

    static final String MAIN = """
            /* generated: calls through forwarded old entries against calls that never went through one */
            #define _POSIX_C_SOURCE 200809L
            #include <stdio.h>
            #include <stdlib.h>
            #include <time.h>

            #define TINIES 8
            #define SLICES 128

            typedef long (*tiny_fn)(long);

            tiny_fn work_tiny(int i);
            long work_step(void);
            tiny_fn kept_tiny(int i);

            long sink;

            static double now_ns(void)
            {
            	struct timespec ts;

            	clock_gettime(CLOCK_MONOTONIC, &ts);
            	return ts.tv_sec * 1e9 + ts.tv_nsec;
            }

            static __attribute__((noinline)) double timed(tiny_fn f, long calls)
            {
            	long x = 0;
            	double start = now_ns();

            	for (long i = 0; i < calls; i++)
            		x += f(i);
            	sink += x;
            	return now_ns() - start;
            }

            int main(int argc, char **argv)
            {
            	long calls = argc > 1 ? atol(argv[1]) : 100000000L;
            	int rounds = argc > 2 ? atoi(argv[2]) : 15;
            	long slice = calls / SLICES;
            	struct timespec ms = { 0, 1000000L };
            	tiny_fn fns[3][TINIES];		/* old, new, kept */
            	long before = work_step(), step;

            	for (int i = 0; i < TINIES; i++) {
            		fns[0][i] = work_tiny(i);
            		fns[2][i] = kept_tiny(i);
            	}
            	printf("ready step %ld\\n", before);
            	for (int waited = 0; (step = work_step()) == before; waited++) {
            		if (waited == 60000) {
            			printf("error: no reload within 60 s\\n");
            			return 1;
            		}
            		nanosleep(&ms, NULL);
            	}
            	for (int i = 0; i < TINIES; i++) {
            		fns[1][i] = work_tiny(i);
            		if (fns[1][i] == fns[0][i]) {
            			printf("error: work_tiny(%d) still hands out the old tiny%d\\n", i, i);
            			return 1;
            		}
            		if (fns[1][i](0) != step + i || fns[0][i](0) != step + i) {
            			printf("error: after the reload to step %ld the new tiny%d returns %ld, the old pointer %ld\\n",
            			       step, i, fns[1][i](0), fns[0][i](0));
            			return 1;
            		}
            	}
            	printf("reloaded step %ld\\n", step);
            	printf("pointers old %p new %p kept %p\\n", (void *)fns[0][0], (void *)fns[1][0], (void *)fns[2][0]);
            	for (int r = 1; r <= rounds; r++) {
            		double ns[3] = { 0, 0, 0 };

            		for (int s = 0; s < SLICES; s++)
            			for (int k = 0; k < 3; k++)
            				ns[(r + s + k) % 3] += timed(fns[(r + s + k) % 3][s % TINIES], slice);
            		printf("round %d old %.4f ns new %.4f ns kept %.4f ns\\n", r, ns[0] / (slice * SLICES),
            		       ns[1] / (slice * SLICES), ns[2] / (slice * SLICES));
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

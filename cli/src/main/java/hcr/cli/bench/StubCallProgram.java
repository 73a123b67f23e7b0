package hcr.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-module C program that times a call through a stub against a direct call. The same
 * tiny body exists twice in {@code main.c}, both {@code noinline}: {@code tiny_global}, a
 * global function, which every reference reaches through its PLT entry and its stub
 * ({@code jmp *slot}); and {@code tiny_static}, a {@code static} one, called directly. Each
 * round times {@code calls} calls of each with {@code clock_gettime(CLOCK_MONOTONIC)}, the
 * order alternating between rounds, and prints
 * {@code round R direct D ns stub S ns}. First it prints where {@code tiny_global}'s address
 * resolves ({@code dladdr}): in a stub library, when references do bind to the stub.
 * Arguments: calls (default 100000000), rounds (default 15).
 */
final class StubCallProgram {

    static final String SOURCE = """
            /* generated: a call through a stub against a direct call */
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <time.h>

            long sink;

            __attribute__((noinline)) long tiny_global(long x)
            {
            	return x + 1;
            }

            static __attribute__((noinline)) long tiny_static(long x)
            {
            	return x + 1;
            }

            static double now_ns(void)
            {
            	struct timespec ts;

            	clock_gettime(CLOCK_MONOTONIC, &ts);
            	return ts.tv_sec * 1e9 + ts.tv_nsec;
            }

            static double direct(long calls)
            {
            	long x = 0;
            	double start = now_ns();

            	for (long i = 0; i < calls; i++)
            		x = tiny_static(x);
            	sink += x;
            	return (now_ns() - start) / calls;
            }

            static double through_stub(long calls)
            {
            	long x = 0;
            	double start = now_ns();

            	for (long i = 0; i < calls; i++)
            		x = tiny_global(x);
            	sink += x;
            	return (now_ns() - start) / calls;
            }

            int main(int argc, char **argv)
            {
            	long calls = argc > 1 ? atol(argv[1]) : 100000000L;
            	int rounds = argc > 2 ? atoi(argv[2]) : 15;
            	Dl_info info;

            	if (dladdr((void *)tiny_global, &info) && info.dli_fname)
            		printf("tiny_global resolves to %s in %s\\n", info.dli_sname ? info.dli_sname : "?", info.dli_fname);
            	for (int r = 1; r <= rounds; r++) {
            		double d, s;

            		if (r % 2) {
            			d = direct(calls);
            			s = through_stub(calls);
            		} else {
            			s = through_stub(calls);
            			d = direct(calls);
            		}
            		printf("round %d direct %.4f ns stub %.4f ns\\n", r, d, s);
            	}
            	return 0;
            }
            """;

    private StubCallProgram() {
    }

    static void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("main.c"), SOURCE, StandardCharsets.UTF_8);
    }
}

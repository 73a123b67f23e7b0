/*
 * b18-shared-static: the loop on the stack in main.c reads the file static
 * total of main.c every tick; bump(), a global function of main.c that the
 * loop reaches through its stub, adds to it. b18-shared-static/edit makes
 * step add 10 (and say v2, and the loop say loop v2): after the reload the
 * old loop, still running, prints the totals the new bump writes, because
 * the new code addresses the old storage of total - one variable for old
 * and new code (B18, second half).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

const char *bump(void);

static long total;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

const char *bump(void)
{
	total += 1;
	return "step v1";
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		const char *tag = bump();

		printf("tick %ld total %ld %s loop v1\n", tick, total, tag);
		sleep_ms(interval);
	}
	return 0;
}

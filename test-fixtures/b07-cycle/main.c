/*
 * b07-cycle: a.c and b.c use each other's globals and functions, so
 * neither loads without the other. Each tick steps a, then b.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cycle.h"

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		int a = a_step();
		int b = b_step();

		printf("tick %ld a_count %d b_count %d a_step %d b_step %d\n",
		       tick, a_count, b_count, a, b);
		sleep_ms(interval);
	}
	return 0;
}

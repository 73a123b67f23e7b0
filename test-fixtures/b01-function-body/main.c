/*
 * b01-function-body: the loop calls work_step() every tick and prints the
 * value and how much the call added. After a reload of work.c the delta
 * changes while the tick counter and the value carry on.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "work.h"

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
	long value = 0;

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		long old = value;

		value = work_step(value);
		printf("tick %ld value %ld delta %ld\n", tick, value, value - old);
		sleep_ms(interval);
	}
	return 0;
}

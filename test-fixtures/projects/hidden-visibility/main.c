/*
 * hidden-visibility: the loop calls hidden functions and reads a hidden table
 * defined in the other modules.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "internal.h"

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
		value = hv_step(value);
		printf("tick %ld value %ld name %s weight %ld tag %s\n", tick, value,
		       hv_names[tick % HV_NAMES], hv_weight(tick), hv_tag());
		sleep_ms(interval);
	}
	return 0;
}

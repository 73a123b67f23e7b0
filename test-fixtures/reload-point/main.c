/*
 * reload-point: the program applies reloads itself, at hcr_reload_point()
 * at the top of each tick. Each tick calls phase_open(), sleeps for the
 * whole interval, then calls phase_close(): a reload applied anywhere but
 * at the reload point would almost always land in the sleep and print one
 * line with mixed versions.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hcr.h"
#include "phase.h"

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
		const char *opened, *closed;

		hcr_reload_point();
		opened = phase_open();
		sleep_ms(interval);
		closed = phase_close();
		printf("tick %ld open %s close %s count %ld\n", tick, opened, closed, phase_count);
	}
	return 0;
}

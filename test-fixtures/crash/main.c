/*
 * crash: the loop reads a probe every tick. crash/null makes probe_read()
 * read through a NULL pointer from tick 4 on, so a reload of it kills the
 * running program, while `prog 1 3` (the plain check) still ends normally.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "probe.h"

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
		printf("tick %ld probe %ld\n", tick, probe_read(tick));
		sleep_ms(interval);
	}
	return 0;
}

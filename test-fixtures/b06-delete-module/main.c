/*
 * b06-delete-module: calls core.c directly and extra.c through a pointer
 * saved at start-up. Once extra.c is deleted, the loop that is still
 * running this code makes a stale call through extra_fn, which must stop
 * the program with a message naming extra_tick and the module extra.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core.h"
#include "extra.h"

long (*extra_fn)(long tick);

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

	extra_fn = extra_tick;
	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		long core = core_step(tick);

		printf("tick %ld core %ld extra %ld\n", tick, core, extra_fn(tick));
		sleep_ms(interval);
	}
	return 0;
}

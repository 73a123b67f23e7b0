/*
 * demo: the loop. Every tick it steps the simulation, records the value and
 * prints one line. The step and record functions are called through a table
 * filled once at start-up, so a reload must keep those pointers working.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "demo.h"

struct tick_ops {
	long (*step)(void);
	void (*record)(long value);
};

/* Saved before any reload, called every tick. */
struct tick_ops ops;

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
	char line[128];

	ops.step = sim_step;
	ops.record = stats_record;

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		long value = ops.step();

		ops.record(value);
		render_line(line, sizeof(line), tick, value);
		puts(line);
		sleep_ms(interval);
	}
	return 0;
}

/*
 * globals: every tick prints counter, ratio and label, which live in vars.c,
 * so a value written into the running program shows on the next line. The
 * line is printed by a global function, called through its stub: after a
 * reload that gives label fresh storage, the new print_tick() reads the new
 * storage, while the loop itself (old code still running) would not.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "vars.h"

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

void print_tick(long tick);

void print_tick(long tick)
{
	printf("tick %ld counter %d ratio %.2f label %.31s\n", tick, counter, ratio,
	       label);
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long ticks = arg_or(argc, argv, 2, 0);

	for (long tick = 1; ticks == 0 || tick <= ticks; tick++) {
		vars_step();
		print_tick(tick);
		sleep_ms(interval);
	}
	return 0;
}

/*
 * b10-header: area.c and perim.c both include shape.h; each tick prints
 * both results and the SHAPE_REV each module was built with.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "calc.h"

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
		printf("tick %ld area %ld perim %ld rev %d %d\n", tick,
		       area(tick), perim(tick), area_rev(), perim_rev());
		sleep_ms(interval);
	}
	return 0;
}

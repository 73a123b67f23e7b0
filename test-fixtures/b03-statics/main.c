/*
 * b03-statics: every tick count.c updates its statics and formats them;
 * the line ends with the name of the count.c version that printed it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "count.h"

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

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		count_tick(tick);
		count_show(line, sizeof(line));
		printf("tick %ld %s\n", tick, line);
		sleep_ms(interval);
	}
	return 0;
}

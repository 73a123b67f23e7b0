/*
 * b05-add: the loop prints the tick and whatever base.c reports. main.c
 * never changes; new code reaches the loop through base_report().
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base.h"

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
		base_report(line, sizeof(line));
		printf("tick %ld %s\n", tick, line);
		sleep_ms(interval);
	}
	return 0;
}

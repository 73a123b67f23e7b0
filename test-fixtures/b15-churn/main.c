/*
 * b15-churn: the cheapest reload there is, repeated. churn.c is one tiny
 * function whose number an edit changes; each tick prints it. A long run of
 * edits shows whether open files or memory grow with the reloads.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "churn.h"

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
		printf("tick %ld value %d\n", tick, churn_value());
		sleep_ms(interval);
	}
	return 0;
}

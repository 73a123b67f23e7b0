/*
 * b21-removed-static: main.c saves tools.c's static helper() at start-up
 * and calls it every tick, with tools_version() (a global, through its
 * stub).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tools.h"

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
	tool_fn tool = tools_pointer();

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		int x = (int)tick;

		printf("tick %ld helper %d tools v%d\n", tick, tool(x), tools_version());
		sleep_ms(interval);
	}
	return 0;
}

/*
 * b17-static-pointers: every tick calls ops.c's static add and mul through
 * the table ops.c saved on first use, sorts with the comparator saved at
 * start-up, raises SIGUSR1 (its static handler registered once) and prints
 * what each gave. `prog interval ticks exit`: the static atexit handler
 * also prints `exit v1` when the program ends.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops.h"

#define NITEMS 5

static sort_fn sort_cmp;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

static void sort_items(char *buf, size_t size)
{
	int items[NITEMS] = { 3, 1, 4, 5, 2 };

	qsort(items, NITEMS, sizeof(items[0]), sort_cmp);
	snprintf(buf, size, "%d%d%d%d%d",
		 items[0], items[1], items[2], items[3], items[4]);
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);
	char sorted[16];

	ops_setup(argc > 3 && !strcmp(argv[3], "exit"));
	sort_cmp = ops_sorter();
	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		int x = (int)tick;

		sort_items(sorted, sizeof(sorted));
		ops_signal_tick = x;
		raise(SIGUSR1);
		printf("tick %ld add %d mul %d sorted %s signal %d\n", tick,
		       ops_apply(0, x), ops_apply(1, x), sorted,
		       (int)ops_signal_seen);
		sleep_ms(interval);
	}
	return 0;
}

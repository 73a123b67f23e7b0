/*
 * b04-function-pointers: three kinds of saved function pointer, all set
 * once at start-up: a callback table, a qsort comparator and a handler
 * registered with events.c. Every tick calls all of them.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "fp.h"

#define NITEMS 5

int (*table[2])(int x);
int (*sort_cmp)(const void *a, const void *b);

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

static void setup(void)
{
	table[0] = cb_scale;
	table[1] = cb_square;
	sort_cmp = cb_compare;
	events_register(cb_event);
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

	setup();
	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		int x = (int)tick;

		sort_items(sorted, sizeof(sorted));
		printf("tick %ld table %d %d sorted %s event %ld\n", tick,
		       table[0](x), table[1](x), sorted, events_fire(tick));
		sleep_ms(interval);
	}
	return 0;
}

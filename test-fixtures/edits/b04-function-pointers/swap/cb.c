/*
 * cb: callbacks that main.c and events.c only ever reach through pointers
 * saved at start-up. This is the swapped version: scale by 3, sort
 * descending, events answer 2000 + tick.
 */
#include "fp.h"

int cb_scale(int x)
{
	return 3 * x;
}

int cb_square(int x)
{
	return x * x;
}

/* qsort comparator: descending */
int cb_compare(const void *a, const void *b)
{
	int x = *(const int *)a;
	int y = *(const int *)b;

	return (x < y) - (x > y);
}

long cb_event(long tick)
{
	return 2000 + tick;
}

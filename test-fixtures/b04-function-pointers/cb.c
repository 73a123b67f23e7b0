/*
 * cb: callbacks that main.c and events.c only ever reach through pointers
 * saved at start-up. b04-function-pointers/swap changes cb_scale, reverses
 * the sort order and changes the event handler's result.
 */
#include "fp.h"

int cb_scale(int x)
{
	return 2 * x;
}

int cb_square(int x)
{
	return x * x;
}

/* qsort comparator: ascending */
int cb_compare(const void *a, const void *b)
{
	int x = *(const int *)a;
	int y = *(const int *)b;

	return (x > y) - (x < y);
}

long cb_event(long tick)
{
	return 1000 + tick;
}

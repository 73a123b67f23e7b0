/*
 * work: the static function the worker calls through the pointer main.c
 * saved at start-up. It returns 4x + WORK_VERSION.
 */
#include "work.h"

#define WORK_VERSION 1

static long step(long x)
{
	return 4 * x + WORK_VERSION;
}

work_fn work_pointer(void)
{
	return step;
}

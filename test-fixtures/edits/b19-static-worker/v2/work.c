/*
 * work: the static function the worker calls through the pointer main.c
 * saved at start-up. It returns 4x + WORK_VERSION.
 * b19-static-worker/v2: WORK_VERSION 2.
 */
#include "work.h"

#define WORK_VERSION 2

static long step(long x)
{
	return 4 * x + WORK_VERSION;
}

work_fn work_pointer(void)
{
	return step;
}

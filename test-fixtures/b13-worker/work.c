/*
 * work: 200 functions, each returning 4x + WORK_VERSION. b13-worker/v2 sets
 * WORK_VERSION to 2; a reload rewrites all 200 slots while the worker calls.
 */
#include "work.h"

#define WORK_VERSION 1

#define WORK_DEFINE(n) \
	long work_##n(long x) \
	{ \
		return x * 4 + WORK_VERSION; \
	}
WORK_LIST(WORK_DEFINE)

/*
 * work (b13-worker/v2): WORK_VERSION 2. Each of the 200 functions returns
 * 4x + 2.
 */
#include "work.h"

#define WORK_VERSION 2

#define WORK_DEFINE(n) \
	long work_##n(long x) \
	{ \
		return x * 4 + WORK_VERSION; \
	}
WORK_LIST(WORK_DEFINE)

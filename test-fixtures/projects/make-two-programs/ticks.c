/*
 * Shared by calc and report: each program's link line names ticks.o itself
 * (a source shared by two programs, not an archive member).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <time.h>

#include "ticks.h"

long ticks_arg(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

void ticks_sleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * probe, broken: from tick 4 on the reading comes from a table that was
 * never allocated, so probe_read() dereferences NULL and the program dies
 * of SIGSEGV in function probe_read, module probe.
 */
#include <stddef.h>

#include "probe.h"

static long *readings;

long probe_read(long tick)
{
	if (tick <= 3)
		return tick * 3;
	return readings[tick];
}

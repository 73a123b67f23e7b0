/* stats: a running total kept in a file-static variable. */
#include "demo.h"

static long total;

void stats_record(long value)
{
	total += value;
}

long stats_total(void)
{
	return total;
}

/*
 * count: state kept in statics only. total and hist are file-static, calls
 * is function-static. b03-statics/resize changes HIST_LEN (hist's size).
 */
#include <stdio.h>

#include "count.h"

#define HIST_LEN 4

static long total;
static int hist[HIST_LEN];

void count_tick(long tick)
{
	total += tick;
	hist[tick % HIST_LEN]++;
}

static long hist_sum(void)
{
	long sum = 0;

	for (int i = 0; i < HIST_LEN; i++)
		sum += hist[i];
	return sum;
}

void count_show(char *buf, size_t size)
{
	static long calls;

	calls++;
	snprintf(buf, size, "total %ld calls %ld hist[%d] sum %ld body",
		 total, calls, HIST_LEN, hist_sum());
}

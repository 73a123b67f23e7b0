/* report: the second program of the project, from the same ticks.c and archive. */
#include <stdio.h>

#include "shared.h"
#include "ticks.h"

int main(int argc, char **argv)
{
	long interval = ticks_arg(argc, argv, 1, 100);
	long limit = ticks_arg(argc, argv, 2, 0);

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		printf("report %ld sum %ld label %s\n", tick, shared_sum(tick), shared_label());
		ticks_sleep(interval);
	}
	return 0;
}

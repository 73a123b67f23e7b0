/*
 * calc: one line a tick with what the archive's shared_scale() makes of the
 * tick number, so an edit of lib/scale.c shows on the next line.
 */
#include <stdio.h>

#include "shared.h"
#include "ticks.h"

int main(int argc, char **argv)
{
	long interval = ticks_arg(argc, argv, 1, 100);
	long limit = ticks_arg(argc, argv, 2, 0);

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		printf("tick %ld scaled %ld label %s\n", tick, shared_scale(tick), shared_label());
		ticks_sleep(interval);
	}
	return 0;
}

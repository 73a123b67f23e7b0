/*
 * render: formats the tick line. The step shown is the difference to the
 * previous value, remembered in a function-static variable.
 */
#include <stdio.h>

#include "demo.h"

void render_line(char *buf, size_t size, long tick, long value)
{
	static long prev;

	snprintf(buf, size, "tick %ld value %ld step %+ld total %ld",
		 tick, value, value - prev, stats_total());
	prev = value;
}

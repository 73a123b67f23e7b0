/* Formats the tick's line from the geometry library's results. */
#include <stdio.h>

#include "geometry.h"
#include "report.h"

#ifndef SHAPES_UNIT
#error "CMakeLists.txt defines SHAPES_UNIT for shapes' sources"
#endif

void report_line(char *buf, size_t size, long tick)
{
	long w = tick, h = tick + 1;

	snprintf(buf, size, "box %ldx%ld area %ld perimeter %ld diagonal %.2f unit %s", w, h,
		 geometry_area(w, h), geometry_perimeter(w, h), geometry_diagonal(w, h), SHAPES_UNIT);
}

/* area: the area of the box shape.h makes for a tick. */
#include "calc.h"
#include "shape.h"

long area(long tick)
{
	struct box b = box_at(tick);

	return b.w * b.h;
}

int area_rev(void)
{
	return SHAPE_REV;
}

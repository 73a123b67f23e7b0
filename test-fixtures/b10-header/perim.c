/* perim: the perimeter of the box shape.h makes for a tick. */
#include "calc.h"
#include "shape.h"

long perim(long tick)
{
	struct box b = box_at(tick);

	return 2 * (b.w + b.h);
}

int perim_rev(void)
{
	return SHAPE_REV;
}

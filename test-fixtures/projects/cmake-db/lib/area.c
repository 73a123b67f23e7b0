#include "geometry.h"

long geometry_area(long w, long h)
{
	return w * h;
}

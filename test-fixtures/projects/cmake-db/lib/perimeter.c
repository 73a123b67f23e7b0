#include <math.h>

#include "geometry.h"

long geometry_perimeter(long w, long h)
{
	return 2 * (w + h);
}

double geometry_diagonal(long w, long h)
{
	return sqrt((double)(w * w + h * h));
}

/* Member of libshared.a. The benchmark edit: change SCALE. */
#include "shared.h"

#define SCALE 3

long shared_scale(long value)
{
	return value * SCALE;
}

long shared_sum(long n)
{
	return n * (n + 1) / 2;
}

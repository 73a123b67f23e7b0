/* counter.c: the global a plugin reads by its C name; the program steps it. */
#include "api.h"

int api_counter;

int counter_step(void)
{
	return api_counter += 1;
}

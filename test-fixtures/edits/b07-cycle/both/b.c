/* b: reads a.c's global a_count and calls a_inc(); a.c does the same to b. */
#include "cycle.h"

int b_count;

int b_inc(void)
{
	return 20;
}

int b_step(void)
{
	b_count += b_inc();
	return b_count + a_count + a_inc();
}

/* a: reads b.c's global b_count and calls b_inc(); b.c does the same to a. */
#include "cycle.h"

int a_count;

int a_inc(void)
{
	return 1;
}

int a_step(void)
{
	a_count += a_inc();
	return a_count + b_count + b_inc();
}

/*
 * base: formats the rest of the tick line, now with a new function
 * (base_twice), a new global (base_bonus) and the new module plus.c.
 */
#include <stdio.h>

#include "base.h"
#include "plus.h"

long base_calls;
long base_bonus = 5;

long base_twice(long x)
{
	return 2 * x;
}

void base_report(char *buf, size_t size)
{
	base_calls++;
	snprintf(buf, size, "calls %ld twice %ld bonus %ld plus %ld",
		 base_calls, base_twice(base_calls), base_bonus, plus_tick());
}

/*
 * world.c: the global 'world' and the file-static 'tally', each a struct of
 * two ints. The swap variant declares both structs' fields the other way
 * round: the same sizes, other layouts.
 */
#include <stdio.h>

#include "layout.h"

struct world {
	int score;
	int ticks;
};

struct tally {
	int checks;
	int calls;
};

struct world world = { 0, 0 };

static struct tally tally;

const char *world_step(void)
{
	static char line[64];

	world.ticks += 1;
	world.score += 10;
	tally.calls += 1;
	tally.checks += 2;
	snprintf(line, sizeof line, "ticks %d score %d calls %d v2", world.ticks, world.score,
		 tally.calls);
	return line;
}

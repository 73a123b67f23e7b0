/*
 * b20-pointer-chain: every tick asks chain.c for the address of its static
 * step() (through chain_pointer's stub: the newest version's) and keeps it
 * when it is new, so the program holds a pointer saved from every version
 * it ran. Then it calls them all: `value` is what the newest gives, `same`
 * says whether every pointer gave it (an old version's entry that did not
 * forward to the newest would give its own, older number).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chain.h"

#define MAX_POINTERS 256

static chain_fn pointers[MAX_POINTERS];
static int npointers;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

static void keep(chain_fn fn)
{
	if (npointers < MAX_POINTERS && (!npointers || pointers[npointers - 1] != fn))
		pointers[npointers++] = fn;
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		int value, same = 1;

		keep(chain_pointer());
		value = pointers[npointers - 1]();
		for (int i = 0; i < npointers; i++)
			same = same && pointers[i]() == value;
		printf("tick %ld pointers %d value %d same %s\n", tick, npointers, value,
		       same ? "yes" : "no");
		sleep_ms(interval);
	}
	return 0;
}

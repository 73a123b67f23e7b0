/*
 * b12-handlers: before/after handlers run leaves first, and a removed
 * module's never run again. Every module registers a before- and an
 * after-handler that print the module's name and version. The modules form
 * one chain, main -> mid -> gone -> leaf (each calls the next), so "leaves
 * first" is one order with no ties: leaf, gone, mid, main. Reloads happen
 * only at the reload point at the top of each tick, so the handlers' lines
 * come between two tick lines, all together and in order.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hcr.h"
#include "chain.h"

static void before(void)
{
	puts("main: before v1");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("main: after v1");
}
HCR_AFTER_RELOAD(after);

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		hcr_reload_point();
		printf("tick %ld value %ld\n", tick, mid_value());
		sleep_ms(interval);
	}
	return 0;
}

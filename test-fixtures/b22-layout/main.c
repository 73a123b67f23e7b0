/*
 * b22-layout: each tick prints what world.c and swarm.c say. world.c keeps
 * a global struct, swarm.c a struct it allocated on the heap once. main.c
 * knows neither struct.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "layout.h"

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
		const char *world = world_step();
		const char *swarm = swarm_step();

		printf("tick %ld world %s swarm %s\n", tick, world, swarm);
		sleep_ms(interval);
	}
	return 0;
}

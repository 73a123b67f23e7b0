/*
 * b16-libc-names: calls the program's own error, log, index and send and
 * prints its own optind and timezone. With the C library's versions the
 * numbers would be different (or the program would crash).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "names.h"

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
		printf("tick %ld error(3)=%d log(2)=%d index(1)=%c send(4,2)=%d",
		       tick, error(3), log(2), *index(1), send(4, 2));
		printf(" optind=%d timezone=%ld\n", optind, timezone);
		sleep_ms(interval);
	}
	return 0;
}

/* pkg-config-dep: the loop prints zlib's checksums of a text that changes every tick. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "checksum.h"

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
	char line[128];

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		checksum_line(line, sizeof(line), tick);
		printf("tick %ld %s\n", tick, line);
		sleep_ms(interval);
	}
	return 0;
}

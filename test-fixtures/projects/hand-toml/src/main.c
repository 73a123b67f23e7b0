/* hand-toml: the loop prints a sine wave, the platform and $WAVE_LABEL. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "wave.h"

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
	const char *label = getenv("WAVE_LABEL");

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		printf("tick %ld wave %ld platform %s label %s\n", tick, wave_value(tick), platform_name(),
		       label ? label : "none");
		sleep_ms(interval);
	}
	return 0;
}

/*
 * b18-static-helper: the loop on the stack in main.c calls two static
 * helpers of its own module directly: next_value() (v + 1) and
 * format_line(). The loop itself prints "loop v1".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

static long next_value(long v)
{
	return v + 1;
}

static void format_line(char *buf, size_t size, long tick, long value)
{
	snprintf(buf, size, "tick %ld value %ld format v1", tick, value);
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);
	long value = 0;
	char line[128];

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		value = next_value(value);
		format_line(line, sizeof(line), tick, value);
		printf("%s loop v1\n", line);
		sleep_ms(interval);
	}
	return 0;
}

/*
 * b11-main-loop: the only module is the one whose loop is on the stack.
 * The loop calls next_value() and format_line(), global functions of this
 * same file, so a reload sends those calls to the new code; the loop body
 * itself (the "loop v1" suffix) only changes when the program restarts.
 * b11-main-loop/edit changes all three.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

long next_value(long value);
void format_line(char *buf, size_t size, long tick, long value);

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

long next_value(long value)
{
	return value + 100;
}

void format_line(char *buf, size_t size, long tick, long value)
{
	snprintf(buf, size, "tick %ld value %ld format v2", tick, value);
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
		printf("%s loop v2\n", line);
		sleep_ms(interval);
	}
	return 0;
}

/*
 * a-nim-integration: Nim's HCR integration test (tests/dll/nimhcr_integration.nim)
 * ported to C. main.c never changes: it registers the handlers `main: before` and
 * `main: after`, asks m0's get_int() for the answer once at start-up and once
 * after every reload, and prints the answer every tick. The reload point at the
 * top of each tick is the only place a reload happens, so the handlers' lines
 * always come between two answer lines, never inside one.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hcr.h"
#include "m0.h"

static int reloaded;

static void before(void)
{
	puts("main: before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("main: after");
	reloaded = 1;
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
	int answer = get_int();

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		hcr_reload_point();
		if (reloaded) {
			reloaded = 0;
			answer = get_int();
		}
		printf("The answer is: %d\n", answer);
		sleep_ms(interval);
	}
	return 0;
}

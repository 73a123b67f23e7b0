/*
 * constructors: modules with __attribute__((constructor)) and
 * ((destructor)) functions, as real programs have them (jq's
 * jv_mem_uninit_setup). A module's constructors run when the runtime loads
 * it - at start, and again for every new version a reload loads - as that
 * version's own functions, once every stub is bound: setup.c's constructor
 * calls tls.c's tls_base() and its own setup_offset(). setup.c is linked
 * in process; tls.c holds a thread-local, which sends it to the driver's
 * link. Each tick prints how often each constructor ran and what it set up
 * (setup 10: 20 from tls_base, -10 from setup_offset; tls 27 from tls.c's
 * constructor).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern int setup_runs;
extern int setup_value;
int tls_runs(void);
int tls_value(void);

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	long interval = argc > 1 ? atol(argv[1]) : 100;
	long ticks = argc > 2 ? atol(argv[2]) : 0;

	printf("main\n");
	for (long tick = 1; ticks == 0 || tick <= ticks; tick++) {
		printf("tick %ld setup %d runs %d tls %d runs %d\n", tick, setup_value,
		       setup_runs, tls_value(), tls_runs());
		sleep_ms(interval);
	}
	return 0;
}

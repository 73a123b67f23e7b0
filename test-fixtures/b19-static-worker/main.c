/*
 * b19-static-worker: a worker thread calls work.c's static step() through
 * the pointer saved once at start-up, in a tight loop, while work.c is
 * reloaded. Only the old version's entry stands between the worker and
 * the newest code: each reload rewrites it while the worker runs through
 * it. A result that is neither version's (4x + 1, 4x + 2) came from no
 * complete version: the worker says `torn call` on stderr and aborts.
 *
 * Each tick sleeps, then waits until the worker has made 100000 more calls
 * (a worker stuck in a reload stops the ticks), then prints the version
 * the worker's last call returned.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "work.h"

#define CALLS_PER_TICK 100000L

static work_fn saved;
static atomic_long calls;
static atomic_long version;

static void *worker(void *unused)
{
	long v, x;

	(void)unused;
	for (long n = 0;; n++) {
		x = n & 0xffff;
		v = saved(x) - 4 * x;
		if (v != 1 && v != 2) {
			fprintf(stderr, "torn call: step(%ld) gave version %ld\n", x, v);
			abort();
		}
		atomic_store_explicit(&version, v, memory_order_relaxed);
		atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
	}
	return NULL;
}

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
	pthread_t thread;

	saved = work_pointer();
	if (pthread_create(&thread, NULL, worker, NULL) != 0) {
		fputs("cannot start the worker\n", stderr);
		return 1;
	}
	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		long start = atomic_load(&calls);

		sleep_ms(interval);
		while (atomic_load(&calls) - start < CALLS_PER_TICK)
			sleep_ms(1);
		printf("tick %ld calls %ld+ version %ld\n", tick, CALLS_PER_TICK, atomic_load(&version));
	}
	return 0;
}

/*
 * b13-worker: a worker thread calls into a module without pause while the
 * module is reloaded. The worker calls work_0 ... work_199 round after round,
 * through a table of pointers filled at start-up and, for two of them,
 * directly. Each call returns 4x + the version of the code that ran: a call
 * that returns anything but version 1 or 2 is torn (it ran neither the old
 * code nor the new), and the program says so and aborts.
 *
 * Each tick sleeps, then waits until the worker has made 100000 more calls
 * (so a worker stuck in a reload stops the ticks), then prints the version
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

typedef long (*work_fn)(long);

#define WORK_ENTRY(n) work_##n,
static work_fn const table[WORK_FUNCTIONS] = { WORK_LIST(WORK_ENTRY) };

static atomic_long calls;
static atomic_long version;

static void check(const char *name, int index, long x, long result)
{
	long v = result - 4 * x;

	if (v != 1 && v != 2) {
		fprintf(stderr, "torn call: %s %d (x %ld) returned %ld\n", name, index, x, result);
		abort();
	}
	atomic_store_explicit(&version, v, memory_order_relaxed);
}

static void *worker(void *unused)
{
	(void)unused;
	for (long round = 0;; round++) {
		for (int i = 0; i < WORK_FUNCTIONS; i++) {
			long x = (round + i) & 0xffff;

			check("table", i, x, table[i](x));
		}
		check("work_0", 0, round & 0xffff, work_0(round & 0xffff));
		check("work_199", 199, round & 0xffff, work_199(round & 0xffff));
		atomic_fetch_add_explicit(&calls, WORK_FUNCTIONS + 2, memory_order_relaxed);
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

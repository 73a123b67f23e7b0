/*
 * ops: static functions that the program only ever reaches through
 * pointers saved once: a table copied on first use (as luaL_newlib fills
 * Lua's library tables), a qsort comparator main.c keeps, a SIGUSR1
 * handler and an atexit handler registered at start-up. Only global
 * functions go through hcr's stubs: after a reload these pointers still
 * lead to the first version, which must forward to the newest.
 *
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

typedef int (*op)(int);

volatile sig_atomic_t ops_signal_tick;
volatile sig_atomic_t ops_signal_seen;

static int say_exit;

static int add(int x)
{
	return x + 1;
}

static int mul(int x)
{
	return x * 2;
}

static const op table[] = { add, mul };
static op saved[2];	/* filled on first use */

/* qsort comparator: ascending */
static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a;
	int y = *(const int *)b;

	return (x > y) - (x < y);
}

static void on_signal(int sig)
{
	(void)sig;
	ops_signal_seen = 1000 + ops_signal_tick;
}

static void at_exit(void)
{
	if (say_exit)
		printf("exit v1\n");
}

void ops_setup(int exit_line)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* the kernel keeps this pointer */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	say_exit = exit_line;
	atexit(at_exit);
}

int ops_apply(int i, int x)
{
	if (!saved[0]) {
		saved[0] = table[0];
		saved[1] = table[1];
	}
	return saved[i](x);
}

sort_fn ops_sorter(void)
{
	return by_value;
}

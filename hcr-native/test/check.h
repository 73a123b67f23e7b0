/*
 * check.h - the C tests' runner and the helpers every test uses (check.c).
 *
 * Each test runs in a child process of its own: libraries cannot be
 * unloaded, so a fresh process is the only clean slate. A test returns 0
 * when it passes; CHECK() prints the failing line and returns 1.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>

#include "hcr_host.h"

struct test {
	const char *name;
	int (*fn)(void);
};

int check_failed(const char *file, int line, const char *expr);

#define CHECK(cond) \
	do { \
		if (!(cond)) \
			return check_failed(__FILE__, __LINE__, #cond); \
	} while (0)

/* Writes gen/current = n the way the compiler publishes it. */
void publish(const char *build, int n);

/* Publishes generation n of build and calls hcrInit on it. */
int start_at(const char *build, int generation);

/* The program's function `name`, i.e. its stub hcr.<name>. */
void *sym(const char *name);
int call(const char *name);

/* Calls fn in a child; returns its stderr in out and its signal in *sig. */
void trap_output(void *fn, char *out, size_t size, int *sig);

/* The observer's events, kept in order (at most 64). */
extern char *events[64];
extern int nevents;
void observe(const char *json);
int has_event(const char *json);
const char *last_event(void);
int starts(const char *s, const char *prefix);

/* Runs every test in its own process, one line each, then the tally. */
int run_tests(const struct test *tests, int n);

#endif /* CHECK_H */

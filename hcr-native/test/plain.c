/*
 * plain.c, plain_util.c - a program using every macro of hcr.h, built with
 * a bare gcc: no -DHCR, no libhcr. It must run as the same program loaded
 * once: every HCR_STATE initialised (each initializer evaluated once) before
 * any HCR_INIT runs, each HCR_INIT once, the reload handlers never, and the
 * functions answering 0. Exits 0 when all of that holds.
 */
#include <stdio.h>
#include <string.h>

#include "hcr.h"

int util_inits(void);		/* plain_util.c */
int *util_count(void);

struct config {
	int width, height;
	const char *name;
};

static int ids, inits, handlers, util_count_at_init;

static int next_id(void)
{
	return ++ids;
}

/* the same state and handler names as plain_util.c */
HCR_STATE(struct config, config, { 80, 25, "plain" });
HCR_STATE(int, count, next_id() * 10);
HCR_STATE(int, count_at_init, -1);

static void init(void)
{
	inits++;
	*count_at_init = *count;
	util_count_at_init = *util_count();
}
HCR_INIT(init);

static void before(void)
{
	handlers++;
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	handlers++;
}
HCR_AFTER_RELOAD(after);

static int check(int ok, const char *what)
{
	if (!ok)
		fprintf(stderr, "plain: %s\n", what);
	return !ok;
}

int main(void)
{
	int i, bad = 0;

	for (i = 0; i < 3; i++)
		hcr_reload_point();
	bad |= check(!hcrReloadNeeded() && !hcrHasModuleChanged("plain"),
		     "the queries answer 0");
	bad |= check(inits == 1 && util_inits() == 1, "each HCR_INIT once");
	bad |= check(handlers == 0, "no reload handler runs");
	bad |= check(config->width == 80 && config->height == 25 &&
		     !strcmp(config->name, "plain"), "a brace initializer");
	bad |= check(*count == 10 && ids == 1, "an initializer runs once");
	bad |= check(*count_at_init == 10 && util_count_at_init == 5,
		     "every state is set before any HCR_INIT runs");
	(*count)++;
	bad |= check(*count == 11, "the state is a variable");
	return bad;
}

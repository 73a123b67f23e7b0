/*
 * test_hooks.c - the program API's tests: HCR_INIT, the reload handlers,
 * HCR_STATE and hcrHasModuleChanged, on real generations.
 *
 * Project h: a uses b uses c (test/gens/h/<N>/ is the edit making
 * generation N; 3 changes nothing, 5 deletes b, 6 brings it back, 7 and 8
 * are broken on purpose). Project k: x and y use each other, z uses x.
 * The modules report what runs by calling hcr_test_log() and
 * hcr_test_seed(), which this executable exports to them.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "test_hooks.h"

void hcr_test_log(const char *what);
int hcr_test_seed(const char *who);

static const char *hproj, *kproj;
static char log_text[1024];
static int next_seed = 100;

/* Called by the modules: appends what to the log. */
void hcr_test_log(const char *what)
{
	size_t len = strlen(log_text);

	snprintf(log_text + len, sizeof(log_text) - len, "%s%s",
		 len ? " " : "", what);
}

/* Called by state initializers: logs who, returns 100, 101... */
int hcr_test_seed(const char *who)
{
	char what[64];

	snprintf(what, sizeof(what), "%s:seed", who);
	hcr_test_log(what);
	return next_seed++;
}

/* Is the log what was expected? Empties it either way. */
static int logged(const char *expect)
{
	int same = !strcmp(log_text, expect);

	if (!same)
		fprintf(stderr, "    expected log: %s\n    got:          %s\n",
			expect, log_text);
	log_text[0] = '\0';
	return same;
}

static int events_with(const char *text)
{
	int i, n = 0;

	for (i = 0; i < nevents; i++)
		n += strstr(events[i], text) != NULL;
	return n;
}

static int reload_h(int generation)
{
	publish(hproj, generation);
	return hcrPerformCodeReload();
}

static void *ptr(const char *name)
{
	void *(*fn)(void);

	*(void **)&fn = sym(name);
	return fn();
}

/* The first load runs state initializers, then HCR_INITs, leaves first. */
static int t_first_load(void)
{
	hcrSetObserver(observe);
	CHECK(start_at(hproj, 1) == 0);
	CHECK(logged("c:seed a:seed c:init b:init a:init a:init2"));
	CHECK(call("c_get") == 101);		/* seeded 100 */
	CHECK(call("a_get") == 7 + 101 + 2);	/* count, seeded, b's x */
	CHECK(((int *)ptr("b_count"))[1] == 2);	/* { 1, 2 } */
	CHECK(has_event("{\"type\":\"state\",\"module\":\"c\",\"name\":"
			"\"count\",\"action\":\"created\",\"old_size\":0,"
			"\"new_size\":4}"));
	CHECK(has_event("{\"type\":\"state\",\"module\":\"b\",\"name\":"
			"\"count\",\"action\":\"created\",\"old_size\":0,"
			"\"new_size\":8}"));
	CHECK(events_with("\"type\":\"state\"") == 4);
	CHECK(events_with("\"type\":\"static\"") == 0);
	CHECK(strstr(last_event(), "\"handlers\":"));
	CHECK(hcrPerformCodeReload() == 0);
	CHECK(logged(""));
	return 0;
}

/* Before-handlers of the old versions, after-handlers of the new ones. */
static int t_handler_order(void)
{
	void *b_state;

	CHECK(start_at(hproj, 1) == 0);
	CHECK(logged("c:seed a:seed c:init b:init a:init a:init2"));
	b_state = ptr("b_count");
	CHECK(call("b_get") == 2);
	nevents = 0;
	hcrSetObserver(observe);
	CHECK(reload_h(2) == 1);
	CHECK(logged("c:before changed:b b:before a:before "
		     "c:after b2:after a:after1 a:after2"));
	CHECK(ptr("b_count") == b_state);	/* same block */
	CHECK(call("b_get") == 3);		/* value kept */
	CHECK(has_event("{\"type\":\"state\",\"module\":\"b\",\"name\":"
			"\"count\",\"action\":\"kept\",\"old_size\":8,"
			"\"new_size\":8}"));
	CHECK(events_with("\"type\":\"state\"") == 1);
	CHECK(events_with("\"type\":\"static\"") == 0);
	CHECK(events_with("while a reload is running") == 1);	/* a's */
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":2"));
	return 0;
}

static int t_nothing_to_apply(void)
{
	CHECK(start_at(hproj, 2) == 0);
	CHECK(logged("c:seed a:seed c:init b:init a:init a:init2"));
	CHECK(reload_h(3) == 0);	/* a new generation, no module changed */
	CHECK(hcrGeneration() == 3);
	CHECK(logged(""));
	CHECK(hcrPerformCodeReload() == 0);
	CHECK(logged(""));
	return 0;
}

/* sizeof changes: a fresh block, initialised again, reported. */
static int t_state_reset(void)
{
	void *old;

	CHECK(start_at(hproj, 3) == 0);
	CHECK(logged("c:seed a:seed c:init b:init a:init a:init2"));
	CHECK(call("c_get") == 101);
	old = ptr("c_count");
	hcrSetObserver(observe);
	CHECK(reload_h(4) == 1);
	CHECK(logged("c:before changed:c b2:before a:before c:seed "
		     "c:after b2:after a:after1 a:after2"));
	CHECK(ptr("c_count") != old);
	CHECK(call("c_get") == 103);	/* seeded 102 */
	CHECK(has_event("{\"type\":\"state\",\"module\":\"c\",\"name\":"
			"\"count\",\"action\":\"reset\",\"old_size\":4,"
			"\"new_size\":8}"));
	return 0;
}

/* A removed module's handlers never run; back, it starts afresh. */
static int t_remove_and_return(void)
{
	char out[256];
	void *b_get;
	int sig;

	CHECK(start_at(hproj, 4) == 0);
	CHECK(logged("c:seed a:seed c:init b:init a:init a:init2"));
	b_get = sym("b_get");
	CHECK(call("b_get") == 2);
	CHECK(call("b_get") == 3);
	hcrSetObserver(observe);
	CHECK(reload_h(5) == 2);	/* a reloaded, b removed */
	CHECK(logged("c:before changed:a b2:before a:before a5:after c:after"));
	CHECK(has_event("{\"type\":\"state\",\"module\":\"b\",\"name\":"
			"\"count\",\"action\":\"released\",\"old_size\":8,"
			"\"new_size\":0}"));
	CHECK(call("a_get") == 7 + 101);	/* a's states kept */
	trap_output(b_get, out, sizeof(out), &sig);
	CHECK(sig == SIGABRT && strstr(out, "removed with module 'b'"));
	CHECK(reload_h(6) == 2);	/* a reloaded, b loaded */
	CHECK(logged("a5:before c:before changed:ab "
		     "b:init c:after b:after a6:after1 a6:after2"));
	CHECK(call("b_get") == 2);	/* a fresh { 1, 2 } */
	CHECK(has_event("{\"type\":\"state\",\"module\":\"b\",\"name\":"
			"\"count\",\"action\":\"created\",\"old_size\":0,"
			"\"new_size\":8}"));
	return 0;
}

/* Broken generations: nothing runs, nothing changes. */
static int t_failed_reload_runs_nothing(void)
{
	CHECK(start_at(hproj, 6) == 0);
	CHECK(logged("c:seed a:seed c:init b:init a:init a:init2"));
	CHECK(reload_h(7) == HCR_ESTATE);
	CHECK(strstr(hcrLastError(), "state 'count' of module 'c': no "
		     "HCR_STATE descriptor at 0x0 in libc.g7.so"));
	CHECK(logged(""));
	CHECK(reload_h(8) == HCR_EMANIFEST);
	CHECK(strstr(hcrLastError(), "module 'b' uses unknown module "
		     "'nosuch'"));
	CHECK(logged(""));
	CHECK(hcrGeneration() == 6 && call("c_get") == 101);
	return 0;
}

/* x and y use each other, z uses x: y, x, z (manifest order breaks it). */
static int t_cycle_order(void)
{
	CHECK(start_at(kproj, 1) == 0);
	CHECK(logged("y:init x:init z:init"));
	CHECK(call("z_val") == 30);
	publish(kproj, 2);
	CHECK(hcrPerformCodeReload() == 1);
	CHECK(logged("y:before x:before z:before y:after x:after z:after"));
	CHECK(call("z_val") == 300);
	return 0;
}

static const struct test tests[] = {
	{ "hooks-first-load", t_first_load },
	{ "hooks-handler-order", t_handler_order },
	{ "hooks-nothing-to-apply", t_nothing_to_apply },
	{ "hooks-state-reset", t_state_reset },
	{ "hooks-remove-and-return", t_remove_and_return },
	{ "hooks-failed-reload-runs-nothing", t_failed_reload_runs_nothing },
	{ "hooks-cycle-order", t_cycle_order },
};

int hook_tests(const char *h, const char *k, struct test *out, int max)
{
	int i, n = (int)(sizeof(tests) / sizeof(tests[0]));

	hproj = h;
	kproj = k;
	for (i = 0; i < n && i < max; i++)
		out[i] = tests[i];
	return i;
}

/*
 * test_statics.c - statics keep one identity (issue 10, docs/internals.md
 * section 6), on real generations built by test/mkgen.sh with staticref
 * records: ld kept each module's relocations (-Wl,-q) with every static in
 * an output section of its own (-fdata-sections), and the script lists them
 * as the compiler's in-process link lists its sites.
 *
 * Project s, module a: statics count (read and written by several
 * functions, pointed at by the static p and by a const table in RELRO),
 * hist[4] and the function static calls.0. Generation N's bump adds 1, 10,
 * 100, 1000, 10000 to count; 4 grows hist to [8] (reset), 5 keeps it; 6 and
 * 7 have broken staticref records; 8's site list of count does not match
 * its library. Project p (test_hcr.c) has no staticref records: its
 * statics are carried.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_statics.h"

static char sproj[4096];

static int reload(int generation)
{
	publish(sproj, generation);
	return hcrPerformCodeReload();
}

static int *count_addr(void)
{
	int *(*fn)(void);

	*(void **)&fn = sym("count_addr");
	return fn();
}

static long *hist_addr(void)
{
	long *(*fn)(void);

	*(void **)&fn = sym("hist_addr");
	return fn();
}

static long hist_sum(void)
{
	long (*fn)(void);

	*(void **)&fn = sym("hist_sum");
	return fn();
}

/* Runs in the middle of generation 1's read_around: reload, bump. */
static int mid_rc;

static void reload_and_bump(void)
{
	mid_rc = reload(2);
	call("bump");
}

static int t_shared(void)
{
	int (*read_around)(void (*)(void));
	const char *us;
	int *home;

	CHECK(start_at(sproj, 1) == 0);
	CHECK(call("bump") == 1 && call("bump") == 2);
	CHECK(call("get_count") == 2);
	home = count_addr();
	hcrSetObserver(observe);
	*(void **)&read_around = sym("read_around");
	/* generation 1's code stays on the stack across the reload and reads
	 * count again after generation 2's bump added 10 to it */
	CHECK(read_around(reload_and_bump) == 10);
	CHECK(mid_rc == 1 && hcrGeneration() == 2);
	CHECK(call("version") == 2);
	CHECK(call("get_count") == 12 && *home == 12);
	CHECK(count_addr() == home);		/* new code, old storage */
	CHECK(call("via_pointer") == 12);	/* p, and p's value */
	CHECK(call("via_table") == 12);		/* the RELRO table's word */
	CHECK(call("bump") == 4);		/* calls.0 went on too */
	CHECK(hist_sum() == 4);
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"count\",\"action\":\"shared\",\"old_size\":4,"
			"\"new_size\":4}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"calls.0\",\"action\":\"shared\",\"old_size\":4,"
			"\"new_size\":4}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"hist\",\"action\":\"shared\",\"old_size\":32,"
			"\"new_size\":32}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"p\",\"action\":\"shared\",\"old_size\":8,"
			"\"new_size\":8}"));
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":2,"
		     "\"previous\":1,\"loaded\":0,\"reloaded\":1,\"removed\":0,"
		     "\"shared\":4,\"carried\":0,\"reset\":0,"));
	us = strstr(last_event(), "\"statics\":");
	CHECK(us);
	printf("     4 statics shared (18 sites): %ld us for the statics step, "
	       "planned and written\n", strtol(us + 10, NULL, 10));
	return 0;
}

/* Generations 2 and 3 address generation 1's storage, not 2's. */
static int t_chain(void)
{
	int *home;

	CHECK(start_at(sproj, 1) == 0);
	call("bump");
	home = count_addr();
	CHECK(reload(2) == 1);
	call("bump");
	CHECK(reload(3) == 1);
	call("bump");
	CHECK(call("version") == 3);
	CHECK(count_addr() == home && *home == 111);
	CHECK(call("via_pointer") == 111 && call("via_table") == 111);
	CHECK(call("bump") == 4 && *home == 211);
	return 0;
}

/* 1 -> 3 directly: the same home. */
static int t_skip(void)
{
	int *home;

	CHECK(start_at(sproj, 1) == 0);
	call("bump");
	home = count_addr();
	CHECK(reload(3) == 1);
	CHECK(count_addr() == home);
	call("bump");
	CHECK(*home == 101);
	return 0;
}

/*
 * hist grows in 4: reset, in generation 4's own storage, its new home,
 * which 5 shares; count keeps generation 1's.
 */
static int t_reset_new_home(void)
{
	long *old_hist, *new_hist;
	int *home;

	CHECK(start_at(sproj, 1) == 0);
	call("bump");
	home = count_addr();
	old_hist = hist_addr();
	hcrSetObserver(observe);
	CHECK(reload(4) == 1);
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"hist\",\"action\":\"reset\",\"old_size\":32,"
			"\"new_size\":64}"));
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":4,"
		     "\"previous\":1,\"loaded\":0,\"reloaded\":1,\"removed\":0,"
		     "\"shared\":3,\"carried\":0,\"reset\":1,"));
	new_hist = hist_addr();
	CHECK(new_hist != old_hist && hist_sum() == 0);
	CHECK(count_addr() == home);
	call("bump");
	CHECK(hist_sum() == 1 && *home == 1001);
	CHECK(reload(5) == 1);
	CHECK(hist_addr() == new_hist && hist_sum() == 1);
	CHECK(count_addr() == home);
	return 0;
}

static int t_broken_staticrefs(void)
{
	CHECK(start_at(sproj, 1) == 0);
	call("bump");
	CHECK(reload(6) == HCR_EMANIFEST);
	CHECK(strstr(hcrLastError(), "gen/6/manifest line "));
	CHECK(strstr(hcrLastError(), "staticref of static 'count' of module "
		     "'a' twice"));
	CHECK(reload(7) == HCR_EMANIFEST);
	CHECK(strstr(hcrLastError(), "bad staticref offset '0xzz'"));
	CHECK(hcrGeneration() == 1 && call("version") == 1);
	CHECK(call("get_count") == 1);
	return 0;
}

/* A site list that does not match: that static is carried, and says why. */
static int t_mismatch_carried(void)
{
	int *home;

	CHECK(start_at(sproj, 1) == 0);
	call("bump");
	call("bump");
	home = count_addr();
	hcrSetObserver(observe);
	CHECK(reload(8) == 1);
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"count\",\"action\":\"carried\",\"old_size\":4,"
			"\"new_size\":4,\"why\":\"site outside the library\"}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"hist\",\"action\":\"shared\",\"old_size\":32,"
			"\"new_size\":32}"));
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":8,"
		     "\"previous\":1,\"loaded\":0,\"reloaded\":1,\"removed\":0,"
		     "\"shared\":3,\"carried\":1,\"reset\":0,"));
	CHECK(count_addr() != home && call("get_count") == 2);	/* a copy */
	call("bump");
	CHECK(call("get_count") == 42 && *home == 2);
	return 0;
}

/*
 * hcrStaticStorage, what the console's globals panel reads: the home the
 * loaded code uses, generation 1's storage after reloads, a reset static's
 * new storage; NULL and a message for a static not listed.
 */
static int t_storage_query(void)
{
	int *home;

	CHECK(start_at(sproj, 1) == 0);
	call("bump");
	home = count_addr();
	CHECK(hcrStaticStorage("a", "count") == home);
	CHECK(hcrStaticStorage("a", "calls.0") != NULL);
	CHECK(reload(2) == 1);
	CHECK(hcrStaticStorage("a", "count") == home);
	CHECK(reload(4) == 1);
	CHECK(hcrStaticStorage("a", "count") == home && *home == 1);
	CHECK(hcrStaticStorage("a", "hist") == (void *)hist_addr());
	CHECK(hcrStaticStorage("a", "nope") == NULL);
	CHECK(!strcmp(hcrLastError(), "generation 4 has no static 'nope' in "
		      "module 'a'"));
	CHECK(hcrStaticStorage("zz", "count") == NULL);
	CHECK(hcrStaticStorage(NULL, "count") == NULL);
	return 0;
}

static const struct test tests[] = {
	{ "statics-shared-with-old-code", t_shared },
	{ "statics-shared-chain", t_chain },
	{ "statics-shared-skip", t_skip },
	{ "statics-reset-new-home", t_reset_new_home },
	{ "statics-broken-staticrefs", t_broken_staticrefs },
	{ "statics-mismatch-carried", t_mismatch_carried },
	{ "statics-storage-query", t_storage_query },
};

int statics_tests(const char *dir, struct test *out, int max)
{
	int i, n = (int)(sizeof(tests) / sizeof(tests[0]));

	snprintf(sproj, sizeof(sproj), "%s/s", dir);
	for (i = 0; i < n && i < max; i++)
		out[i] = tests[i];
	return i;
}

/*
 * module a, generation 6: uses b again (b is back). Its handlers
 * ask for reloads, which must neither deadlock nor happen.
 */
#include "hcr.h"

void hcr_test_log(const char *what);
int hcr_test_seed(const char *who);
int b_get(void);
int hcrPerformCodeReload(void);	/* libhcr's, not in hcr.h */

HCR_STATE(int, count, 7);
HCR_STATE(int, seeded, hcr_test_seed("a"));

int a_get(void)
{
	return *count + *seeded + b_get();
}

static void init(void)
{
	hcr_reload_point();
	hcr_test_log(hcrPerformCodeReload() == -6 ? "a:init" : "a:init:BAD");
}
HCR_INIT(init);

static void init2(void)
{
	hcr_test_log("a:init2");
}
HCR_INIT(init2);

static void before(void)
{
	hcr_reload_point();
	hcr_test_log(hcrPerformCodeReload() == -6 ? "a:before" : "a:before:BAD");
}
HCR_BEFORE_RELOAD(before);

static void after1(void)
{
	hcr_test_log("a6:after1");
}
HCR_AFTER_RELOAD(after1);

static void after2(void)
{
	hcr_test_log("a6:after2");
}
HCR_AFTER_RELOAD(after2);

/* module a, generation 5: uses nothing (b is deleted) */
#include "hcr.h"

void hcr_test_log(const char *what);
int hcr_test_seed(const char *who);

HCR_STATE(int, count, 7);
HCR_STATE(int, seeded, hcr_test_seed("a"));

int a_get(void)
{
	return *count + *seeded;
}

static void init(void)
{
	hcr_test_log("a:init");
}
HCR_INIT(init);

static void before(void)
{
	hcr_test_log("a5:before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	hcr_test_log("a5:after");
}
HCR_AFTER_RELOAD(after);

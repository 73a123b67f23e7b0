/* module b, generation 2: new handlers, same state */
#include "hcr.h"

void hcr_test_log(const char *what);
int c_get(void);

struct pair {
	int x, y;
};

HCR_STATE(struct pair, count, { 1, 2 });

int b_get(void)
{
	return ++count->x;
}

void *b_count(void)
{
	return count;
}

int b_c(void)
{
	return c_get();
}

static void init(void)
{
	hcr_test_log("b:init");
}
HCR_INIT(init);

static void before(void)
{
	hcr_test_log("b2:before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	hcr_test_log("b2:after");
}
HCR_AFTER_RELOAD(after);

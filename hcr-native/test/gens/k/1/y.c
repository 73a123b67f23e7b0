/* module y: uses x, which uses y */
#include "hcr.h"

void hcr_test_log(const char *what);
int x_val(void);

int y_val(void)
{
	return 2;
}

int y_sum(void)
{
	return x_val() + y_val();
}

static void before(void)
{
	hcr_test_log("y:before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	hcr_test_log("y:after");
}
HCR_AFTER_RELOAD(after);

static void init(void)
{
	hcr_test_log("y:init");
}
HCR_INIT(init);

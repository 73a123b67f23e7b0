/* module x: x and y use each other (a cycle); z uses x */
#include "hcr.h"

void hcr_test_log(const char *what);
int y_val(void);

int x_val(void)
{
	return 1;
}

int x_sum(void)
{
	return x_val() + y_val();
}

static void before(void)
{
	hcr_test_log("x:before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	hcr_test_log("x:after");
}
HCR_AFTER_RELOAD(after);

static void init(void)
{
	hcr_test_log("x:init");
}
HCR_INIT(init);

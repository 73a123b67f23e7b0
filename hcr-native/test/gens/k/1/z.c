/* module z: uses x, generation 1 */
#include "hcr.h"

void hcr_test_log(const char *what);
int x_sum(void);

int z_val(void)
{
	return x_sum() * 10;
}

static void before(void)
{
	hcr_test_log("z:before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	hcr_test_log("z:after");
}
HCR_AFTER_RELOAD(after);

static void init(void)
{
	hcr_test_log("z:init");
}
HCR_INIT(init);

/* mid (b12-handlers/remove): gone is deleted; mid uses leaf directly. */
#include <stdio.h>

#include "hcr.h"
#include "chain.h"

long mid_value(void)
{
	return leaf_value() + 100;
}

static void before(void)
{
	puts("mid: before v2");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("mid: after v2");
}
HCR_AFTER_RELOAD(after);

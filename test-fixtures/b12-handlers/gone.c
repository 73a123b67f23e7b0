/* gone: uses leaf; b12-handlers/remove deletes it. */
#include <stdio.h>

#include "hcr.h"
#include "chain.h"

long gone_value(void)
{
	return leaf_value() + 10;
}

static void before(void)
{
	puts("gone: before v1");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("gone: after v1");
}
HCR_AFTER_RELOAD(after);

/* mid: uses gone. */
#include <stdio.h>

#include "hcr.h"
#include "chain.h"

long mid_value(void)
{
	return gone_value() + 100;
}

static void before(void)
{
	puts("mid: before v1");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("mid: after v1");
}
HCR_AFTER_RELOAD(after);

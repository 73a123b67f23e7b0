/* leaf: uses no other module, so its handlers run first. */
#include <stdio.h>

#include "hcr.h"
#include "chain.h"

#define LEAF_VERSION 1

long leaf_value(void)
{
	return LEAF_VERSION;
}

static void before(void)
{
	printf("leaf: before v%d\n", LEAF_VERSION);
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	printf("leaf: after v%d\n", LEAF_VERSION);
}
HCR_AFTER_RELOAD(after);

/* leaf (b12-handlers/again): version 3. */
#include <stdio.h>

#include "hcr.h"
#include "chain.h"

#define LEAF_VERSION 3

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

/* plain_util.c - the second module of the plain program (see plain.c) */
#include "hcr.h"

static int inits;

HCR_STATE(int, count, 5);

int *util_count(void)
{
	return count;
}

int util_inits(void)
{
	return inits;
}

static void init(void)
{
	inits++;
}
HCR_INIT(init);

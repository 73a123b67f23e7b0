/*
 * m0, step 1 (Nim's nimhcr_0_1): a new initialiser, which a running program
 * never sees (g_0 keeps 1000), and handlers. Only the after-handler runs in
 * this reload: before-handlers are those of the version loaded before it.
 */
#include <stdio.h>

#include "hcr.h"
#include "m0.h"

int g_0 = 42; /* let's start with the ultimate answer */

int get_int(void)
{
	return g_0;
}

static void before(void)
{
	puts("0: before");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("0: after");
}
HCR_AFTER_RELOAD(after);

/*
 * m0, step 3 (Nim's nimhcr_0_2): uses the new module m1. The changed
 * initialiser and the new HCR_INIT do not run in a running program (m0 is
 * not new to it); the after-handler sets g_0 instead.
 */
#include <stdio.h>

#include "hcr.h"
#include "m0.h"
#include "m1.h"

int g_0 = 0; /* changed value, but it won't take effect */

int get_int(void)
{
	return g_0 + g_1 + f_1();
}

static void shout(void)
{
	puts("0: I SHOULDN'T BE PRINTED!");
}
HCR_INIT(shout);

static void before(void)
{
	puts("0: before - improved!");
}
HCR_BEFORE_RELOAD(before);

static void after(void)
{
	puts("0: after - improved!");
	g_0 = 100; /* an initialiser cannot change it, an after-handler can */
}
HCR_AFTER_RELOAD(after);

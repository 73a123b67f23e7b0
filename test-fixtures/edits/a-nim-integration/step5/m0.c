/*
 * m0, step 5 (Nim's nimhcr_0_4): g_0 comes back. A global that was removed
 * and is brought back is a new global: it starts from its initialiser, not
 * from the 100 the old one held. get_int() still calls into m1 (Nim's m0
 * imports m1 here), whose f_1() now returns m2's f_2(), 1.
 */
#include <stdio.h>

#include "hcr.h"
#include "m0.h"
#include "m1.h"

int g_0 = 1000; /* new value! but also a "new" global :) */

int get_int(void)
{
	return g_0 * f_1();
}

static void after(void)
{
	static int counter;

	printf("0: after - counter after reload! does it remember? :%d\n", counter++);
	printf("0: after - counter after reload! does it remember? :%d\n", counter++);
}
HCR_AFTER_RELOAD(after);

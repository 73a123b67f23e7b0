/*
 * m0, step 4 (Nim's nimhcr_0_3): g_0 is gone; the answer comes from m1 and
 * the new module m2. The function-static counter stands for Nim's closure
 * iterator: step 5 shows that it remembers.
 */
#include <stdio.h>

#include "hcr.h"
#include "m0.h"
#include "m1.h"
#include "m2.h"

int get_int(void)
{
	return g_1 + len_2();
}

static void after(void)
{
	static int counter;

	printf("0: after - counter: %d\n", counter++);
	printf("0: after - counter: %d\n", counter++);
	printf("0: after - c_2 = [%d, %d, %d]\n", c_2[0], c_2[1], c_2[2]);
}
HCR_AFTER_RELOAD(after);

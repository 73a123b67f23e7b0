/*
 * m2, step 5 (Nim's nimhcr_2_2): f_2() and an after-handler, which calls
 * through rec_2_func_ref: the global keeps the pointer stored when step 4's
 * m2 was loaded, and it still works. The table and the before-handler are
 * gone.
 */
#include <stdio.h>

#include "hcr.h"
#include "m2.h"

int f_2(void)
{
	return 1;
}

static void rec_1(int depth);

static void rec_2(int depth)
{
	rec_1(depth + 1);
}

static void rec_1(int depth)
{
	if (depth < 3)
		rec_2(depth);
	else
		puts("max mutual recursion reached!");
}

void (*rec_2_func_ref)(int) = rec_2;

static void after(void)
{
	puts("2: after!");
	rec_2_func_ref(0);
}
HCR_AFTER_RELOAD(after);

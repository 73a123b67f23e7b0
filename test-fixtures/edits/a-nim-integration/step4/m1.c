/*
 * m1, step 3 (Nim's nimhcr_1): new to the program. Its HCR_INIT is Nim's
 * top-level code, run once; its after-handler prints what the init set.
 */
#include <stdio.h>

#include "hcr.h"
#include "m1.h"

int g_1 = 8; /* devilish! */

static int aa;
static const char *bb = "unset";

int f_1(void)
{
	static int a = 1;

	a++;
	return a;
}

static void print_once(void)
{
	puts("1: print me once!");
	aa = 1;
	bb = "bar";
}
HCR_INIT(print_once);

static void after(void)
{
	printf("1: after - %d %s\n", aa, bb);
}
HCR_AFTER_RELOAD(after);

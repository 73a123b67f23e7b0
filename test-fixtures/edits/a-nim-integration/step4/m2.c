/*
 * m2, step 4 (Nim's nimhcr_2_1): new to the program. Two functions that call
 * each other, one of them stored in a global function pointer that the
 * HCR_INIT calls through (Nim issues 11608 and 11996), and a const table.
 */
#include <stdio.h>

#include "hcr.h"
#include "m2.h"

const int c_2[3] = { 1, 2, 3 };

static const int g_2[] = { 3 }; /* Nim's g_2, a sequence of length 1 */

int len_2(void)
{
	return (int)(sizeof(g_2) / sizeof(g_2[0]));
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

static void random_string(void)
{
	puts("2: random string");
	rec_2_func_ref(0);
}
HCR_INIT(random_string);

static void before(void)
{
	puts("2: before!");
}
HCR_BEFORE_RELOAD(before);

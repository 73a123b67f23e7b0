/*
 * chain: one static function and a global one that gives its address. The
 * smoke scenario rewrites the number 50 times: each reload is a new version
 * of step(), and main.c keeps a pointer from every one of them.
 */
#include "chain.h"

static int step(void)
{
	return 0;
}

chain_fn chain_pointer(void)
{
	return step;
}

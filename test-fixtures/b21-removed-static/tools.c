/*
 * tools: a static function main.c reaches only through the pointer it
 * saved at start-up. b21-removed-static/remove deletes helper().
 */
#include "tools.h"

static int helper(int x)
{
	return 7 * x;
}

tool_fn tools_pointer(void)
{
	return helper;
}

int tools_version(void)
{
	return 1;
}

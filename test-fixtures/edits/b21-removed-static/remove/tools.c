/*
 * tools, b21-removed-static/remove: helper() is gone. A program started
 * with this version gets twice(); one that saved helper() before the
 * reload traps when it calls it: hcr: function 'helper' was removed from
 * module 'tools' (generation N).
 */
#include "tools.h"

static int twice(int x)
{
	return 2 * x;
}

tool_fn tools_pointer(void)
{
	return twice;
}

int tools_version(void)
{
	return 2;
}

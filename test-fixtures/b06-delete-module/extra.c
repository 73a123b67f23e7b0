/* extra: the module b06-delete-module/delete removes. */
#include "extra.h"

long extra_tick(long tick)
{
	return 100 + tick;
}

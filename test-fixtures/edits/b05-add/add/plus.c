/* plus: a module added by b05-add/add. It counts the ticks it has seen. */
#include "plus.h"

long plus_ticks;

long plus_tick(void)
{
	return ++plus_ticks;
}

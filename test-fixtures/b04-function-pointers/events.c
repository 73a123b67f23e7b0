/* events: keeps the handler it was given, as a library would. */
#include <stddef.h>

#include "fp.h"

static event_handler handler;

void events_register(event_handler fn)
{
	handler = fn;
}

long events_fire(long tick)
{
	if (handler == NULL)
		return -1;
	return handler(tick);
}

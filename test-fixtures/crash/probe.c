/* probe: the reading for a tick. crash/null and crash/fixed replace this file. */
#include "probe.h"

long probe_read(long tick)
{
	return tick * 2;
}

/* probe, fixed: no table any more. */
#include "probe.h"

long probe_read(long tick)
{
	return tick * 4;
}

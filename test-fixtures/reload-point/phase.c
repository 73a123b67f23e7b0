/* phase: both halves name their version. reload-point/next makes both v2. */
#include "phase.h"

long phase_count;

const char *phase_open(void)
{
	phase_count++;
	return "v1";
}

const char *phase_close(void)
{
	return "v1";
}

/* phase, version 2 (reload-point/next): both halves say v2. */
#include "phase.h"

long phase_count;

const char *phase_open(void)
{
	phase_count++;
	return "v2";
}

const char *phase_close(void)
{
	return "v2";
}

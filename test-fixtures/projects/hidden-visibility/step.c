/* Hidden and internal functions; hv_step() reads table.c's hidden hv_weights. */
#include "internal.h"

#define HV_STEP_BONUS 0

long hv_step(long value)
{
	return value + hv_weights[0] + HV_STEP_BONUS;
}

const char *hv_tag(void)
{
	return "v1";
}

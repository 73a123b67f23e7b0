/* The hidden data: a const table (HV_DDEF) and, in the pragma block, a mutable array. */
#include "internal.h"

HV_DDEF const char *const hv_names[HV_NAMES] = { "alpha", "beta", "gamma", "delta" };

long hv_weights[HV_NAMES] = { 1, 2, 3, 4 };

long hv_weight(long tick)
{
	return 10 * hv_weights[tick % HV_NAMES];
}

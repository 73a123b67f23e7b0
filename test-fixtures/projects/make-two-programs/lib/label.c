/* Member of libshared.a. */
#include "shared.h"

const char *shared_label(void)
{
	return "v1";
}

#include "wave.h"

const char *platform_name(void)
{
	return "linux";
}

/* The Windows back-end: excluded by hcr.toml, and it does not compile on Linux. */
#include <windows.h>

#include "wave.h"

const char *platform_name(void)
{
	static char name[MAX_PATH];

	GetWindowsDirectoryA(name, MAX_PATH);
	return name;
}

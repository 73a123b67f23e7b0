/*
 * m0: the answer. Step 1 changes the initialiser to 42 and adds handlers; the
 * running program keeps 1000 (README.md, a-nim-integration).
 */
#include "m0.h"

int g_0 = 1000;

int get_int(void)
{
	return g_0;
}

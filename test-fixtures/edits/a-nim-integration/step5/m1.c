/* m1, step 5 (Nim's nimhcr_1_2): calls m2 now; g_1 and the handlers are gone. */
#include "m1.h"
#include "m2.h"

int f_1(void)
{
	return f_2();
}

/* work: the function whose body changed (was + 1). */
#include "work.h"

long work_step(long value)
{
	return value + 100;
}

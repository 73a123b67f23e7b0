/* work: the function whose body changes (b01-function-body/body: + 100). */
#include "work.h"

long work_step(long value)
{
	return value + 1;
}

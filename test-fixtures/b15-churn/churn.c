/* churn: the number b15's scenario rewrites before each reload. */
#include "churn.h"

int churn_value(void)
{
	return 0;
}

/* api.c: the function a plugin calls by its C name. */
#include "api.h"

int api_add(int a, int b)
{
	return a + b;
}

/* api.c: the function a plugin calls by its C name (edited). */
#include "api.h"

int api_add(int a, int b)
{
	return a + b + 1000;
}

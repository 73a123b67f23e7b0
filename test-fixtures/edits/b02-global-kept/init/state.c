/*
 * state: owns the global counter. Its initialiser runs once, when the
 * program starts; a reload keeps the running value.
 */
#include "state.h"

int counter = 5000;

int state_bump(void)
{
	return ++counter;
}

const char *state_tag(void)
{
	return "v2";
}

/*
 * sim: the simulation. sim_value is the state a reload must keep.
 * demo/faster changes the STEP line below (and nothing else).
 */
#include "demo.h"

#define STEP 10

long sim_value;

long sim_step(void)
{
	sim_value += STEP;
	return sim_value;
}

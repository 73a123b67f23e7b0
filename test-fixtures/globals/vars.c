/*
 * vars: one global of each kind the console's Globals panel shows, with
 * known initial values, and two statics. Only counter, steps and calls
 * change on their own (one tick: counter and steps +1, calls +2);
 * everything else changes when someone writes it.
 */
#include "vars.h"

int counter = 100;
unsigned char small = 200;
double ratio = 1.5;
float scale = 0.25f;
bool enabled = true;
char label[16] = "start";
struct point origin = { 3, -4 };
int *cursor = &counter;
const int limit = 1000;
enum mode mode = MODE_RUN;

static long steps;		/* a file static the Globals panel lists too */

void vars_step(void)
{
	static int calls = 40;	/* and a function's static, vars_step::calls */

	counter++;
	steps++;
	calls += 2;
}

/*
 * vars, grow variant: label grows from 16 to 32 bytes, so it gets fresh
 * storage (hcr.label.gN) holding "grown"; every other global keeps its
 * storage and its running value.
 */
#include "vars.h"

int counter = 100;
unsigned char small = 200;
double ratio = 1.5;
float scale = 0.25f;
bool enabled = true;
char label[32] = "grown";
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

/*
 * vars: one global of each kind the console's Globals panel shows, with
 * known initial values. Only counter changes on its own (one a tick);
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

void vars_step(void)
{
	counter++;
}

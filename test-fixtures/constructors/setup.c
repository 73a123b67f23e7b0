/* setup: a constructor and a destructor, linked in process. */
#include <stdio.h>

int setup_runs;
int setup_value;

__attribute__((constructor)) void setup_module(void)
{
	setup_runs++;
	setup_value = 10;
	printf("constructor setup v1\n");
}

__attribute__((destructor)) void teardown_module(void)
{
	printf("destructor setup v1\n");
}

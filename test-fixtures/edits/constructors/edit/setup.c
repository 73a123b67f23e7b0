/*
 * setup: a constructor and a destructor, linked in process. The
 * constructor calls a function of tls.c and one of its own module, both
 * through their stubs: it runs once the runtime has bound them (20 - 10).
 */
#include <stdio.h>

int tls_base(void);

int setup_runs;
int setup_value;

int setup_offset(void)
{
	return -10;
}

__attribute__((constructor)) void setup_module(void)
{
	setup_runs++;
	setup_value = tls_base() + setup_offset() + 1;
	printf("constructor setup v2\n");
}

__attribute__((destructor)) void teardown_module(void)
{
	printf("destructor setup v2\n");
}

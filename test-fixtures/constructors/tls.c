/* tls: a constructor in a module with a thread-local (linked by the driver). */
#include <stdio.h>

static __thread int per_thread;
static int runs;
static int value;

__attribute__((constructor)) void setup_tls(void)
{
	per_thread = 7;
	runs++;
	value = 20 + per_thread;
	printf("constructor tls v1\n");
}

/* what setup.c's constructor asks for, whichever constructor runs first */
int tls_base(void)
{
	return 20;
}

int tls_runs(void)
{
	return runs;
}

int tls_value(void)
{
	return value;
}

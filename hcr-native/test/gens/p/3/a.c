/* module a, generation 3: version 3, gone() removed */
#include <string.h>

int counter = 99;
int a_val = 10;
extern int b_val;
static int file_count;
static char buf[64];

int version(void)
{
	return 3;
}

/* glibc has an error() too: this module's calls must reach this one */
int error(int x)
{
	return x + 1000;
}

int use_error(void)
{
	return error(1);
}

int bump(void)
{
	counter += 10;
	return counter;
}

int tick(void)
{
	static int calls;

	calls++;
	file_count += 10;
	return file_count + calls * 1000;
}

void fill_buf(void)
{
	strcpy(buf, "hello");
}

int buf_first(void)
{
	return buf[0];
}

int a_sum(void)
{
	return a_val + b_val;
}

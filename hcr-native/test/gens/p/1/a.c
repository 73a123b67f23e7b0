/* module a, generation 1 */
#include <string.h>

int counter = 5;
int a_val = 10;
extern int b_val;
static int file_count;
static char buf[16];

int version(void)
{
	return 1;
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
	return ++counter;
}

int tick(void)
{
	static int calls;

	calls++;
	file_count += 10;
	return file_count + calls;
}

void fill_buf(void)
{
	strcpy(buf, "hello");
}

int buf_first(void)
{
	return buf[0];
}

int gone(void)
{
	return 7;
}

int a_sum(void)
{
	return a_val + b_val;
}

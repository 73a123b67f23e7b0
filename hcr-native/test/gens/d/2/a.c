/* module a, generation 2: changed, and a function never seen (a new stub library) */
int a_val = 11;
extern int b_val;

int version(void)
{
	return 2;
}

int a_sum(void)
{
	return a_val + b_val;
}

int added(void)
{
	return 42;
}

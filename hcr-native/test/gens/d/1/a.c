/* module a, generation 1: uses b's global while b uses a's (a cycle) */
int a_val = 10;
extern int b_val;

int version(void)
{
	return 1;
}

int a_sum(void)
{
	return a_val + b_val;
}

/* module a, generation 3: changed */
int a_val = 12;
extern int b_val;

int version(void)
{
	return 3;
}

int a_sum(void)
{
	return a_val + b_val;
}

int added(void)
{
	return 43;
}

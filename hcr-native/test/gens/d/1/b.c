/* module b: kept in every generation; calls a's function through its stub */
extern int a_val;
int b_val = 20;

int version(void);

int b_prod(void)
{
	return a_val * b_val;
}

int b_version(void)
{
	return version() * 100;
}

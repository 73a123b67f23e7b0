/* module b: uses a's global while a uses b's (a cycle) */
extern int a_val;
int b_val = 20;

int version(void);
int (*saved)(void) = version;

int call_saved(void)
{
	return saved();
}

int b_prod(void)
{
	return a_val * b_val;
}

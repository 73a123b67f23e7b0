/* module ops, generation 2, built -fcf-protection: endbr64 entries */
typedef int (*op)(int);

static int add(int x)
{
	return x + 100;
}

static int mul(int x)
{
	return x * 3;
}

static const op table[] = { add, mul };
static op saved[2];	/* filled on first use, as luaL_newlib fills its tables */

static int helper(int x)
{
	return x + 20;
}

int version(void)
{
	return 2;
}

/* the pointer saved on first use: the table as the first version made it */
op saved_op(int i)
{
	if (!saved[0]) {
		saved[0] = table[0];
		saved[1] = table[1];
	}
	return saved[i];
}

/* this version's own function */
op table_op(int i)
{
	return table[i];
}

int glob(int x)
{
	return x + 300;
}

/* old code on the stack: between() reloads, then this version calls its helper */
int loop_then_help(void (*between)(void))
{
	between();
	return helper(1);
}

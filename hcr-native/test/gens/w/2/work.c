/* module work, generation 2: 500 static functions behind a table */
#define F10(n) F(n##0) F(n##1) F(n##2) F(n##3) F(n##4) F(n##5) F(n##6) F(n##7) F(n##8) F(n##9)
#define F100(n) F10(n##0) F10(n##1) F10(n##2) F10(n##3) F10(n##4) F10(n##5) F10(n##6) F10(n##7) F10(n##8) F10(n##9)
#define ALL F100(1) F100(2) F100(3) F100(4) F100(5)

#define F(n) static int w##n(int x) { return x * 4 + 2; }
ALL
#undef F

typedef int (*fn)(int);
#define F(n) w##n,
static const fn table[] = { ALL };
#undef F

fn work_fn(int i)
{
	return table[i];
}

int work_count(void)
{
	return (int)(sizeof(table) / sizeof(table[0]));
}

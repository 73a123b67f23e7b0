/* module a, generation 8: count's site list does not match (postgen.sh) */
static int count;
static long hist[4];
static int *p = &count;
static int *const table[] = { &count };	/* RELRO: an abs64 site */

int version(void)
{
	return 8;
}

int bump(void)
{
	static int calls;

	calls++;
	count += 40;
	hist[calls % 4]++;
	return calls;
}

int get_count(void)
{
	return count;
}

int *count_addr(void)
{
	return &count;
}

long *hist_addr(void)
{
	return hist;
}

int via_pointer(void)
{
	return *p;
}

int via_table(void)
{
	return *table[0];
}

long hist_sum(void)
{
	long sum = 0;

	for (int i = 0; i < 4; i++)
		sum += hist[i];
	return sum;
}

/* old code on the stack: reads count, lets mid() reload, reads it again */
int read_around(void (*mid)(void))
{
	int before = count;

	mid();
	return count - before;
}

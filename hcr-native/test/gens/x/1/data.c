/* module data, generation 1: the global a plugin reads by its C name */
int api_counter = 7;
long api_total;	/* zero-initialised: .bss */

int bump(void)
{
	api_total += 2;
	return ++api_counter;
}

/* glibc has a send() too: not exported, the host's wins */
int send(int x)
{
	return x * 10;
}

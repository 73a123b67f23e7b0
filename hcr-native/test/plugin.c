/*
 * plugin.c - code a program loads at run time, built outside the program
 * (gcc -shared -fPIC): it knows the program's functions and globals only
 * by their C names, as a plugin of a program linked with -Wl,-E does.
 */
extern int api_add(int a, int b);
extern int api_counter;
extern long api_total;

int plugin_call(int a, int b)
{
	return api_add(a, b);
}

int plugin_counter(void)
{
	return api_counter;
}

long plugin_total(void)
{
	return api_total;
}

int *plugin_counter_address(void)
{
	return &api_counter;
}

void *plugin_add_address(void)
{
	return (void *)api_add;
}

/* module data, generation 3: new code, the globals keep their storage */
int api_counter = 99;
long api_total;

int bump(void)
{
	api_total += 20;
	return api_counter += 10;
}

int send(int x)
{
	return x * 100;
}

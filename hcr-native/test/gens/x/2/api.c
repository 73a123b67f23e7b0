/* module api, generation 2: new code */
int api_add(int a, int b)
{
	return a + b + 1000;
}

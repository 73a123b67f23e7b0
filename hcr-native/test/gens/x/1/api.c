/* module api, generation 1: the function a plugin calls by its C name */
int api_add(int a, int b)
{
	return a + b;
}

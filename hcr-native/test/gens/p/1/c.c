/* module c: removed in generation 3 */
int c_func(void)
{
	return 3;
}

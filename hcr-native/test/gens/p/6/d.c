/* module d: new in generation 6 */
int d_func(void)
{
	return 44;
}

/* a project without main */
int x(void)
{
	return 1;
}

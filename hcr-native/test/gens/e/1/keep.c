/* module keep: stays when ops goes */
int keep(void)
{
	return 7;
}

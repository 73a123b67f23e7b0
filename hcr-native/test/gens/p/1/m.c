/* module m: the program's main */
#include <string.h>

int main(int argc, char **argv)
{
	return argc * 10 + (int)strlen(argv[argc - 1]);
}

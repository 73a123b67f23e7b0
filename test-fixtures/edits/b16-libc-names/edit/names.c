/*
 * names: functions and globals named like C library symbols. error() and
 * send() call this module's own log(); send() counts in optind.
 */
#include "names.h"

int optind = 40;
long timezone = 7200;

static const char letters[] = "abcdefghijklmnopqrstuvwxyz";

int log(int level)
{
	return 100 * level;
}

int error(int code)
{
	return 2000 + log(code);
}

const char *index(int i)
{
	return letters + i % 26;
}

int send(int to, int what)
{
	optind++;
	return 100 * to + what + log(1);
}

/*
 * stdin-echo: `prog [interval_ms [ticks [listen]]]`. Every tick prints the
 * line it last read from standard input ("nothing" before the first line and
 * at end of input). With a third argument it then blocks reading the next
 * line: a reader sees `tick t` while the program waits for input only if
 * stdout is line buffered. Without one it never reads stdin, so harnesses
 * that leave stdin open and silent do not hang it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);
	int listen = argc > 3;
	char heard[128] = "nothing";

	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		printf("tick %ld heard %s\n", tick, heard);
		if (listen) {
			if (fgets(heard, sizeof(heard), stdin) == NULL)
				strcpy(heard, "nothing");
			heard[strcspn(heard, "\n")] = '\0';
		}
		sleep_ms(interval);
	}
	return 0;
}

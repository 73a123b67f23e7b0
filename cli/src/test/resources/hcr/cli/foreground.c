/*
 * foreground COMMAND [ARG...]: runs COMMAND the way an interactive shell
 * runs a foreground job: in a process group of its own (so Ctrl-C can be
 * sent to the job's whole group without hitting the test), with SIGINT and
 * SIGQUIT at their default actions (a process started from a background job
 * inherits them ignored, and ignored signals survive exec).
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: foreground COMMAND [ARG...]\n", stderr);
		return 2;
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (setpgid(0, 0) != 0) {
		perror("foreground: setpgid");
		return 126;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}

/*
 * check.c - the C tests' runner and helpers (see check.h).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

char *events[64];
int nevents;

int check_failed(const char *file, int line, const char *expr)
{
	const char *base = strrchr(file, '/');

	fprintf(stderr, "    %s:%d: check failed: %s\n", base ? base + 1 : file,
		line, expr);
	if (*hcrLastError())
		fprintf(stderr, "    hcrLastError: %s\n", hcrLastError());
	return 1;
}

void publish(const char *build, int n)
{
	char tmp[4096], cur[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/gen/.current.tmp", build);
	snprintf(cur, sizeof(cur), "%s/gen/current", build);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", n) < 0 || fclose(f) || rename(tmp, cur)) {
		perror(cur);
		exit(2);
	}
}

int start_at(const char *build, int generation)
{
	publish(build, generation);
	return hcrInit(build, 0, NULL);
}

void *sym(const char *name)
{
	char link[256];
	void *p;

	snprintf(link, sizeof(link), "hcr.%s", name);
	p = dlsym(RTLD_DEFAULT, link);
	if (!p) {
		fprintf(stderr, "    no symbol %s\n", link);
		exit(2);
	}
	return p;
}

int call(const char *name)
{
	int (*fn)(void);

	*(void **)&fn = sym(name);
	return fn();
}

void trap_output(void *fn, char *out, size_t size, int *sig)
{
	struct rlimit no_core = { 0, 0 };
	int (*f)(void);
	size_t len = 0;
	ssize_t got;
	int fds[2], status;
	pid_t pid;

	*(void **)&f = fn;
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		exit(2);
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &no_core);
		dup2(fds[1], 2);
		close(fds[0]);
		f();
		_exit(0);
	}
	close(fds[1]);
	while (len + 1 < size &&
	       (got = read(fds[0], out + len, size - 1 - len)) > 0)
		len += (size_t)got;
	out[len] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	*sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

void observe(const char *json)
{
	if (nevents < 64)
		events[nevents++] = strdup(json);
}

int has_event(const char *json)
{
	int i;

	for (i = 0; i < nevents; i++)
		if (!strcmp(events[i], json))
			return 1;
	return 0;
}

const char *last_event(void)
{
	return nevents ? events[nevents - 1] : "";
}

int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Runs one test in a child; its stderr comes back in out. */
static int run_one(const struct test *t, char *out, size_t size)
{
	size_t len = 0;
	ssize_t got;
	int fds[2], status;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		exit(2);
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		_exit(t->fn() ? 1 : 0);
	}
	close(fds[1]);
	while ((got = read(fds[0], out + len, size - 1 - len)) > 0)
		if ((len += (size_t)got) + 1 >= size)
			len = 0;	/* keep the tail of a flood */
	out[len] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

int run_tests(const struct test *tests, int n)
{
	static char out[16384];
	int i, status, passed = 0;

	for (i = 0; i < n; i++) {
		status = run_one(&tests[i], out, sizeof(out));
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok   %s\n", tests[i].name);
			passed++;
			continue;
		}
		if (WIFSIGNALED(status))
			printf("FAIL %s (signal %d)\n", tests[i].name,
			       WTERMSIG(status));
		else
			printf("FAIL %s\n", tests[i].name);
		fputs(out, stdout);
	}
	printf("%d passed, %d failed\n", passed, n - passed);
	return passed == n ? 0 : 1;
}

/*
 * check.h - the C tests' runner and the helpers every test uses.
 *
 * Each test runs in a child process of its own: libraries cannot be
 * unloaded, so a fresh process is the only clean slate. A test returns 0
 * when it passes; CHECK() prints the failing line and returns 1.
 * Include it after defining _GNU_SOURCE.
 */
#ifndef CHECK_H
#define CHECK_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hcr_host.h"

struct test {
	const char *name;
	int (*fn)(void);
};

static int check_failed(int line, const char *expr)
{
	fprintf(stderr, "    test_hcr.c:%d: check failed: %s\n", line, expr);
	if (*hcrLastError())
		fprintf(stderr, "    hcrLastError: %s\n", hcrLastError());
	return 1;
}

#define CHECK(cond) \
	do { \
		if (!(cond)) \
			return check_failed(__LINE__, #cond); \
	} while (0)

/* Writes gen/current = n the way the compiler publishes it. */
static void publish(const char *build, int n)
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

/* The program's function `name`, i.e. its stub hcr.<name>. */
static void *sym(const char *name)
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

static int call(const char *name)
{
	int (*fn)(void);

	*(void **)&fn = sym(name);
	return fn();
}

/* Calls fn in a child; returns its stderr in out and its signal in *sig. */
static void trap_output(void *fn, char *out, size_t size, int *sig)
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

/* Runs every test in its own process, one line each, then the tally. */
static int run_tests(const struct test *tests, int n)
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

#endif /* CHECK_H */

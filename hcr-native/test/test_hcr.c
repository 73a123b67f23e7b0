/*
 * test_hcr.c - the runtime's tests, against real generations.
 *
 * usage: test_hcr <p build> <nomain build> <plain> <local_host> <libhcr.so>
 *                 <h build> <k build> <d build> <x build> <plugin.so>
 *
 * test/mkgen.sh built the test project p (test/gens/p/<N>/ is the edit that
 * makes generation N; 4, 5, 7, 8 and 9 are broken on purpose) and the
 * projects nomain, h and k (the program API's, see test_hooks.c), and d,
 * whose generation 2 has no full group and generation 3 no delta group
 * (the delta group, docs/internals.md section 4), and x with the plugin
 * that uses its C names (test_exports.c). Tests
 * choose the generation they start from by writing gen/current, as the
 * compiler would, and call the runtime like a host.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "test_exports.h"
#include "test_forward.h"
#include "test_statics.h"
#include "test_hooks.h"

static const char *proj, *nomain, *plain, *local_host, *libhcr, *dproj;

static int reload_to(int generation)
{
	publish(proj, generation);
	return hcrPerformCodeReload();
}

static int t_before_init(void)
{
	CHECK(!strcmp(hcrLastError(), ""));
	CHECK(hcrGeneration() == 0);
	CHECK(hcrReloadNeeded() == 0);
	CHECK(hcrHasModuleChanged("a") == 0);
	CHECK(hcrPerformCodeReload() == HCR_EINIT);
	CHECK(strstr(hcrLastError(), "hcrInit"));
	CHECK(hcrRunMain() == HCR_EINIT);
	hcr_reload_point();
	return 0;
}

static int t_init(void)
{
	char stale[4200], copy[4200], run[4096];
	void **slot;
	Dl_info info;
	pid_t dead;

	dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	snprintf(run, sizeof(run), "%s/run", proj);
	snprintf(stale, sizeof(stale), "%s/%d", run, (int)dead);
	mkdir(run, 0755);
	CHECK(mkdir(stale, 0755) == 0);
	CHECK(start_at(proj, 1) == 0);
	CHECK(hcrGeneration() == 1);
	CHECK(hcrReloadNeeded() == 0);
	CHECK(hcrPerformCodeReload() == 0);
	CHECK(access(stale, F_OK) < 0 && errno == ENOENT);
	snprintf(copy, sizeof(copy), "%s/%d/liba.g1.so", run, (int)getpid());
	CHECK(access(copy, R_OK) == 0);
	slot = dlsym(RTLD_DEFAULT, "hcrslot.version");
	CHECK(slot && dladdr(*slot, &info) && strstr(info.dli_fname, "/run/"));
	CHECK(call("version") == 1);
	CHECK(hcrInit(proj, 0, NULL) == HCR_ESTATE);
	return 0;
}

static int t_stub_binding(void)
{
	int (*version)(void);

	CHECK(start_at(proj, 1) == 0);
	*(void **)&version = sym("version");
	CHECK(version() == 1);
	CHECK(call("call_saved") == 1);
	publish(proj, 2);
	CHECK(hcrReloadNeeded() == 1);
	CHECK(hcrPerformCodeReload() == 1);
	CHECK(hcrGeneration() == 2);
	CHECK(version() == 2);		/* a pointer saved by the host */
	CHECK(call("call_saved") == 2);	/* one saved in the program */
	CHECK(sym("version") == (void *)version);
	CHECK(hcrPerformCodeReload() == 0);
	return 0;
}

static int t_name_like_libc(void)
{
	int (*error)(int);

	CHECK(start_at(proj, 1) == 0);
	CHECK(call("use_error") == 1001);
	*(void **)&error = sym("error");
	CHECK(error(5) == 1005);
	CHECK(dlsym(RTLD_DEFAULT, "error") != (void *)error);
	CHECK(reload_to(2) == 1);
	CHECK(call("use_error") == 1001);
	return 0;
}

static int t_cycle(void)
{
	int *a_val;

	CHECK(start_at(proj, 1) == 0);
	CHECK(call("a_sum") == 30);
	CHECK(call("b_prod") == 200);
	a_val = sym("a_val");
	*a_val = 11;
	CHECK(reload_to(2) == 1);
	CHECK(call("a_sum") == 31);
	CHECK(call("b_prod") == 220);
	return 0;
}

static int t_global_kept(void)
{
	int *counter;

	CHECK(start_at(proj, 1) == 0);
	counter = sym("counter");
	CHECK(call("bump") == 6);
	CHECK(call("bump") == 7);
	CHECK(reload_to(2) == 1);
	CHECK(call("bump") == 17);	/* new code, old storage, no re-init */
	CHECK(sym("counter") == counter && *counter == 17);
	return 0;
}

static int t_statics(void)
{
	CHECK(start_at(proj, 1) == 0);
	CHECK(call("tick") == 11);
	CHECK(call("tick") == 22);
	call("fill_buf");
	CHECK(call("buf_first") == 'h');
	hcrSetObserver(observe);
	CHECK(reload_to(2) == 1);
	CHECK(call("tick") == 3030);	/* calls 3, file_count 30 */
	CHECK(call("buf_first") == 0);	/* buf[16] became buf[64]: reset */
	CHECK(nevents == 5);
	CHECK(has_event("{\"type\":\"module\",\"module\":\"a\",\"action\":"
			"\"reloaded\",\"generation\":2,\"library\":"
			"\"liba.g2.so\"}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"buf\",\"action\":\"reset\",\"old_size\":16,"
			"\"new_size\":64}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"calls.0\",\"action\":\"carried\",\"old_size\":4,"
			"\"new_size\":4,\"why\":\"no site list\"}"));
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"file_count\",\"action\":\"carried\",\"old_size\":4,"
			"\"new_size\":4,\"why\":\"no site list\"}"));
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":2,"
		     "\"previous\":1,\"loaded\":0,\"reloaded\":1,\"removed\":0,"
		     "\"shared\":0,\"carried\":2,\"reset\":1,\"us\":{\"copy\":"));
	return 0;
}

static int t_first_load_events(void)
{
	int i;

	hcrSetObserver(observe);
	CHECK(start_at(proj, 1) == 0);
	CHECK(nevents == 5);
	CHECK(has_event("{\"type\":\"module\",\"module\":\"c\",\"action\":"
			"\"loaded\",\"generation\":1,\"library\":"
			"\"libc.g1.so\"}"));
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":1,"
		     "\"previous\":0,\"loaded\":4,\"reloaded\":0,\"removed\":0,"
		     "\"shared\":0,\"carried\":0,\"reset\":0,\"us\":{"));
	for (i = 0; i < nevents; i++)
		CHECK(!strchr(events[i], '\n'));
	return 0;
}

static int expect_trap(void *fn, const char *message)
{
	char out[1024];
	int sig;

	trap_output(fn, out, sizeof(out), &sig);
	if (sig == SIGABRT && !strcmp(out, message))
		return 0;
	fprintf(stderr, "    expected SIGABRT and: %s    got signal %d and: %s",
		message, sig, out);
	return 1;
}

static int t_removed_traps(void)
{
	int (*c_func)(void);
	void *gone;

	CHECK(start_at(proj, 1) == 0);
	*(void **)&c_func = sym("c_func");
	gone = sym("gone");
	CHECK(c_func() == 3);
	hcrSetObserver(observe);
	CHECK(reload_to(3) == 2);	/* a reloaded, c removed */
	CHECK(has_event("{\"type\":\"module\",\"module\":\"c\",\"action\":"
			"\"removed\",\"generation\":3,\"library\":"
			"\"libc.g1.so\"}"));
	CHECK(!expect_trap(*(void **)&c_func, "hcr: function 'c_func' was "
			   "removed with module 'c' (generation 3)\n"));
	CHECK(!expect_trap(gone, "hcr: function 'gone' was removed from "
			   "module 'a' (generation 3)\n"));
	CHECK(call("version") == 3);
	return 0;
}

static int t_never_bound(void)
{
	CHECK(start_at(proj, 3) == 0);	/* c_func's stub exists, unbound */
	CHECK(!expect_trap(sym("c_func"), "hcr: function 'c_func' has no "
			   "implementation\n"));
	return 0;
}

static int t_broken_generations(void)
{
	CHECK(start_at(proj, 3) == 0);
	hcrSetObserver(observe);
	CHECK(reload_to(4) == HCR_EIO);	/* liba.g4.so missing */
	CHECK(strstr(hcrLastError(), "gen/4/liba.g4.so"));
	CHECK(starts(last_event(), "{\"type\":\"error\",\"code\":-1,"));
	CHECK(hcrGeneration() == 3 && call("version") == 3);
	CHECK(reload_to(5) == HCR_EDLOPEN);	/* undefined symbol */
	CHECK(strstr(hcrLastError(), "liba.g5.so: undefined symbol: "
		     "undefined_fn"));
	CHECK(hcrGeneration() == 3 && call("version") == 3);
	CHECK(reload_to(7) == HCR_EMANIFEST);
	CHECK(strstr(hcrLastError(), "gen/7/manifest line 19: bad func"));
	CHECK(hcrGeneration() == 3 && call("version") == 3);
	CHECK(hcrReloadNeeded() == 1);
	CHECK(reload_to(6) == 2);		/* a reloaded, d loaded */
	CHECK(call("version") == 6);
	CHECK(call("d_func") == 44);
	CHECK(hcrReloadNeeded() == 0);
	CHECK(reload_to(8) == HCR_ESYMBOL);	/* loaded, then a symbol missing */
	CHECK(strstr(hcrLastError(), "hcr.ghost (function ghost) not found "
		     "in liba.g8.so"));
	CHECK(hcrGeneration() == 6 && call("version") == 6);
	CHECK(reload_to(9) == HCR_ESTATE);	/* a static out of bounds */
	CHECK(strstr(hcrLastError(), "static 'file_count' of module 'a'"));
	CHECK(hcrGeneration() == 6 && call("version") == 6);
	CHECK(reload_to(10) == 1);
	CHECK(call("version") == 10);
	return 0;
}

static int t_queries(void)
{
	CHECK(start_at(proj, 1) == 0);
	CHECK(hcrHasModuleChanged("a") == 0);
	publish(proj, 2);
	CHECK(hcrReloadNeeded() == 1);
	CHECK(hcrHasModuleChanged("a") == 1);
	CHECK(hcrHasModuleChanged("b") == 0);
	CHECK(hcrHasModuleChanged("nosuch") == 0);
	CHECK(hcrHasModuleChanged(NULL) == 0);
	CHECK(hcrGeneration() == 1);
	CHECK(hcrPerformCodeReload() == 1);
	CHECK(hcrReloadNeeded() == 0);
	CHECK(hcrHasModuleChanged("a") == 0);
	CHECK(hcrGeneration() == 2);
	publish(proj, 3);
	CHECK(hcrHasModuleChanged("a") == 1);
	CHECK(hcrHasModuleChanged("c") == 0);	/* removed, not changed */
	return 0;
}

static int t_skip_generation(void)
{
	CHECK(start_at(proj, 1) == 0);
	CHECK(call("tick") == 11);
	CHECK(call("tick") == 22);
	hcrSetObserver(observe);
	CHECK(reload_to(3) == 2);	/* gen 3's states are relative to 2 */
	CHECK(call("tick") == 3030);
	CHECK(has_event("{\"type\":\"static\",\"module\":\"a\",\"name\":"
			"\"buf\",\"action\":\"reset\",\"old_size\":16,"
			"\"new_size\":64}"));
	CHECK(starts(last_event(), "{\"type\":\"generation\",\"generation\":3,"
		     "\"previous\":1,\"loaded\":0,\"reloaded\":1,\"removed\":1,"));
	return 0;
}

static int t_reload_point(void)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	CHECK(start_at(proj, 1) == 0);
	CHECK(hcrReloadPointSeen() == 0);
	publish(proj, 2);
	for (i = 0; i < 20000 && hcrGeneration() != 2; i++) {
		hcr_reload_point();
		nanosleep(&ms, NULL);
	}
	CHECK(hcrGeneration() == 2);
	CHECK(hcrReloadPointSeen() == 1);
	CHECK(call("version") == 2);
	return 0;
}

static int t_run_main(void)
{
	char *argv[] = { "prog", "hello", NULL };

	publish(proj, 1);
	CHECK(hcrInit(proj, 2, argv) == 0);
	CHECK(hcrRunMain() == 25);	/* argc * 10 + strlen(argv[1]) */
	return 0;
}

static int t_no_main(void)
{
	CHECK(start_at(nomain, 1) == 0);
	CHECK(hcrRunMain() == HCR_ESYMBOL);
	CHECK(strstr(hcrLastError(), "no main"));
	return 0;
}

static volatile int stop, saw_last;
static long calls, wrong;

static void *worker(void *arg)
{
	int (*version)(void) = arg;
	int v;

	while (!stop) {
		v = version();
		if (v != 1 && v != 2 && v != 3 && v != 6)
			wrong++;
		if (v == 6)
			saw_last = 1;
		__atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static int t_thread_during_reload(void)
{
	pthread_t t;
	long i;

	CHECK(start_at(proj, 1) == 0);
	CHECK(pthread_create(&t, NULL, worker, sym("version")) == 0);
	while (!__atomic_load_n(&calls, __ATOMIC_RELAXED))
		sched_yield();
	CHECK(reload_to(2) == 1);
	CHECK(reload_to(3) == 2);
	CHECK(reload_to(6) == 2);
	for (i = 0; i < 100000000 && !saw_last; i++)
		sched_yield();
	stop = 1;
	pthread_join(t, NULL);
	CHECK(saw_last && wrong == 0);
	return 0;
}

static int run_program(const char *path, const char *arg1, const char *arg2)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		execl(path, path, arg1, arg2, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int t_host_loads_libhcr_local(void)
{
	publish(proj, 1);
	CHECK(run_program(local_host, libhcr, proj) == 0);
	return 0;
}

static int t_builds_without_hcr(void)
{
	CHECK(run_program(plain, NULL, NULL) == 0);
	return 0;
}

static int t_error_event_escaped(void)
{
	char odd[4096];

	snprintf(odd, sizeof(odd), "%s/../q\"uo\\te", proj);
	mkdir(odd, 0755);
	hcrSetObserver(observe);
	CHECK(hcrInit(odd, 0, NULL) == HCR_EIO);
	CHECK(strstr(hcrLastError(), "q\"uo\\te/gen/current"));
	CHECK(nevents == 1 && strstr(events[0], "q\\\"uo\\\\te/gen/current"));
	CHECK(hcrGeneration() == 0);
	CHECK(start_at(proj, 1) == 0);	/* a failed hcrInit can be retried */
	CHECK(call("version") == 1);
	return 0;
}

static int run_copy(const char *build, const char *file)
{
	char path[4400];

	snprintf(path, sizeof(path), "%s/run/%d/%s", build, (int)getpid(),
		 file);
	return access(path, R_OK) == 0;
}

/* a reload from N-1 dlopens the delta group: gen/2 has no full group */
static int t_delta_reload(void)
{
	CHECK(start_at(dproj, 1) == 0);
	CHECK(call("version") == 1 && call("b_version") == 100);
	CHECK(call("a_sum") == 30 && call("b_prod") == 200);
	publish(dproj, 2);
	CHECK(hcrPerformCodeReload() == 1);
	CHECK(hcrGeneration() == 2);
	CHECK(run_copy(dproj, "libhcrdelta.g2.so"));
	CHECK(!run_copy(dproj, "libhcrgroup.g2.so"));
	CHECK(call("version") == 2);		/* a stub of libhcrstubs.1.so */
	CHECK(call("added") == 42);		/* one of libhcrstubs.2.so */
	CHECK(call("b_version") == 200);	/* kept b calls the new a */
	CHECK(call("a_sum") == 30 && call("b_prod") == 200);	/* kept storage */
	publish(dproj, 3);			/* its delta is gone */
	CHECK(hcrPerformCodeReload() == HCR_EIO);
	CHECK(strstr(hcrLastError(), "libhcrdelta.g3.so"));
	CHECK(hcrGeneration() == 2 && call("version") == 2);
	return 0;
}

/* any other load uses the full group: a first load, a skipped generation */
static int t_delta_not_base(void)
{
	CHECK(start_at(dproj, 2) == HCR_EIO);	/* no full group */
	CHECK(strstr(hcrLastError(), "libhcrgroup.g2.so"));
	CHECK(start_at(dproj, 1) == 0);
	publish(dproj, 3);
	CHECK(hcrPerformCodeReload() == 1);	/* 1 to 3: not the delta's base */
	CHECK(hcrGeneration() == 3);
	CHECK(run_copy(dproj, "libhcrgroup.g3.so"));
	CHECK(call("version") == 3 && call("added") == 43);
	CHECK(call("b_version") == 300 && call("a_sum") == 30);
	return 0;
}

/* hcrRunMain after a delta load: the live full group was never loaded */
static int t_delta_then_run_main(void)
{
	char *argv[] = { "prog", "hello", NULL };

	publish(proj, 1);
	CHECK(hcrInit(proj, 2, argv) == 0);
	CHECK(reload_to(2) == 1);
	CHECK(!dlopen("libhcrgroup.g2.so", RTLD_NOW | RTLD_NOLOAD));
	CHECK(hcrRunMain() == 25);	/* argc * 10 + strlen(argv[1]) */
	return 0;
}

static const struct test tests[] = {
	{ "before-init", t_before_init },
	{ "init-and-run-folder", t_init },
	{ "stub-binding", t_stub_binding },
	{ "name-like-libc", t_name_like_libc },
	{ "cycle", t_cycle },
	{ "global-kept", t_global_kept },
	{ "statics-carried-and-reset", t_statics },
	{ "first-load-events", t_first_load_events },
	{ "removed-traps", t_removed_traps },
	{ "never-bound-trap", t_never_bound },
	{ "broken-generations", t_broken_generations },
	{ "queries", t_queries },
	{ "skip-generation", t_skip_generation },
	{ "reload-point", t_reload_point },
	{ "run-main", t_run_main },
	{ "no-main", t_no_main },
	{ "thread-during-reload", t_thread_during_reload },
	{ "host-loads-libhcr-local", t_host_loads_libhcr_local },
	{ "builds-without-hcr", t_builds_without_hcr },
	{ "error-event-escaped", t_error_event_escaped },
	{ "delta-reload", t_delta_reload },
	{ "delta-not-base", t_delta_not_base },
	{ "delta-then-run-main", t_delta_then_run_main },
};

int main(int argc, char **argv)
{
	struct test all[96];
	int n = (int)(sizeof(tests) / sizeof(tests[0]));
	char dir[4096];

	if (argc != 11) {
		fprintf(stderr, "usage: test_hcr <p> <nomain> <plain> "
			"<local_host> <libhcr.so> <h> <k> <d> <x> "
			"<plugin.so>\n");
		return 2;
	}
	proj = argv[1];
	nomain = argv[2];
	plain = argv[3];
	local_host = argv[4];
	libhcr = argv[5];
	dproj = argv[8];
	memcpy(all, tests, sizeof(tests));
	n += hook_tests(argv[6], argv[7], all + n, 96 - n);
	n += export_tests(argv[9], argv[10], all + n, 96 - n);
	/* the projects f, e and w of test_forward.c are built beside p */
	snprintf(dir, sizeof(dir), "%s", proj);
	if (strrchr(dir, '/'))
		*strrchr(dir, '/') = '\0';
	n += forward_tests(dir, all + n, 96 - n);
	n += statics_tests(dir, all + n, 96 - n);	/* s, beside p too */
	return run_tests(all, n);
}

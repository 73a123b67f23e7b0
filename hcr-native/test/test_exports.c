/*
 * test_exports.c - code the program loads at run time finds the program's
 * functions and globals by their C names (docs/internals.md sections 2, 3
 * and 7), across reloads.
 *
 * Project x: module api defines api_add(), module data the globals
 * api_counter and api_total, bump() and send() (a name glibc has too).
 * Generation 2 changes api_add, 3 changes data (same storage), 4 deletes
 * api. The plugin (test/plugin.c, gcc -shared -fPIC, not part of x) uses
 * them by their C names, as a plugin of a program linked -rdynamic does.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "test_exports.h"

static const char *xproj, *plugin_path;

struct plugin {
	void *handle;
	int (*call)(int, int);
	int (*counter)(void);
	long (*total)(void);
	int *(*counter_address)(void);
	void *(*add_address)(void);
};

/* dlopens the plugin as a program would: RTLD_NOW, its own scope. */
static int open_plugin(struct plugin *p)
{
	memset(p, 0, sizeof(*p));
	p->handle = dlopen(plugin_path, RTLD_NOW | RTLD_LOCAL);
	if (!p->handle) {
		fprintf(stderr, "    dlopen %s: %s\n", plugin_path, dlerror());
		return -1;
	}
	*(void **)&p->call = dlsym(p->handle, "plugin_call");
	*(void **)&p->counter = dlsym(p->handle, "plugin_counter");
	*(void **)&p->total = dlsym(p->handle, "plugin_total");
	*(void **)&p->counter_address = dlsym(p->handle,
					       "plugin_counter_address");
	*(void **)&p->add_address = dlsym(p->handle, "plugin_add_address");
	return p->call && p->counter && p->total && p->counter_address &&
	       p->add_address ? 0 : -1;
}

static int reload_x(int generation)
{
	publish(xproj, generation);
	return hcrPerformCodeReload();
}

/* A plugin's call reaches the newest code; so does a pointer it saved. */
static int t_plugin_calls_function(void)
{
	int (*saved)(int, int), (*found)(int, int);
	struct plugin p;

	CHECK(start_at(xproj, 1) == 0);
	CHECK(open_plugin(&p) == 0);
	CHECK(p.call(1, 2) == 3);
	*(void **)&saved = p.add_address();
	*(void **)&found = dlsym(RTLD_DEFAULT, "api_add");
	CHECK((void *)saved == sym("api_add"));	/* the stub hcr.api_add */
	CHECK((void *)found == sym("api_add"));
	CHECK(reload_x(2) == 1);
	CHECK(p.call(1, 2) == 1003);
	CHECK(saved(1, 2) == 1003);
	CHECK(found(1, 2) == 1003);
	return 0;
}

/* A plugin reads the live storage, before and after its module reloads. */
static int t_plugin_reads_global(void)
{
	struct plugin p;
	int *counter;

	CHECK(start_at(xproj, 1) == 0);
	counter = sym("api_counter");
	CHECK(dlsym(RTLD_DEFAULT, "api_counter") == (void *)counter);
	CHECK(dlerror() == NULL);
	CHECK(hcr_export_global("api_counter") == (void *)counter);
	CHECK(dlsym(RTLD_DEFAULT, "api_total") == sym("api_total"));
	CHECK(open_plugin(&p) == 0);
	CHECK(p.counter_address() == counter);
	CHECK(p.counter() == 7 && p.total() == 0);
	CHECK(call("bump") == 8);
	CHECK(p.counter() == 8 && p.total() == 2);
	CHECK(reload_x(2) == 1);		/* api reloaded */
	CHECK(reload_x(3) == 1);		/* data reloaded */
	CHECK(sym("api_counter") == (void *)counter);
	CHECK(call("bump") == 18);		/* new code, old storage */
	CHECK(p.counter() == 18 && p.total() == 22);
	CHECK(hcr_export_global("api_counter") == (void *)counter);
	return 0;
}

/* A plugin loaded after a reload binds to the same storage. */
static int t_plugin_loaded_later(void)
{
	struct plugin p;

	CHECK(start_at(xproj, 1) == 0);
	CHECK(call("bump") == 8);
	CHECK(reload_x(3) == 2);		/* api and data reloaded */
	CHECK(open_plugin(&p) == 0);
	CHECK(p.counter() == 8 && p.call(2, 2) == 1004);
	CHECK(p.counter_address() == sym("api_counter"));
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

/* A removed function traps when a plugin calls it, with the B6 message. */
static int t_plugin_calls_removed(void)
{
	struct plugin p;

	CHECK(start_at(xproj, 1) == 0);
	CHECK(open_plugin(&p) == 0);
	CHECK(reload_x(4) == 2);		/* api removed, data reloaded */
	CHECK(!expect_trap(p.add_address(), "hcr: function 'api_add' was "
			   "removed with module 'api' (generation 4)\n"));
	CHECK(p.counter() == 7);
	CHECK(hcr_export_global("api_add") == sym("api_add"));	/* its stub */
	return 0;
}

/* Started after the removal: the stub is there, never bound. */
static int t_plugin_after_removal(void)
{
	struct plugin p;

	CHECK(start_at(xproj, 4) == 0);
	CHECK(open_plugin(&p) == 0);
	CHECK(!expect_trap(p.add_address(), "hcr: function 'api_add' has no "
			   "implementation\n"));
	return 0;
}

/* A name the host defines stays the host's: the program's is not exported. */
static int t_host_names_not_exported(void)
{
	int (*send_fn)(int);
	void *libc, *stubs;

	CHECK(start_at(xproj, 1) == 0);
	*(void **)&send_fn = sym("send");
	CHECK(send_fn(3) == 30);
	libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	CHECK(libc && dlsym(RTLD_DEFAULT, "send") == dlsym(libc, "send"));
	CHECK(dlsym(RTLD_DEFAULT, "send") != (void *)send_fn);
	stubs = dlopen("libhcrstubs.1.so", RTLD_NOW | RTLD_NOLOAD);
	CHECK(stubs && dlsym(stubs, "hcr.send") && !dlsym(stubs, "send"));
	CHECK(dlsym(stubs, "api_add") == sym("api_add"));	/* the label */
	CHECK(dlsym(stubs, "bump") == sym("bump"));
	return 0;
}

static int ask_twice(void)
{
	return hcr_export_global("no_such_name") || hcr_export_global("no_such_name");
}

/* An unknown name: NULL, said once. */
static int t_unknown_name(void)
{
	char out[1024];
	int sig;

	CHECK(hcr_export_global("not_yet") == NULL);	/* before init */
	CHECK(start_at(xproj, 1) == 0);
	CHECK(hcr_export_global(NULL) == NULL);
	trap_output((void *)ask_twice, out, sizeof(out), &sig);
	CHECK(sig == 0);
	CHECK(!strcmp(out, "hcr: code loaded at run time asked for "
		      "'no_such_name', which generation 1 does not define\n"));
	return 0;
}

static volatile int stop;
static long opened, wrong;

/* Loads, uses and unloads the plugin again and again: each load binds anew. */
static void *loader(void *arg)
{
	struct plugin p;
	int v;

	(void)arg;
	while (!stop) {
		if (open_plugin(&p)) {
			wrong++;
			break;
		}
		v = p.call(1, 1);
		if ((v != 2 && v != 1002) || p.counter_address() !=
		    (int *)hcr_export_global("api_counter"))
			wrong++;
		dlclose(p.handle);
		__atomic_add_fetch(&opened, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/* One thread binds while another reloads: no deadlock, no wrong address. */
static int t_bind_during_reload(void)
{
	pthread_t t;
	int i;

	CHECK(start_at(xproj, 1) == 0);
	CHECK(pthread_create(&t, NULL, loader, NULL) == 0);
	while (!__atomic_load_n(&opened, __ATOMIC_RELAXED))
		sched_yield();
	for (i = 0; i < 20; i++) {
		CHECK(reload_x(i % 2 ? 1 : 2) == 1);
		CHECK(call("bump") > 0);
	}
	stop = 1;
	pthread_join(t, NULL);
	CHECK(wrong == 0 && opened > 0);
	return 0;
}

static const struct test tests[] = {
	{ "export-plugin-calls-function", t_plugin_calls_function },
	{ "export-plugin-reads-global", t_plugin_reads_global },
	{ "export-plugin-loaded-later", t_plugin_loaded_later },
	{ "export-plugin-calls-removed", t_plugin_calls_removed },
	{ "export-plugin-after-removal", t_plugin_after_removal },
	{ "export-host-names", t_host_names_not_exported },
	{ "export-unknown-name", t_unknown_name },
	{ "export-bind-during-reload", t_bind_during_reload },
};

int export_tests(const char *x, const char *plugin, struct test *out, int max)
{
	int i, n = (int)(sizeof(tests) / sizeof(tests[0]));

	xproj = x;
	plugin_path = plugin;
	for (i = 0; i < n && i < max; i++)
		out[i] = tests[i];
	return i;
}

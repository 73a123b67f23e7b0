/*
 * b23-plugin: loads a plugin built outside the program (its path is the
 * third argument) and calls it every tick. The plugin calls api_add and
 * reads api_counter by their C names, as plugins of a program linked with
 * -rdynamic do, and calls api_add through the pointer dlsym gave it at
 * start-up. Without a plugin, or when it does not load, the line says
 * plugin=none.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "api.h"

struct plugin {
	int (*add)(int a, int b);	/* api_add(a, b), called by name */
	int (*saved)(int a, int b);	/* api_add through its saved pointer */
	int (*counter)(void);		/* api_counter, read by name */
};

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long arg_or(int argc, char **argv, int i, long def)
{
	return argc > i ? atol(argv[i]) : def;
}

/* 0 when the plugin at path loaded and found what it needs. */
static int load_plugin(const char *path, struct plugin *p)
{
	int (*init)(void);
	void *h;

	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return -1;
	*(void **)&init = dlsym(h, "plugin_init");
	*(void **)&p->add = dlsym(h, "plugin_add");
	*(void **)&p->saved = dlsym(h, "plugin_saved");
	*(void **)&p->counter = dlsym(h, "plugin_counter");
	if (!init || !p->add || !p->saved || !p->counter || !init())
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	long interval = arg_or(argc, argv, 1, 100);
	long limit = arg_or(argc, argv, 2, 0);
	int loaded;
	const char *self;
	struct plugin p;

	loaded = argc > 3 && load_plugin(argv[3], &p) == 0;
	/* the program finds its own global by name too */
	self = dlsym(RTLD_DEFAULT, "api_counter") == (void *)&api_counter ? "yes" : "no";
	for (long tick = 1; limit == 0 || tick <= limit; tick++) {
		counter_step();
		if (loaded)
			printf("tick %ld plugin=%d saved=%d counter=%d own=%d self=%s\n",
			       tick, p.add(1000, 1), p.saved(1000, 1), p.counter(),
			       api_counter, self);
		else
			printf("tick %ld plugin=none counter=%d self=%s\n", tick,
			       api_counter, self);
		sleep_ms(interval);
	}
	return 0;
}

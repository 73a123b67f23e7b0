/*
 * The plugin b23-plugin loads at run time. It is no part of the project:
 * built on its own, `gcc -shared -fPIC -o plugin.so plugin.c`, it knows the
 * program's api_add and api_counter by their C names only, as a plugin of a
 * program linked with -rdynamic (-Wl,-E) does.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

extern int api_add(int a, int b);
extern int api_counter;

static int (*taken)(int, int) = api_add;	/* its own &api_add */
static int (*saved)(int, int);			/* the program's, by dlsym */

/* 1 when both pointers to api_add are the same function. */
int plugin_init(void)
{
	*(void **)&saved = dlsym(RTLD_DEFAULT, "api_add");
	return saved != NULL && saved == taken;
}

int plugin_add(int a, int b)
{
	return api_add(a, b);
}

int plugin_saved(int a, int b)
{
	return saved(a, b);
}

int plugin_counter(void)
{
	return api_counter;
}

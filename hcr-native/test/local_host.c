/*
 * local_host.c - a host that loads libhcr.so with dlopen(RTLD_LOCAL), as a
 * JVM does through JNA. The stub libraries call hcr_trap_removed, so
 * hcrInit must put libhcr into the global scope itself, or loading the
 * group fails with "undefined symbol: hcr_trap_removed".
 *
 * usage: local_host <libhcr.so> <build folder>   (exit 0: it worked)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	int (*init)(const char *, int, char **);
	const char *(*last_error)(void);
	int (*version)(void);
	void *lib;

	if (argc != 3)
		return 2;
	lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	*(void **)&init = dlsym(lib, "hcrInit");
	*(void **)&last_error = dlsym(lib, "hcrLastError");
	if (!init || !last_error)
		return 1;
	if (init(argv[2], argc, argv) != 0) {
		fprintf(stderr, "hcrInit: %s\n", last_error());
		return 1;
	}
	*(void **)&version = dlsym(RTLD_DEFAULT, "hcr.version");
	return version && version() == 1 ? 0 : 1;
}

/*
 * hcr.c - the hcr runtime: hot code reloading for C programs.
 *
 * The idea is Nim's (lib/nimhcr.nim): build every source file of a program
 * into its own shared library, and make every call between functions go
 * through a table of pointers that the runtime can rewrite. When a file
 * changes, load the new library and point the table at its functions. The
 * program's state lives in global variables, which must survive; its code
 * may still be running on some stack, so it must stay mapped.
 *
 * Functions. For every function the program ever defined, a stub library
 * holds a two-instruction trampoline, `hcr.f: jmp *hcrslot.f(%rip)`, and the
 * 8-byte slot it jumps through. The compiler renames every symbol a module
 * defines to `hcr.<name>` in every object, so that the host's own libraries
 * (glibc's `error`, `index`, `send`...) can never capture a program's calls.
 * The stub libraries sit ahead of the modules in the lookup scope, so every
 * reference to `hcr.f` - a call from another module, a module's call to
 * itself through its PLT, an address taken and stored away - binds to the
 * trampoline, never to a particular version of f. A reload writes the new
 * implementation's address (found with dlsym on the module's own handle)
 * into the slot with one aligned 8-byte store: a thread going through the
 * stub at that moment jumps to the old code or to the new, nothing else.
 * Nim builds such trampolines at run time; ours come from the compiler.
 *
 * Old versions forward. Stubs cover the calls that go through them. A
 * pointer to a static function saved before a reload (a table of
 * callbacks, a qsort comparator, a signal or atexit handler) and the calls
 * old code still on a stack makes to its own module reach an old version.
 * So every module is compiled with -fpatchable-function-entry=9,7
 * -falign-functions=16: gcc leaves seven one-byte NOPs before every
 * function, 16-byte aligned, and two at its entry, and the manifest lists
 * each function's entry. When a module is reloaded, every entry of every
 * older version of it is pointed at the new version's function of the same
 * name: a `jmp rel32` into the NOPs before it, one aligned 8-byte store,
 * then a 2-byte jump back to it over the entry's NOPs, one 2-byte store,
 * with a membarrier between them, so a thread meets an old instruction or a
 * new one, never half of one. Generation 1's entries are re-pointed at each
 * reload: an old pointer costs one extra jump, whatever its age. A static
 * that is gone traps with the message a removed global gives (forward.c).
 *
 * C names. Renaming hides the program's names from code it loads itself:
 * a plugin it dlopens calling api_add, Lua's `require "lfs"` loading an
 * lfs.so that calls lua_pushstring. So the stub libraries also export the
 * C names, as a program linked with -Wl,-E would: `api_add:` is a second
 * label on the stub `hcr.api_add` (a plugin's call reaches the newest code,
 * a pointer it saved stays valid, a removed function traps), and a global
 * `api_counter` is an indirect function whose resolver asks the runtime,
 * hcr_export_global(), for the live storage of its link name in the loaded
 * generation (exports.c). The host's own libraries come first in the
 * global scope, so a plugin asking for `log` still gets libm's; the
 * compiler does not export such names, and says so.
 *
 * Globals. Modules are loaded RTLD_GLOBAL. A new version of a module that
 * defines `counter` resolves its own references to `hcr.counter` like any
 * other library would: to the first definition in the global scope, which
 * is the storage of the version loaded first. So globals keep their values
 * and their initialisers run once, as in Nim. When a global changes size or
 * kind the compiler gives it a fresh name (`hcr.counter.g7`): new storage,
 * reported as such, and nothing writes past the old storage.
 *
 * Statics. File-static and function-static variables are addressed
 * relative to the code of their own library (`mov count(%rip)`, resolved
 * by the static linker) and through pointers in its data (`static int *p =
 * &count`, relocated at load), so binding cannot reach them. The compiler
 * lists them (name, offset, size, from .symtab) in the manifest, and, for a
 * module its in-process link made, every place the library addresses each
 * one (staticref: pc32 displacements, abs64 words; every static is in a
 * section of its own, -fdata-sections, so each relocation names the static
 * it means). When a module is reloaded, a static that exists in the old
 * and the new version with the same name and size keeps its home, the
 * storage of the first version that had it: after the dlopen and before
 * anything of the new version runs, every site of the new library gets the
 * distance from its own copy to the home added (code pages made writable
 * with mprotect, then given back read and execute; RELRO pages read-only).
 * The static is then shared: old code still on a stack and new code read
 * and write one variable, through any number of generations. Without a
 * site list (a module linked by cc -shared), or when a site cannot be
 * moved (out of ±2 GiB, not in the library), the home is copied into the
 * new version instead, which becomes the home: carried, as the event says.
 * One whose size changed starts from its new initial value in its new
 * storage and is reported as reset. A static that is new in this version is
 * not reported at all. Function statics are matched by their .symtab names
 * (`calls.0`), which gcc numbers in order of appearance; renumbering can
 * mismatch them (statics.c).
 *
 * Loading. Modules that use each other's globals cannot be dlopened one at
 * a time, so every generation has a group library: an empty library whose
 * DT_NEEDED lists all stub libraries and then all live modules. One dlopen
 * of the group loads whatever is not loaded yet (unchanged modules and old
 * stub libraries are reused by soname) and resolves cycles in one go. A
 * reload from generation N-1 dlopens N's delta group instead, which lists
 * only the libraries new in N: the loader then walks those alone. Stub
 * libraries new to the process are dlopened one by one just before the
 * group, so their export thunks are relocated before any library of the
 * group could bind to them. Every new module version has a soname of its
 * own (`libsim.g7.so`), or the dynamic linker would hand back the old
 * one. The runtime loads copies of the libraries, made in its private run
 * folder, never the build output, so the compiler may overwrite its files
 * at any time.
 *
 * Safety. A load first does everything that can fail - copying, dlopen,
 * finding every symbol, slot, static, static's site and entry - and only
 * then writes: statics first (the new libraries' sites, then the copies),
 * old entries next, slots last. A failure before that
 * leaves the running program exactly as it was, and hcrLastError() names
 * the file, library or symbol.
 * Old versions are never dlclosed: code still on some stack (main's loop, a
 * callback) keeps running, and new calls go to new code. A function that
 * disappears gets its slot pointed at its trap entry, which reports the
 * function and where it went, then aborts, instead of jumping into nothing.
 *
 * Constructors and destructors. dlopen would run a library's constructors
 * before a single slot is bound, so a constructor calling any function of
 * the program would trap: the runtime's copy of each library it loads has
 * its DT_INIT_ARRAYSZ set to 0, and the runtime calls the constructors
 * itself once the load has written everything, modules leaves first
 * (constructors.c). A superseded version's .fini_array is emptied, so at
 * exit each destructor runs once, as the newest code (destructors.c).
 *
 * Threads. Loads, and the queries that read the manifests, are serialized
 * by one recursive lock. hcr_reload_point() looks at gen/current (a stat,
 * under the lock) at most every 5 ms; in between it costs a coarse clock
 * read.
 *
 * Program API. HCR_INIT, the reload handlers and HCR_STATE (hcr.h) leave
 * descriptors in the module's library that the manifest lists as hooks.
 * The runtime keeps each state's storage itself, one block per module and
 * name, and points every module version at it before the version's code
 * runs (state.c); it runs the handlers leaves first over the modules'
 * `uses` graph, before-handlers of the old versions before a reload and
 * after-handlers of the new ones after it (hooks.c).
 *
 * This file holds the public API but the trap; load.c runs a load, bind.c
 * resolves its slots, traps and statics (and holds hcr_trap_removed),
 * statics.c shares statics between versions,
 * forward.c points old versions' entries at new code, constructors.c and
 * destructors.c run a library's own, state.c and hooks.c
 * its program API hooks, exports.c (with dynsym.c)
 * answers the export thunks; manifest.c reads the manifest and index.c
 * orders it, events.c writes the observer's JSON, segments.c reads a
 * loaded library's page protections, util.c handles files and folders.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hcr_int.h"

#define CHECK_INTERVAL_NS 5000000L	/* hcr_reload_point: gen/current */

struct hcr_runtime hcr_rt = {
	.lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP,
	.trap_lock = PTHREAD_MUTEX_INITIALIZER,
};

static pthread_mutex_t error_lock = PTHREAD_MUTEX_INITIALIZER;
static char last_error[1024];
static __thread char error_copy[1024];

static int reload_point_seen;
static long last_check_ns;
static struct stat last_current;

/* Records a failure message; returns code so callers can `return hcr_fail`. */
int hcr_fail(int code, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&error_lock);
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&error_lock);
	return code;
}

/*
 * The message of the most recent failure in any thread, "" if none yet.
 * The text is copied for the calling thread: the pointer stays valid until
 * that same thread calls hcrLastError() again. A success does not clear it.
 */
const char *hcrLastError(void)
{
	pthread_mutex_lock(&error_lock);
	memcpy(error_copy, last_error, sizeof(error_copy));
	pthread_mutex_unlock(&error_lock);
	return error_copy;
}

static int failed(struct hcr_runtime *rt, int code)
{
	hcr_emit_error(rt->observer, code, hcrLastError());
	return code;
}

/* Stubs call hcr_trap_removed and hcr_export_global: libhcr must be global. */
static int make_global(void)
{
	Dl_info info;

	if (!dladdr((void *)hcrInit, &info) || !info.dli_fname)
		return hcr_fail(HCR_EDLOPEN, "cannot find libhcr's own path");
	if (!dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL))
		return hcr_fail(HCR_EDLOPEN, "dlopen %s: %s", info.dli_fname,
				dlerror());
	return 0;
}

/*
 * Resolves the folders. A retry of a failed hcrInit on the same build
 * folder keeps the run folder: libraries in it may already be loaded.
 */
static int set_paths(struct hcr_runtime *rt, const char *build)
{
	char path[PATH_MAX];

	if (!build || !*build)
		return hcr_fail(HCR_EIO, "hcrInit: no build folder given");
	if (!realpath(build, path))
		return hcr_fail(HCR_EIO, "build folder %s: %s", build,
				strerror(errno));
	if (rt->rundir[0] && !strcmp(path, rt->build))
		return 0;
	memcpy(rt->build, path, sizeof(path));
	if (hcr_format(rt->gendir, sizeof(rt->gendir), "%s/gen", rt->build))
		return HCR_EIO;
	return hcr_prepare_run_dir(rt->build, rt->rundir, sizeof(rt->rundir));
}

/* Reads gen/current; loads it when it is not the live generation. */
static int load_current(struct hcr_runtime *rt)
{
	struct hcr_manifest *m;
	int gen, rc;

	if (rt->in_reload)
		return hcr_fail(HCR_ESTATE, "reload requested while a reload "
				"is running (from a handler or an observer?)");
	rc = hcr_read_current(rt->gendir, &gen);
	if (rc)
		return rc;
	if (rt->live && gen == rt->live->generation)
		return 0;
	rc = hcr_manifest_read(rt->gendir, gen, &m);
	if (rc)
		return rc;
	rt->in_reload = 1;
	rc = hcr_load(rt, m);
	rt->in_reload = 0;
	if (rc < 0) {
		hcr_manifest_free(m);
		return rc;
	}
	hcr_manifest_free(rt->pending);	/* it was this generation */
	rt->pending = NULL;
	return rc;
}

int hcrInit(const char *buildDir, int argc, char **argv)
{
	struct hcr_runtime *rt = &hcr_rt;
	int rc;

	pthread_mutex_lock(&rt->lock);
	if (rt->initialised) {
		rc = hcr_fail(HCR_ESTATE, "hcrInit: already initialised "
			      "with %s", rt->build);
		goto out;
	}
	rt->argc = argc;
	rt->argv = argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = make_global();
	if (!rc)
		rc = set_paths(rt, buildDir);
	if (!rc)
		rc = load_current(rt);
	if (rc >= 0) {
		hcr_prepare_forwarding();
		rt->initialised = 1;
		rc = 0;
	}
out:
	pthread_mutex_unlock(&rt->lock);
	return rc < 0 ? failed(rt, rc) : rc;
}

int hcrPerformCodeReload(void)
{
	struct hcr_runtime *rt = &hcr_rt;
	int rc;

	pthread_mutex_lock(&rt->lock);
	if (!rt->initialised && !rt->in_reload)
		rc = hcr_fail(HCR_EINIT, "hcrPerformCodeReload: hcrInit was "
			      "not called or failed");
	else
		rc = load_current(rt);
	pthread_mutex_unlock(&rt->lock);
	return rc < 0 ? failed(rt, rc) : rc;
}

int hcrGeneration(void)
{
	return __atomic_load_n(&hcr_rt.generation, __ATOMIC_ACQUIRE);
}

int hcrReloadNeeded(void)
{
	int gen;

	if (!hcrGeneration())
		return 0;
	if (hcr_read_current(hcr_rt.gendir, &gen))
		return 0;
	return gen != hcrGeneration();
}

/* The manifest of gen/current when it is not live, cached; else NULL. */
static struct hcr_manifest *pending(struct hcr_runtime *rt)
{
	struct hcr_manifest *m;
	int gen;

	if (!rt->live || hcr_read_current(rt->gendir, &gen) ||
	    gen == rt->live->generation)
		return NULL;
	if (rt->pending && rt->pending->generation == gen)
		return rt->pending;
	if (hcr_manifest_read(rt->gendir, gen, &m))
		return NULL;
	hcr_manifest_free(rt->pending);
	rt->pending = m;
	return m;
}

/*
 * 1 when the pending generation brings a new library for module: the
 * manifest says new or changed, or (after a skipped generation) its file
 * is not the live one. In before-handlers the pending generation is the
 * one being loaded, whatever gen/current says by then.
 */
int hcrHasModuleChanged(const char *module)
{
	struct hcr_runtime *rt = &hcr_rt;
	struct hcr_module *mod, *live;
	struct hcr_manifest *m;
	int changed = 0;

	if (!module)
		return 0;
	pthread_mutex_lock(&rt->lock);
	m = rt->loading ? rt->loading : pending(rt);
	mod = hcr_manifest_module(m, module);
	if (mod) {
		live = hcr_manifest_module(rt->live, module);
		changed = mod->state != MOD_KEPT || !live ||
			  strcmp(live->file, mod->file);
	}
	pthread_mutex_unlock(&rt->lock);
	return changed;
}

/*
 * Where the loaded generation's code keeps a static: its home (statics.c),
 * which for a static shared across reloads is in the library of the
 * version that first defined it. A query: a static the loaded generation
 * does not list sets the last error, and sends no error event.
 */
void *hcrStaticStorage(const char *module, const char *name)
{
	struct hcr_runtime *rt = &hcr_rt;
	const struct hcr_module *mod;
	const struct hcr_static *s = NULL;
	void *home = NULL;

	pthread_mutex_lock(&rt->lock);
	mod = module && name ? hcr_manifest_module(rt->live, module) : NULL;
	if (mod)
		s = hcr_module_static(rt->live, mod, name);
	if (s && s->home)
		home = (void *)s->home;
	else if (!rt->live)
		hcr_fail(HCR_EINIT, "hcrStaticStorage: no generation is loaded");
	else
		hcr_fail(HCR_ESYMBOL, "generation %d has no static '%s' in "
			 "module '%s'", rt->live->generation, name ? name : "",
			 module ? module : "");
	pthread_mutex_unlock(&rt->lock);
	return home;
}

int hcrRunMain(void)
{
	struct hcr_runtime *rt = &hcr_rt;
	int (*main_fn)(int, char **) = NULL;
	void *group;
	int rc;

	pthread_mutex_lock(&rt->lock);
	if (!rt->initialised) {
		pthread_mutex_unlock(&rt->lock);
		return failed(rt, hcr_fail(HCR_EINIT, "hcrRunMain: hcrInit "
					   "was not called or failed"));
	}
	/* not loaded when the live generation came in through its delta
	 * group: then every library of it is in the global scope */
	group = dlopen(rt->live->group, RTLD_NOW | RTLD_NOLOAD);
	if (hcr_manifest_func(rt->live, "hcr.main"))
		*(void **)&main_fn = dlsym(group ? group : RTLD_DEFAULT,
					   "hcr.main");
	rc = main_fn ? 0 : hcr_fail(HCR_ESYMBOL, "the program has no main "
				   "function (no module of generation %d "
				   "defines main)", rt->live->generation);
	pthread_mutex_unlock(&rt->lock);
	if (rc)
		return failed(rt, rc);
	rc = main_fn(rt->argc, rt->argv);
	fflush(NULL);
	return rc;
}

void hcrSetObserver(hcr_observer fn)
{
	pthread_mutex_lock(&hcr_rt.lock);
	hcr_rt.observer = fn;
	pthread_mutex_unlock(&hcr_rt.lock);
}

int hcrReloadPointSeen(void)
{
	return __atomic_load_n(&reload_point_seen, __ATOMIC_RELAXED);
}

/* Has gen/current been replaced since the last look? */
static int current_touched(void)
{
	char path[PATH_MAX + 16];
	struct stat st;

	if (hcr_format(path, sizeof(path), "%s/current", hcr_rt.gendir) ||
	    stat(path, &st) < 0)
		return 0;
	if (st.st_ino == last_current.st_ino &&
	    st.st_size == last_current.st_size &&
	    st.st_mtim.tv_sec == last_current.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == last_current.st_mtim.tv_nsec)
		return 0;
	last_current = st;
	return 1;
}

/*
 * The program's safe point. At most every CHECK_INTERVAL_NS it stats
 * gen/current; only when that file was replaced does it take the lock and
 * reload. A failed reload is reported through the observer and retried
 * when gen/current changes again. Called from a handler or an HCR_INIT (on
 * the reloading thread, which holds the lock) it does nothing.
 */
void hcr_reload_point(void)
{
	struct timespec ts;
	long now;

	if (!__atomic_load_n(&reload_point_seen, __ATOMIC_RELAXED))
		__atomic_store_n(&reload_point_seen, 1, __ATOMIC_RELAXED);
	if (!hcrGeneration())
		return;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	now = ts.tv_sec * 1000000000L + ts.tv_nsec;
	if (now - __atomic_load_n(&last_check_ns, __ATOMIC_RELAXED) <
	    CHECK_INTERVAL_NS)
		return;
	__atomic_store_n(&last_check_ns, now, __ATOMIC_RELAXED);
	pthread_mutex_lock(&hcr_rt.lock);
	if (!hcr_rt.in_reload && current_touched() && hcrReloadNeeded())
		hcrPerformCodeReload();
	pthread_mutex_unlock(&hcr_rt.lock);
}

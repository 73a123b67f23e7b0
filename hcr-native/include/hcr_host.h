/*
 * hcr_host.h - the host side of libhcr.so, the hcr runtime.
 *
 * The host is the process that runs a program under hcr (the loader's JVM,
 * or the runtime's C tests). It points the runtime at a build folder, lets
 * it load the published generation, calls the program's main, and asks for
 * reloads when the compiler publishes a new generation. Programs include
 * hcr.h instead; see docs/internals.md (section 7) for the contract.
 *
 * Return codes: 0 or a count on success, otherwise one of HCR_E*; the
 * message naming the file, library or symbol is in hcrLastError().
 */
#ifndef HCR_HOST_H
#define HCR_HOST_H

#ifdef __cplusplus
extern "C" {
#endif

#define HCR_EIO		-1	/* file missing, copy failed */
#define HCR_EMANIFEST	-2	/* malformed manifest */
#define HCR_EDLOPEN	-3	/* dlopen failed (nothing changed) */
#define HCR_ESYMBOL	-4	/* symbol missing */
#define HCR_EINIT	-5	/* hcrInit not called (or it failed) */
#define HCR_ESTATE	-6	/* state mismatch, or called at the wrong time */

/*
 * Loads gen/current of buildDir (e.g. "project/.hcr"). argc/argv are kept
 * for hcrRunMain. Sets stdout to line buffering, makes libhcr global (the
 * stubs call hcr_trap_removed and hcr_export_global) and creates
 * <buildDir>/run/<pid>/. Runs the program's HCR_STATE initializers, then
 * its HCR_INITs (hcr.h).
 */
int hcrInit(const char *buildDir, int argc, char **argv);

/*
 * Loads gen/current when it is not the loaded generation. Returns the
 * number of modules loaded + reloaded + removed by it; 0 when gen/current
 * is the loaded generation (or a new generation changed no module); <0 on
 * error, and then the old code keeps running untouched. A reload that
 * changes something runs the program's hooks (hcr.h) on this thread:
 * before-handlers, the load, new states' initializers, HCR_INITs of new
 * modules, after-handlers; one that fails runs none. Reloads are
 * serialized; one asked for from inside a hook or an observer returns
 * HCR_ESTATE.
 */
int hcrPerformCodeReload(void);

/*
 * The storage the loaded generation's code uses for the writable static
 * name (as the manifest's static record names it: count, calls.0,
 * tally@g5) of module. With statics shared across reloads that is the
 * storage of the version that first defined it, an older library's.
 * NULL when the loaded generation lists no such static (the message is in
 * hcrLastError(); no error event). Any thread; waits for a reload running.
 */
void *hcrStaticStorage(const char *module, const char *name);

int hcrReloadNeeded(void);			/* 1: gen/current is not loaded */
int hcrHasModuleChanged(const char *module);	/* 1: pending gen replaces it */
int hcrGeneration(void);			/* loaded generation, 0 before init */

/*
 * The message of the most recent failure in any thread ("" if none yet; a
 * success does not clear it). Thread-safe: the text is copied for the
 * calling thread and stays valid until that thread calls it again.
 */
const char *hcrLastError(void);

/* Calls the program's main(argc, argv) through its stub; flushes stdio. */
int hcrRunMain(void);

/*
 * One JSON object per event (docs/internals.md section 8), no newline,
 * called on the thread doing the load; the text is freed on return.
 */
typedef void (*hcr_observer)(const char *json);
void hcrSetObserver(hcr_observer fn);

void hcr_trap_removed(const char *cname);	/* called by stubs; aborts */

/*
 * Called by the stub libraries' export thunks, as the resolver of the
 * program's C name cname when code loaded at run time binds to it: the
 * address of its live storage (a global) or its stub (a function) in the
 * loaded generation; NULL, said once on stderr, for a name it does not
 * define. Any thread; never takes the runtime's lock.
 */
void *hcr_export_global(const char *cname);
void hcr_reload_point(void);			/* program API, see hcr.h */
int hcrReloadPointSeen(void);			/* 1 once the program called it */

#ifdef __cplusplus
}
#endif

#endif /* HCR_HOST_H */

/*
 * hcr.h - the program side of hcr, hot code reloading for C programs.
 *
 * A program needs nothing from this header to be reloaded. `hcr dev` builds
 * every .c file into its own shared library, runs the program, and swaps the
 * libraries of edited files into the running process: functions switch to
 * the new code, globals and statics keep their values. With no reload point
 * in the program, the host applies a reload between the program's calls.
 *
 * This header adds a little control for programs that want it:
 *
 *   hcr_reload_point()          a safe point: a pending reload is applied
 *                               here, on this thread, and nowhere else. Call
 *                               it once per frame or per loop turn; when
 *                               nothing is pending it costs a clock read.
 *                               Once a program has called it, the host stops
 *                               applying reloads by itself.
 *   hcrReloadNeeded()           1 when a newer build is waiting to be loaded.
 *   hcrHasModuleChanged(id)     1 when the waiting build replaces module `id`
 *                               (its path without ".c": "sim", "phys/body").
 *
 * hcr compiles programs with -DHCR=1. Without it (a plain `gcc *.c`, or
 * `hcr build --release`) every function below is an empty static inline
 * function and the program needs no hcr library at all.
 *
 * Still to come (issue 4): HCR_INIT, HCR_BEFORE_RELOAD, HCR_AFTER_RELOAD and
 * HCR_STATE, for init-once code, reload handlers and explicit state.
 */
#ifndef HCR_H
#define HCR_H

#if defined(HCR) && HCR

void hcr_reload_point(void);
int hcrReloadNeeded(void);
int hcrHasModuleChanged(const char *module);

#else /* built without hcr: the API does nothing */

static inline void hcr_reload_point(void)
{
}

static inline int hcrReloadNeeded(void)
{
	return 0;
}

static inline int hcrHasModuleChanged(const char *module)
{
	(void)module;
	return 0;
}

#endif /* HCR */

#endif /* HCR_H */

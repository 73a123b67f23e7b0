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
 *   HCR_INIT(fn);               void fn(void) runs once, when the module is
 *                               first loaded; not when it is reloaded. A
 *                               module deleted and later added back runs it
 *                               again.
 *   HCR_BEFORE_RELOAD(fn);      void fn(void) runs before every reload that
 *                               changes something, in the version of the
 *                               module that is loaded at that moment.
 *   HCR_AFTER_RELOAD(fn);       void fn(void) runs after every such reload,
 *                               in the version just loaded.
 *   HCR_STATE(type, name, init);
 *                               declares `static type *name;`, pointing at
 *                               state kept by the runtime: `init` (any
 *                               expression, braces allowed) is evaluated
 *                               once, at first load; reloads keep the value
 *                               and its address. If sizeof(type) changes the
 *                               state starts again from `init`, and hcr says
 *                               so. For an array, typedef it first.
 *
 * Handlers run leaves first: a module's handlers after those of every module
 * it uses (calls or references). First all before-handlers, then the load,
 * then the HCR_INITs of modules new to the program, then all after-handlers.
 * In before-handlers, hcrHasModuleChanged() tells which modules are about to
 * change. A reload that changes nothing runs nothing. When a module is
 * deleted its handlers never run again and its state is released.
 *
 * Write the macros at file scope, after the function they name, ending with
 * a semicolon. A module may use each of them several times; different
 * modules may use the same names:
 *
 *	static void setup(void) { puts("loaded"); }
 *	HCR_INIT(setup);
 *	HCR_STATE(struct world, world, { .width = 80, .height = 25 });
 *	...	world->width++;
 *
 * hcr compiles programs with -DHCR=1. Without it (a plain `gcc *.c`, or
 * `hcr build --release`) the same program runs as if loaded once: HCR_INIT
 * functions run before main (after every HCR_STATE is initialised), the
 * reload handlers never run, HCR_STATE is an ordinary static variable, and
 * the functions above are empty static inline functions. No hcr library is
 * needed then.
 *
 * How it works: each macro leaves a local descriptor object in the module,
 * named hcr__init__<fn>, hcr__before__<fn>, hcr__after__<fn> or
 * hcr__state__<name>; hcr's compiler finds them in the module's symbol table
 * and the runtime reads them (docs/internals.md, sections 6 and 10).
 */
#ifndef HCR_H
#define HCR_H

#include <string.h>

/* An HCR_STATE's descriptor (read by the runtime). */
struct hcr_state {
	const char *name;		/* "name" */
	unsigned long size;		/* sizeof(type) */
	void (*init)(void *value);	/* writes the initial value */
	void **slot;			/* &name */
};

#if defined(HCR) && HCR

void hcr_reload_point(void);
int hcrReloadNeeded(void);
int hcrHasModuleChanged(const char *module);

#define HCR_INIT(fn) \
	__attribute__((used, section(".data.rel.ro.hcr"))) \
	static void (*const hcr__init__##fn)(void) = fn

#define HCR_BEFORE_RELOAD(fn) \
	__attribute__((used, section(".data.rel.ro.hcr"))) \
	static void (*const hcr__before__##fn)(void) = fn

#define HCR_AFTER_RELOAD(fn) \
	__attribute__((used, section(".data.rel.ro.hcr"))) \
	static void (*const hcr__after__##fn)(void) = fn

/* The runtime sets `name` before any code of the module runs. */
#define HCR_STATE(type, name, ...) \
	static type *name; \
	static void hcr__state_init__##name(void *value) \
	{ \
		type hcr_initial = __VA_ARGS__; \
		memcpy(value, &hcr_initial, sizeof(hcr_initial)); \
	} \
	__attribute__((used, section(".data.rel.ro.hcr"))) \
	static const struct hcr_state hcr__state__##name = { \
		#name, sizeof(type), hcr__state_init__##name, (void **)&name \
	}

#else /* built without hcr: a program loaded once */

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

/*
 * A constructor calling fn. Like every macro here it ends with a
 * declaration (an unused pointer), which takes the caller's semicolon.
 */
#define HCR_INIT(fn) \
	__attribute__((constructor)) \
	static void hcr__run__##fn(void) \
	{ \
		fn(); \
	} \
	__attribute__((unused)) \
	static void (*const hcr__init__##fn)(void) = hcr__run__##fn

/* Never called: the handler only counts as used. */
#define HCR_BEFORE_RELOAD(fn) \
	__attribute__((unused)) \
	static void (*const hcr__before__##fn)(void) = fn

#define HCR_AFTER_RELOAD(fn) \
	__attribute__((unused)) \
	static void (*const hcr__after__##fn)(void) = fn

/*
 * A static variable, initialised by a constructor that runs before the
 * HCR_INIT constructors (priority 101 comes before the default), so `init`
 * may be any expression.
 */
#define HCR_STATE(type, name, ...) \
	static type hcr__value__##name; \
	__attribute__((unused)) static type *name = &hcr__value__##name; \
	__attribute__((constructor(101))) \
	static void hcr__state_init__##name(void) \
	{ \
		type hcr_initial = __VA_ARGS__; \
		memcpy(&hcr__value__##name, &hcr_initial, sizeof(hcr_initial)); \
	} \
	__attribute__((unused)) \
	static void (*const hcr__state__##name)(void) = hcr__state_init__##name

#endif /* HCR */

#endif /* HCR_H */

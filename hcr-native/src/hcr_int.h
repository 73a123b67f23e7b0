/*
 * hcr_int.h - what the runtime's source files share. Not installed.
 */
#ifndef HCR_INT_H
#define HCR_INT_H

#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "hcr.h"
#include "hcr_host.h"

#if defined(__x86_64__)
#define HCR_ARCH "x86_64"
#elif defined(__aarch64__)
#define HCR_ARCH "aarch64"
#else
#error "hcr: unsupported architecture"
#endif

enum mod_state { MOD_NEW, MOD_CHANGED, MOD_KEPT };

enum hook_kind { HOOK_INIT, HOOK_BEFORE, HOOK_AFTER, HOOK_STATE };

/* Hook symbols: hcr.h's descriptors, `hcr__<kind>__<name>`. */
#define HCR_HOOK_PREFIX "hcr__"

/* A writable file-static or function-static of a module's library. */
struct hcr_static {
	const char *module;
	const char *name;	/* as in .symtab: count, calls.0 */
	unsigned long offset;	/* st_value in the module's .so */
	unsigned long size;
	int mod;		/* index into manifest.mods */
	struct hcr_staticref *ref;	/* its sites, or NULL (statics.c) */
	uintptr_t home;		/* once loaded: the storage its code uses */
};

/* staticref: every place a module's library addresses one static. */
struct hcr_staticref {
	const char *module;
	const char *name;
	int mod;
	int line;
	int first;		/* pc32 offsets, then abs64, in manifest.sites */
	int npc32, nabs64;
};

/* A program-API descriptor of a module (hcr.h, docs section 10). */
struct hcr_hook {
	const char *module;
	const char *name;	/* the function or state name */
	enum hook_kind kind;
	unsigned long offset;	/* of the descriptor, in the module's .so */
	unsigned long size;	/* of the descriptor */
	int mod;
};

/* "uses a b": module a references symbols b defines. */
struct hcr_use {
	const char *from, *to;
	int mod, used;		/* indices into manifest.mods */
	int line;		/* of the record, and order within it */
	int seq;
};

struct hcr_module {
	const char *id;
	const char *file;	/* lib<stem>.g<G>.so, also its soname */
	enum mod_state state;
	int seq;		/* position in the manifest */
	int first_static;	/* this module's range of manifest.statics */
	int nstatics;
	int first_hook;		/* ... of manifest.hooks */
	int nhooks;
	int first_use;		/* ... of manifest.uses */
	int nuses;
	void *handle;		/* set once loaded */
	void *lm;		/* its struct link_map, once loaded */
	uintptr_t base;		/* load base (l_addr) once loaded */
	int first_entry;	/* this module's range of manifest.entries */
	int nentries;
	unsigned long init_bytes;	/* .init_array held back: constructors.c */
};

/* A function of a module's library with a patchable entry (forward.c). */
struct hcr_entry {
	const char *module;
	const char *name;	/* as in .symtab: f, f.part.0, hcr.g */
	unsigned long offset;	/* st_value in the module's .so */
	int mod;
};

struct hcr_func {
	const char *module;
	const char *cname;
	const char *link;	/* hcr.<cname> */
	int mod;
};

/* A global object of the program: `global <module> <cname> <link> <size>`. */
struct hcr_global {
	const char *module;
	const char *cname;
	const char *link;	/* hcr.<cname>, or hcr.<cname>.g<N> */
	unsigned long size;
	int mod;
};

/* What code loaded at run time finds under a C name (exports.c). */
struct hcr_export {
	const char *cname;
	const char *link;	/* a function's stub or a global's storage */
	const char *file;	/* the library of the defining module */
};

/* One parsed gen/N/manifest. Strings point into text. */
struct hcr_manifest {
	char *text;
	int generation;
	const char *group;
	const char *delta;	/* the delta group, or NULL */
	int delta_base;		/* the generation the delta applies to */
	const char **stubs;
	int nstubs, capstubs;
	struct hcr_module *mods;	/* sorted by id */
	int nmods, capmods;
	const char **removed;
	int nremoved, capremoved;
	struct hcr_func *funcs;		/* sorted by link name */
	int nfuncs, capfuncs;
	struct hcr_static *statics;	/* sorted by module, then name */
	int nstatics, capstatics;
	struct hcr_staticref *refs;	/* sorted by module, then name */
	int nrefs, caprefs;
	unsigned long *sites;		/* the offsets refs point into */
	int nsites, capsites;
	struct hcr_hook *hooks;		/* sorted by module, then offset */
	int nhooks, caphooks;
	struct hcr_use *uses;		/* sorted by module */
	int nuses, capuses;
	struct hcr_global *globals;	/* in manifest order */
	int nglobals, capglobals;
	int *order;			/* modules leaves first (DFS post-order) */
	struct hcr_export *exports;	/* by C name; made when first asked */
	int nexports;
	struct hcr_entry *entries;	/* sorted by module, then name */
	int nentries, capentries;
};

/* The storage of one HCR_STATE, kept across reloads. */
struct hcr_block {
	char *module;
	char *name;
	unsigned long size;
	void *data;
};

/* Where a removed function went, for the trap message. */
struct hcr_trap {
	char *cname;
	char *module;
	int generation;
	int with_module;	/* 1: its module was removed; 0: only it was */
};

struct hcr_runtime {
	int initialised;
	int generation;		/* loaded generation, read atomically */
	int in_reload;
	int argc;
	char **argv;
	char build[PATH_MAX];
	char gendir[PATH_MAX];
	char rundir[PATH_MAX];
	pthread_mutex_t lock;	/* recursive: serializes loads and queries */
	struct hcr_manifest *live;
	struct hcr_manifest *pending;	/* cache for hcrHasModuleChanged */
	struct hcr_manifest *loading;	/* set while before-handlers run */
	struct hcr_block *blocks;	/* every live HCR_STATE */
	int nblocks, capblocks;
	char **libs;		/* library files copied and loaded */
	int nlibs, caplibs;
	pthread_mutex_t trap_lock;	/* guards traps only */
	struct hcr_trap *traps;
	int ntraps, captraps;
	hcr_observer observer;
};

/* What one load did, for the events. */
struct hcr_mod_event {
	const char *module;
	const char *action;	/* loaded | reloaded | removed */
	const char *library;
};

struct hcr_static_event {
	const char *module;
	const char *name;
	const char *action;	/* shared | carried | reset */
	const char *why;	/* carried: why not shared; else NULL */
	unsigned long old_size, new_size;
};

struct hcr_state_event {
	const char *module;
	const char *name;
	const char *action;	/* created | kept | reset | released */
	unsigned long old_size, new_size;
};

struct hcr_report {
	int generation, previous;
	int loaded, reloaded, removed, shared, carried, reset;
	struct hcr_mod_event *mods;
	int nmods;
	struct hcr_static_event *statics;
	int nstatics;
	struct hcr_state_event *states;
	int nstates;
	long us_copy, us_load, us_bind, us_statics, us_handlers, us_total;
	int forwarded;		/* old entries now jumping to new code */
	long us_forward;
};

extern struct hcr_runtime hcr_rt;

/* hcr.c */
/* segments.c: a loaded library's segments and its pages' protection */
#define HCR_MAX_SEGS 16
struct link_map;
struct hcr_segments {
	const struct link_map *lm;
	struct {
		uintptr_t start, end;
		int prot;
	} seg[HCR_MAX_SEGS];
	int n;
	uintptr_t relro_start, relro_end;	/* whole pages */
};
void hcr_read_segments(const struct link_map *lm, struct hcr_segments *s);
int hcr_page_prot(const struct hcr_segments *s, uintptr_t page); /* -1: none */
int hcr_in_segment(const struct hcr_segments *s, uintptr_t at, size_t width);
int hcr_segment_prot(unsigned int flags);	/* PF_* to PROT_* (util.c) */
int hcr_fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* util.c */
int hcr_format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *hcr_grow(void *array, int *cap, int n, size_t size);
int hcr_read_text(const char *path, char **text);
int hcr_read_current(const char *gendir, int *generation);
int hcr_copy_file(const char *src, const char *dst);
int hcr_prepare_run_dir(const char *build, char *rundir, size_t size);
long hcr_now_us(void);

/* manifest.c */
int hcr_manifest_read(const char *gendir, int generation,
		      struct hcr_manifest **out);
void hcr_manifest_free(struct hcr_manifest *m);
struct hcr_module *hcr_manifest_module(const struct hcr_manifest *m,
				       const char *id);
struct hcr_func *hcr_manifest_func(const struct hcr_manifest *m,
				   const char *link);
struct hcr_static *hcr_module_static(const struct hcr_manifest *m,
				     const struct hcr_module *mod,
				     const char *name);
struct hcr_hook *hcr_module_hook(const struct hcr_manifest *m,
				 const struct hcr_module *mod,
				 enum hook_kind kind, const char *name);
int hcr_is_hook_symbol(const char *name);

/* index.c: sorting, cross-checking and ordering a parsed manifest */
int hcr_manifest_index(struct hcr_manifest *m, const char *path);

/* statics.c: staticref records linked to their statics */
int hcr_index_staticrefs(struct hcr_manifest *m, const char *path);

/* forward.c: entry records linked to their modules */
int hcr_index_entries(struct hcr_manifest *m, const char *path);
void hcr_prepare_forwarding(void);	/* hcrInit: membarrier registered */

/* load.c, bind.c */
int hcr_load(struct hcr_runtime *rt, struct hcr_manifest *m);

/* exports.c: hcr_export_global's view of the loaded generation */
void hcr_publish_exports(struct hcr_manifest *m);
void hcr_loading_exports(struct hcr_manifest *m);

/* dynsym.c: a symbol of a library mapped but maybe not in the global scope */
void *hcr_mapped_symbol(const char *file, const char *name);

/* events.c */
void hcr_emit_report(hcr_observer fn, const struct hcr_report *r);
void hcr_emit_error(hcr_observer fn, int code, const char *message);

#endif /* HCR_INT_H */

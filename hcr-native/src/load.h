/*
 * load.h - one load in progress, shared by load.c (copy, dlopen, commit),
 * bind.c (slots, traps and statics), state.c (HCR_STATE blocks) and
 * hooks.c (HCR_INIT and the reload handlers). Not installed.
 */
#ifndef HCR_LOAD_H
#define HCR_LOAD_H

#include "hcr_int.h"

enum action { ACT_KEPT, ACT_LOADED, ACT_RELOADED };

struct bind {
	void **slot;
	void *addr;
};

struct carry {
	void *dst;
	const void *src;
	size_t size;
};

/* One HCR_STATE of a module version being loaded. */
struct state_plan {
	void **slot;		/* the version's `static type *name` */
	void *data;		/* the block it gets */
	void (*init)(void *value);
	int fresh;		/* created or reset: init runs after the load */
};

struct plan {
	struct hcr_runtime *rt;
	struct hcr_manifest *old, *m;
	char gen[PATH_MAX + 16];	/* gen/N */
	void *group;			/* the handle of grouplib */
	const char *grouplib;		/* m's group, or its delta */
	int delta;			/* grouplib is the delta group */
	enum action *action;		/* per module of m */
	const char **copied;		/* libraries new to the run folder */
	int ncopied, capcopied;
	void **stubs;			/* stub libraries loaded before the group */
	int nstubs;
	struct bind *binds;
	int nbinds, capbinds;
	struct carry *carries;
	int ncarries, capcarries;
	struct hcr_sharing *sharing;	/* statics shared: statics.c */
	struct hcr_forwarding *forwarding;	/* old entries: forward.c */
	struct hcr_trap *traps;		/* functions removed by this load */
	int ntraps, captraps;
	struct state_plan *states;	/* leaves first */
	int nstates, capstates;
	struct hcr_block *blocks;	/* the runtime's next block table */
	char *fresh;			/* per block: allocated by this load */
	int nblocks, capblocks, capfresh;
	char *taken;			/* per runtime block: 1 taken, 2 released */
	struct hcr_block *released;	/* freed once the load is reported */
	int nreleased, capreleased;
	int committed;
	struct hcr_report rep;
	int caprepmods, caprepstatics, caprepstates;
};

int hcr_oom(void);
int hcr_inside(const void *addr, size_t size, void *lm);

/* bind.c: resolving, before anything is written */
int hcr_plan_binds(struct plan *p);
int hcr_plan_statics(struct plan *p);
/* bind.c: after the slots are written */
void hcr_update_traps(struct plan *p);
/* bind.c: a static's fate, for statics.c */
int hcr_carry_static(struct plan *p, const struct hcr_module *old,
		     const struct hcr_module *mod, const struct hcr_static *s,
		     const struct hcr_static *os);
int hcr_static_event(struct plan *p, const struct hcr_static *s,
		     unsigned long old_size, const char *action,
		     const char *why);

/* statics.c: statics keep one identity (docs section 6) */
void hcr_plan_homes(struct plan *p);
int hcr_keep_static(struct plan *p, const struct hcr_module *old,
		    const struct hcr_module *mod, struct hcr_static *s,
		    const struct hcr_static *os);
void hcr_commit_shared(struct plan *p);
void hcr_free_sharing(struct plan *p);

/* forward.c: old versions forward to new ones (docs section 6) */
int hcr_plan_forward(struct plan *p);
void hcr_commit_forward(struct plan *p);
void hcr_free_forward(struct plan *p);

/* constructors.c: run once the load has bound everything */
int hcr_hold_constructors(const char *path, unsigned long *bytes);
void hcr_run_constructors(struct plan *p);

/* destructors.c: superseded versions' destructors never run */
void hcr_retire_destructors(struct plan *p);

/* state.c: HCR_STATE blocks */
int hcr_plan_states(struct plan *p);
void hcr_commit_states(struct plan *p);
void hcr_init_states(struct plan *p);
void hcr_free_states(struct plan *p);

/* hooks.c: HCR_INIT, HCR_BEFORE_RELOAD, HCR_AFTER_RELOAD */
int hcr_check_hooks(struct plan *p);
void hcr_run_before(struct plan *p);
void hcr_run_after(struct plan *p);

#endif /* HCR_LOAD_H */

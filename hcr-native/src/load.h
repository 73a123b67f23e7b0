/*
 * load.h - one load in progress, shared by load.c (copy, dlopen, commit)
 * and bind.c (slots, traps and statics). Not installed.
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

struct plan {
	struct hcr_runtime *rt;
	struct hcr_manifest *old, *m;
	char gen[PATH_MAX + 16];	/* gen/N */
	void *group;
	enum action *action;		/* per module of m */
	const char **copied;		/* libraries new to the run folder */
	int ncopied, capcopied;
	struct bind *binds;
	int nbinds, capbinds;
	struct carry *carries;
	int ncarries, capcarries;
	struct hcr_trap *traps;		/* functions removed by this load */
	int ntraps, captraps;
	struct hcr_report rep;
	int caprepmods, caprepstatics;
};

int hcr_oom(void);

/* bind.c: resolving, before anything is written */
int hcr_plan_binds(struct plan *p);
int hcr_plan_statics(struct plan *p);
/* bind.c: after the slots are written */
void hcr_update_traps(struct plan *p);

#endif /* HCR_LOAD_H */

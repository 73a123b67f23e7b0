/*
 * hooks.c - HCR_INIT, HCR_BEFORE_RELOAD and HCR_AFTER_RELOAD.
 *
 * Each is a local descriptor in the module's library, a function pointer
 * the manifest lists as a `hook` record. A reload that changes something
 * runs, in this order (docs/internals.md section 10):
 *
 *   1. the before-handlers of every module loaded now (the versions about
 *      to be replaced included), leaves first, over the loaded generation's
 *      uses graph; hcrHasModuleChanged() answers for the generation being
 *      loaded while they run;
 *   2. the load itself (slots, statics, state slots);
 *   3. the initializers of states created or reset (state.c);
 *   4. HCR_INIT of every module loaded for the first time (or back after a
 *      removal), leaves first;
 *   5. the after-handlers of every live module, leaves first, over the new
 *      uses graph.
 *
 * Before-handlers run once everything that can fail has been done (files
 * copied, libraries opened, symbols found), so they never run for a reload
 * that then fails. The first load runs only 3 and 4. Handlers run on the
 * reloading thread with the reload lock held: a reload asked for from a
 * handler returns HCR_ESTATE, and hcr_reload_point() does nothing there.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "load.h"

typedef void (*handler)(void);

static const char *kind_name(enum hook_kind kind)
{
	switch (kind) {
	case HOOK_INIT:
		return "init";
	case HOOK_BEFORE:
		return "before";
	case HOOK_AFTER:
		return "after";
	default:
		return "state";
	}
}

/* The function a descriptor points to. */
static handler hook_fn(const struct hcr_module *mod, const struct hcr_hook *h)
{
	handler fn;

	memcpy(&fn, (const void *)(mod->base + h->offset), sizeof(fn));
	return fn;
}

static int check_module(const struct hcr_manifest *m,
			const struct hcr_module *mod)
{
	const struct hcr_hook *h = m->hooks + mod->first_hook;
	int i;

	for (i = 0; i < mod->nhooks; i++) {
		if (h[i].kind == HOOK_STATE)
			continue;	/* state.c reads those */
		if (!hcr_inside((const void *)(mod->base + h[i].offset),
				sizeof(handler), mod->lm))
			return hcr_fail(HCR_ESTATE, "%s hook '%s' of module "
					"'%s': descriptor at 0x%lx lies "
					"outside %s", kind_name(h[i].kind),
					h[i].name, mod->id, h[i].offset,
					mod->file);
		if (!hook_fn(mod, &h[i]))
			return hcr_fail(HCR_ESTATE, "%s hook '%s' of module "
					"'%s': no function at 0x%lx in %s",
					kind_name(h[i].kind), h[i].name,
					mod->id, h[i].offset, mod->file);
	}
	return 0;
}

/* Checks the handler descriptors of every module version being loaded. */
int hcr_check_hooks(struct plan *p)
{
	int i, rc = 0;

	for (i = 0; i < p->m->nmods && !rc; i++)
		if (p->action[i] != ACT_KEPT)
			rc = check_module(p->m, &p->m->mods[i]);
	return rc;
}

/* Runs the hooks of one kind of module k of m. */
static void run_module(const struct hcr_manifest *m, int k,
		       enum hook_kind kind)
{
	const struct hcr_module *mod = &m->mods[k];
	const struct hcr_hook *h = m->hooks + mod->first_hook;
	int i;

	for (i = 0; i < mod->nhooks; i++)
		if (h[i].kind == kind)
			hook_fn(mod, &h[i])();
}

static int changes_something(const struct plan *p)
{
	return p->rep.loaded + p->rep.reloaded + p->rep.removed > 0;
}

/* Step 1, between the prepare and the commit of a reload. */
void hcr_run_before(struct plan *p)
{
	const struct hcr_manifest *old = p->old;
	long t = hcr_now_us();
	int i;

	if (!old || !changes_something(p))
		return;
	p->rt->loading = p->m;
	for (i = 0; i < old->nmods; i++)
		run_module(old, old->order[i], HOOK_BEFORE);
	p->rt->loading = NULL;
	p->rep.us_handlers += hcr_now_us() - t;
}

/* Steps 3 to 5, once the new generation is live. */
void hcr_run_after(struct plan *p)
{
	const struct hcr_manifest *m = p->m;
	long t = hcr_now_us();
	int i;

	if (p->old && !changes_something(p))
		return;
	hcr_init_states(p);
	for (i = 0; i < m->nmods; i++)
		if (p->action[m->order[i]] == ACT_LOADED)
			run_module(m, m->order[i], HOOK_INIT);
	for (i = 0; p->old && i < m->nmods; i++)
		run_module(m, m->order[i], HOOK_AFTER);
	p->rep.us_handlers += hcr_now_us() - t;
}

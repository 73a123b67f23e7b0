/*
 * state.c - HCR_STATE: module state that lives in the runtime.
 *
 * The runtime owns one block of storage per (module, state name). A module
 * version that declares the state has a descriptor (hcr.h's struct
 * hcr_state: name, size, init function, slot) and a slot, its `static
 * type *name`. Every version loaded gets the block's address in its slot
 * before any of its code can run; the block itself is:
 *
 *   created   the first time a module version declares the state: zeroed,
 *             then the initializer runs once the load is complete;
 *   kept      by every later version declaring it with the same size;
 *   reset     when the size changed: a fresh block, initialised again. The
 *             old block stays allocated: older versions' code may still be
 *             running (a loop on some stack) and their slots point to it;
 *   released  when its module is removed, or a new version no longer
 *             declares it: freed, and forgotten, so a state (or module)
 *             that comes back starts afresh.
 *
 * Everything that can fail (reading descriptors, allocating blocks and the
 * next block table) happens before the load commits; the commit only
 * writes slots and swaps tables.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "load.h"

static int add_event(struct plan *p, const char *module, const char *name,
		     const char *action, unsigned long old_size,
		     unsigned long new_size)
{
	struct hcr_report *r = &p->rep;
	struct hcr_state_event *e;

	e = hcr_grow(r->states, &p->caprepstates, r->nstates, sizeof(*e));
	if (!e)
		return hcr_oom();
	r->states = e;
	e += r->nstates++;
	e->module = module;
	e->name = name;
	e->action = action;
	e->old_size = old_size;
	e->new_size = new_size;
	return 0;
}

/* The runtime's block of (module, name), or -1. */
static int find_block(struct hcr_runtime *rt, const char *module,
		      const char *name)
{
	int i;

	for (i = 0; i < rt->nblocks; i++)
		if (!strcmp(rt->blocks[i].module, module) &&
		    !strcmp(rt->blocks[i].name, name))
			return i;
	return -1;
}

/* Adds an entry to the next block table; the strings are copied. */
static int add_block(struct plan *p, const struct hcr_block *b, int fresh)
{
	struct hcr_block *n;
	char *f;

	n = hcr_grow(p->blocks, &p->capblocks, p->nblocks, sizeof(*n));
	if (!n)
		return hcr_oom();
	p->blocks = n;
	f = hcr_grow(p->fresh, &p->capfresh, p->nblocks, sizeof(*f));
	if (!f)
		return hcr_oom();
	p->fresh = f;
	n += p->nblocks;
	n->module = strdup(b->module);
	n->name = strdup(b->name);
	n->size = b->size;
	n->data = b->data;
	f[p->nblocks++] = (char)fresh;
	return (n->module && n->name) ? 0 : hcr_oom();
}

static int add_state_plan(struct plan *p, const struct hcr_state *desc,
			  void *data, int fresh)
{
	struct state_plan *s;

	s = hcr_grow(p->states, &p->capstates, p->nstates, sizeof(*s));
	if (!s)
		return hcr_oom();
	p->states = s;
	s += p->nstates++;
	s->slot = desc->slot;
	s->data = data;
	s->init = desc->init;
	s->fresh = fresh;
	return 0;
}

/* The descriptor of hook h, checked to be what hcr.h makes. */
static int read_descriptor(const struct hcr_module *mod,
			   const struct hcr_hook *h,
			   const struct hcr_state **out)
{
	const struct hcr_state *d = (const void *)(mod->base + h->offset);
	size_t len = strlen(h->name) + 1;

	if (!hcr_inside(d, sizeof(*d), mod->lm))
		return hcr_fail(HCR_ESTATE, "state '%s' of module '%s': "
				"descriptor at 0x%lx lies outside %s",
				h->name, mod->id, h->offset, mod->file);
	if (!hcr_inside(d->name, len, mod->lm) ||
	    memcmp(d->name, h->name, len) || !d->init ||
	    !hcr_inside(d->slot, sizeof(void *), mod->lm))
		return hcr_fail(HCR_ESTATE, "state '%s' of module '%s': no "
				"HCR_STATE descriptor at 0x%lx in %s",
				h->name, mod->id, h->offset, mod->file);
	*out = d;
	return 0;
}

/* One state of a module version being loaded: created, kept or reset. */
static int plan_state(struct plan *p, const struct hcr_module *mod,
		      const struct hcr_hook *h)
{
	const struct hcr_state *d = NULL;
	struct hcr_block b, *old = NULL;
	int i, fresh, rc;

	rc = read_descriptor(mod, h, &d);
	if (rc)
		return rc;
	i = find_block(p->rt, mod->id, h->name);
	if (i >= 0) {
		old = &p->rt->blocks[i];
		p->taken[i] = 1;
	}
	fresh = !old || old->size != d->size;
	b.module = (char *)mod->id;
	b.name = (char *)h->name;
	b.size = d->size;
	b.data = fresh ? NULL : old->data;
	rc = add_block(p, &b, fresh);
	if (rc)
		return rc;
	if (fresh) {
		b.data = calloc(1, d->size ? d->size : 1);
		if (!b.data)
			return hcr_oom();
		p->blocks[p->nblocks - 1].data = b.data;
	}
	rc = add_state_plan(p, d, b.data, fresh);
	if (!rc)
		rc = add_event(p, mod->id, h->name, !old ? "created" :
			       fresh ? "reset" : "kept", old ? old->size : 0,
			       d->size);
	return rc;
}

static int plan_module(struct plan *p, const struct hcr_module *mod)
{
	const struct hcr_hook *h = p->m->hooks + mod->first_hook;
	int i, rc = 0;

	for (i = 0; i < mod->nhooks && !rc; i++)
		if (h[i].kind == HOOK_STATE)
			rc = plan_state(p, mod, &h[i]);
	return rc;
}

/*
 * Blocks no new version took: kept with their unchanged module, or
 * released (marked in p->taken as 2).
 */
static int plan_untaken(struct plan *p)
{
	struct hcr_block *b, *r;
	struct hcr_module *mod;
	int i, rc = 0;

	for (i = 0; i < p->rt->nblocks && !rc; i++) {
		b = &p->rt->blocks[i];
		mod = hcr_manifest_module(p->m, b->module);
		if (p->taken[i])
			continue;
		if (mod && p->action[mod - p->m->mods] == ACT_KEPT) {
			rc = add_block(p, b, 0);
			continue;
		}
		r = hcr_grow(p->released, &p->capreleased, p->nreleased,
			     sizeof(*r));
		if (!r)
			return hcr_oom();
		p->released = r;
		r[p->nreleased++] = *b;
		p->taken[i] = 2;
		rc = add_event(p, b->module, b->name, "released", b->size, 0);
	}
	return rc;
}

/* Decides every block of this load; allocates what it needs. */
int hcr_plan_states(struct plan *p)
{
	int i, k, rc = 0;

	p->taken = calloc((size_t)p->rt->nblocks + 1, 1);
	if (!p->taken)
		return hcr_oom();
	for (i = 0; i < p->m->nmods && !rc; i++) {
		k = p->m->order[i];
		if (p->action[k] != ACT_KEPT)
			rc = plan_module(p, &p->m->mods[k]);
	}
	return rc ? rc : plan_untaken(p);
}

/* Points every new version's slots at their blocks; swaps the tables. */
void hcr_commit_states(struct plan *p)
{
	struct hcr_runtime *rt = p->rt;
	int i;

	for (i = 0; i < p->nstates; i++)
		__atomic_store_n(p->states[i].slot, p->states[i].data,
				 __ATOMIC_RELEASE);
	for (i = 0; i < rt->nblocks; i++) {
		if (p->taken[i] == 2)
			continue;	/* released: freed once reported */
		free(rt->blocks[i].module);
		free(rt->blocks[i].name);
	}
	free(rt->blocks);
	rt->blocks = p->blocks;
	rt->nblocks = p->nblocks;
	rt->capblocks = p->capblocks;
	p->blocks = NULL;
	p->nblocks = 0;
	p->committed = 1;
}

/* Runs the initializer of every block created or reset, leaves first. */
void hcr_init_states(struct plan *p)
{
	int i;

	for (i = 0; i < p->nstates; i++)
		if (p->states[i].fresh)
			p->states[i].init(p->states[i].data);
}

/*
 * After a commit: frees what was released. After a failure: frees what
 * this load allocated, and the runtime's table is untouched.
 */
void hcr_free_states(struct plan *p)
{
	int i;

	for (i = 0; p->committed && i < p->nreleased; i++) {
		free(p->released[i].module);
		free(p->released[i].name);
		free(p->released[i].data);
	}
	for (i = 0; i < p->nblocks; i++) {
		if (p->fresh[i])
			free(p->blocks[i].data);
		free(p->blocks[i].module);
		free(p->blocks[i].name);
	}
	free(p->blocks);
	free(p->fresh);
	free(p->released);
	free(p->states);
	free(p->taken);
}

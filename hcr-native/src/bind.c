/*
 * bind.c - what a load will write, resolved before anything is written:
 * the slot of every function and the address it gets (the new
 * implementation, or the trap entry of a function that went away), and
 * what becomes of each static of a reloaded module: kept (shared with the
 * old version, or carried by value: statics.c) or reset. Every address is
 * checked to lie inside the library it belongs to. The traps' bookkeeping,
 * and the trap itself, are here too.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

/* action: shared | carried | reset; why: why a kept static is carried. */
int hcr_static_event(struct plan *p, const struct hcr_static *s,
		     unsigned long old_size, const char *action,
		     const char *why)
{
	struct hcr_report *r = &p->rep;
	struct hcr_static_event *e;

	e = hcr_grow(r->statics, &p->caprepstatics, r->nstatics, sizeof(*e));
	if (!e)
		return hcr_oom();
	r->statics = e;
	e += r->nstatics++;
	e->module = s->module;
	e->name = s->name;
	e->action = action;
	e->why = why;
	e->old_size = old_size;
	e->new_size = s->size;
	if (!strcmp(action, "shared"))
		r->shared++;
	else if (!strcmp(action, "carried"))
		r->carried++;
	else
		r->reset++;
	return 0;
}

/*
 * Is [addr, addr + size) inside the library whose link map is lm? With lm
 * NULL: inside one loaded library, whichever.
 */
int hcr_inside(const void *addr, size_t size, void *lm)
{
	struct link_map *first, *last;
	Dl_info info;

	if (!dladdr1(addr, &info, (void **)&first, RTLD_DL_LINKMAP) ||
	    !first || (lm && first != lm))
		return 0;
	if (size <= 1)
		return 1;
	addr = (const char *)addr + size - 1;
	return dladdr1(addr, &info, (void **)&last, RTLD_DL_LINKMAP) &&
	       last == first;
}

/* Is addr inside one of the stub libraries of generation m? */
static int in_stubs(const struct hcr_manifest *m, const void *addr)
{
	const char *file;
	Dl_info info;
	int i;

	if (!dladdr(addr, &info) || !info.dli_fname)
		return 0;
	file = strrchr(info.dli_fname, '/');
	file = file ? file + 1 : info.dli_fname;
	for (i = 0; i < m->nstubs; i++)
		if (!strcmp(m->stubs[i], file))
			return 1;
	return 0;
}

/*
 * The slot (or the trap entry) of a stubbed function, from the group. A
 * delta group lists only the stub libraries new in its generation; the
 * older ones were loaded RTLD_GLOBAL by earlier loads, so the name is
 * looked up in the global scope, and must come from one of them.
 */
static void *stub_symbol(struct plan *p, const char *prefix,
			 const char *link)
{
	char name[1024];
	void *sym;

	if (hcr_format(name, sizeof(name), "%s%s", prefix, link + 4))
		return NULL;
	sym = dlsym(p->group, name);
	if (!sym && p->delta) {
		sym = dlsym(RTLD_DEFAULT, name);
		if (sym && !in_stubs(p->m, sym))
			sym = NULL;
	}
	return sym;
}

static int add_bind(struct plan *p, const char *link, void *addr)
{
	struct bind *b;
	void *slot;

	slot = stub_symbol(p, "hcrslot.", link);
	if (!slot || ((uintptr_t)slot & 7))
		return hcr_fail(HCR_ESYMBOL,
				"no stub slot hcrslot.%s in the stub "
				"libraries of generation %d", link + 4,
				p->m->generation);
	b = hcr_grow(p->binds, &p->capbinds, p->nbinds, sizeof(*b));
	if (!b)
		return hcr_oom();
	p->binds = b;
	b[p->nbinds].slot = slot;
	b[p->nbinds].addr = addr;
	p->nbinds++;
	return 0;
}

static int bind_func(struct plan *p, const struct hcr_func *f)
{
	struct hcr_module *mod = &p->m->mods[f->mod];
	struct hcr_func *old;
	void *impl;

	if (p->action[f->mod] == ACT_KEPT) {
		old = hcr_manifest_func(p->old, f->link);
		if (old && !strcmp(old->module, f->module))
			return 0;	/* already points at this code */
	}
	impl = dlsym(mod->handle, f->link);
	if (!impl)
		return hcr_fail(HCR_ESYMBOL, "symbol %s (function %s) not "
				"found in %s", f->link, f->cname, mod->file);
	if (!hcr_inside(impl, 1, mod->lm))
		return hcr_fail(HCR_ESYMBOL, "symbol %s (function %s) is not "
				"defined by %s", f->link, f->cname, mod->file);
	return add_bind(p, f->link, impl);
}

static int trap_func(struct plan *p, const struct hcr_func *f)
{
	struct hcr_trap *t;
	void *trap;
	int rc;

	trap = stub_symbol(p, "hcrtrap.", f->link);
	if (!trap)
		return hcr_fail(HCR_ESYMBOL, "no trap entry hcrtrap.%s in the "
				"stub libraries of generation %d",
				f->link + 4, p->m->generation);
	rc = add_bind(p, f->link, trap);
	if (rc)
		return rc;
	t = hcr_grow(p->traps, &p->captraps, p->ntraps, sizeof(*t));
	if (!t)
		return hcr_oom();
	p->traps = t;
	t += p->ntraps++;
	t->cname = strdup(f->cname);
	t->module = strdup(f->module);
	t->generation = p->m->generation;
	t->with_module = !hcr_manifest_module(p->m, f->module);
	return (t->cname && t->module) ? 0 : hcr_oom();
}

/* Resolves every slot write of this load. */
int hcr_plan_binds(struct plan *p)
{
	int i, rc = 0;

	for (i = 0; i < p->m->nfuncs && !rc; i++)
		rc = bind_func(p, &p->m->funcs[i]);
	for (i = 0; p->old && i < p->old->nfuncs && !rc; i++)
		if (!hcr_manifest_func(p->m, p->old->funcs[i].link))
			rc = trap_func(p, &p->old->funcs[i]);
	return rc;
}

/* Copies the static's home (the storage its code used so far) into s. */
int hcr_carry_static(struct plan *p, const struct hcr_module *old,
		     const struct hcr_module *mod, const struct hcr_static *s,
		     const struct hcr_static *os)
{
	struct carry *c;
	void *dst = (void *)(mod->base + s->offset);
	void *src = (void *)os->home;

	/* the home is in the old version's library or an older one */
	if (!hcr_inside(dst, s->size, mod->lm) ||
	    !hcr_inside(src, s->size, NULL))
		return hcr_fail(HCR_ESTATE, "static '%s' of module '%s': "
				"offset 0x%lx/0x%lx size %lu lies outside "
				"%s or %s", s->name, s->module, s->offset,
				os->offset, s->size, mod->file, old->file);
	c = hcr_grow(p->carries, &p->capcarries, p->ncarries, sizeof(*c));
	if (!c)
		return hcr_oom();
	p->carries = c;
	c += p->ncarries++;
	c->dst = dst;
	c->src = src;
	c->size = s->size;
	return 0;
}

/*
 * Statics of one reloaded module: same name and size keep their home
 * (shared, or carried by value: statics.c), else reset.
 */
static int plan_module_statics(struct plan *p, const struct hcr_module *mod)
{
	const struct hcr_module *old = hcr_manifest_module(p->old, mod->id);
	const struct hcr_static *os;
	struct hcr_static *s;
	int i, rc = 0;

	for (i = 0; i < mod->nstatics && !rc; i++) {
		s = &p->m->statics[mod->first_static + i];
		os = hcr_module_static(p->old, old, s->name);
		if (!os || (!os->size && !s->size))
			continue;	/* new in this version: nothing to say */
		if (os->size == s->size)
			rc = hcr_keep_static(p, old, mod, s, os);
		else
			rc = hcr_static_event(p, s, os->size, "reset", NULL);
	}
	return rc;
}

int hcr_plan_statics(struct plan *p)
{
	int i, rc = 0;

	hcr_plan_homes(p);
	for (i = 0; i < p->m->nmods && !rc; i++)
		if (p->action[i] == ACT_RELOADED)
			rc = plan_module_statics(p, &p->m->mods[i]);
	return rc;
}

/* Drops traps of functions that are bound again, then adds new ones. */
void hcr_update_traps(struct plan *p)
{
	struct hcr_runtime *rt = p->rt;
	struct hcr_trap *t;
	char link[1024];
	int i, n = 0;

	pthread_mutex_lock(&rt->trap_lock);
	for (i = 0; i < rt->ntraps; i++) {
		snprintf(link, sizeof(link), "hcr.%s", rt->traps[i].cname);
		if (!hcr_manifest_func(p->m, link)) {
			rt->traps[n++] = rt->traps[i];
			continue;
		}
		free(rt->traps[i].cname);
		free(rt->traps[i].module);
	}
	rt->ntraps = n;
	for (i = 0; i < p->ntraps; i++) {
		t = hcr_grow(rt->traps, &rt->captraps, rt->ntraps, sizeof(*t));
		if (!t)
			break;	/* the trap then says "no implementation" */
		rt->traps = t;
		t[rt->ntraps++] = p->traps[i];
		p->traps[i].cname = p->traps[i].module = NULL;
	}
	pthread_mutex_unlock(&rt->trap_lock);
}

/* Where a stub for a function without implementation lands. */
void hcr_trap_removed(const char *cname)
{
	struct hcr_runtime *rt = &hcr_rt;
	char msg[512];
	int i;

	snprintf(msg, sizeof(msg), "hcr: function '%s' has no "
		 "implementation\n", cname);
	pthread_mutex_lock(&rt->trap_lock);
	for (i = 0; i < rt->ntraps; i++) {
		if (strcmp(rt->traps[i].cname, cname))
			continue;
		snprintf(msg, sizeof(msg), "hcr: function '%s' was removed "
			 "%s module '%s' (generation %d)\n", cname,
			 rt->traps[i].with_module ? "with" : "from",
			 rt->traps[i].module, rt->traps[i].generation);
		break;
	}
	pthread_mutex_unlock(&rt->trap_lock);
	fflush(stdout);
	fputs(msg, stderr);
	abort();
}

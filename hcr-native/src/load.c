/*
 * load.c - loading one generation: the first load and every reload.
 *
 * A load runs in two halves. The first half may fail and changes nothing
 * the program can see: it copies the new libraries into the run folder,
 * dlopens the stub libraries not loaded yet, one by one (so their export
 * thunks are relocated before any library that binds to them, docs
 * section 3), then the group library - or, when the loaded generation is
 * the base of the generation's delta group, the delta (docs/internals.md
 * section 4) - (a failed dlopen unloads what it loaded), finds
 * every module's handle and load base, and resolves every address it will
 * need: implementations, slots, traps, old and new statics, hook
 * descriptors, state blocks, old function entries (forward.c, which also
 * primes a new version's entries). Then the before-handlers run (hooks.c).
 * The second half cannot fail: it makes the new versions address the
 * statics they share with the old ones (statics.c), copies the statics
 * carried by value, points state slots at their blocks, points the old
 * versions' entries at the new code (forward.c), writes the function
 * slots, then updates the runtime's tables; state initializers, HCR_INITs
 * and after-handlers follow. Which modules
 * are loaded, reloaded or removed is decided by comparing library files
 * with the loaded generation, not by the manifest's module state, so
 * skipping a generation is safe.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

int hcr_oom(void)
{
	return hcr_fail(HCR_EIO, "out of memory");
}

static int add_mod_event(struct plan *p, const char *module,
			 const char *action, const char *library)
{
	struct hcr_report *r = &p->rep;
	struct hcr_mod_event *e;

	e = hcr_grow(r->mods, &p->caprepmods, r->nmods, sizeof(*e));
	if (!e)
		return hcr_oom();
	r->mods = e;
	e += r->nmods++;
	e->module = module;
	e->action = action;
	e->library = library;
	return 0;
}
/* Decides, module by module, what this load does. */
static int plan_modules(struct plan *p)
{
	struct hcr_module *mod, *old;
	int i, rc = 0;

	p->action = calloc((size_t)p->m->nmods + 1, sizeof(*p->action));
	if (!p->action)
		return hcr_oom();
	for (i = 0; i < p->m->nmods && !rc; i++) {
		mod = &p->m->mods[i];
		old = hcr_manifest_module(p->old, mod->id);
		if (old && !strcmp(old->file, mod->file))
			continue;
		p->action[i] = old ? ACT_RELOADED : ACT_LOADED;
		if (old)
			p->rep.reloaded++;
		else
			p->rep.loaded++;
		rc = add_mod_event(p, mod->id, old ? "reloaded" : "loaded",
				   mod->file);
	}
	for (i = 0; p->old && i < p->old->nmods && !rc; i++) {
		old = &p->old->mods[i];
		if (hcr_manifest_module(p->m, old->id))
			continue;
		p->rep.removed++;
		rc = add_mod_event(p, old->id, "removed", old->file);
	}
	return rc;
}

static int is_loaded(struct plan *p, const char *file)
{
	int i;

	for (i = 0; i < p->rt->nlibs; i++)
		if (!strcmp(p->rt->libs[i], file))
			return 1;
	for (i = 0; i < p->ncopied; i++)
		if (!strcmp(p->copied[i], file))
			return 1;
	return 0;
}

static int copy_lib(struct plan *p, const char *file)
{
	char src[PATH_MAX * 2], dst[PATH_MAX * 2];
	const char **c;
	int rc;

	if (is_loaded(p, file))
		return 0;
	rc = hcr_format(src, sizeof(src), "%s/%s", p->gen, file);
	if (!rc)
		rc = hcr_format(dst, sizeof(dst), "%s/%s", p->rt->rundir, file);
	if (!rc)
		rc = hcr_copy_file(src, dst);
	if (rc)
		return rc;
	c = hcr_grow(p->copied, &p->capcopied, p->ncopied, sizeof(*c));
	if (!c)
		return hcr_oom();
	p->copied = c;
	c[p->ncopied++] = file;
	return 0;
}

/*
 * The library to dlopen: the delta group when the loaded generation is the
 * delta's base (everything else it would list is loaded already, so the
 * dynamic linker walks only the new libraries), else the full group.
 */
static void choose_group(struct plan *p)
{
	p->delta = p->old && p->m->delta &&
		   p->old->generation == p->m->delta_base;
	p->grouplib = p->delta ? p->m->delta : p->m->group;
}

static int copied_now(struct plan *p, const char *file)
{
	int i;

	for (i = 0; i < p->ncopied; i++)
		if (!strcmp(p->copied[i], file))
			return 1;
	return 0;
}

/* The copy of mod's library runs its constructors when hcr says (constructors.c). */
static int hold_constructors(struct plan *p, struct hcr_module *mod)
{
	char path[PATH_MAX * 2];
	int rc;

	rc = hcr_format(path, sizeof(path), "%s/%s", p->rt->rundir, mod->file);
	return rc ? rc : hcr_hold_constructors(path, &mod->init_bytes);
}

/*
 * Copies every library of the generation that is not loaded yet; a module
 * library's copy holds back its constructors.
 */
static int copy_libs(struct plan *p)
{
	struct hcr_module *mod;
	int i, rc;

	rc = copy_lib(p, p->grouplib);
	for (i = 0; i < p->m->nstubs && !rc; i++)
		rc = copy_lib(p, p->m->stubs[i]);
	for (i = 0; i < p->m->nmods && !rc; i++) {
		mod = &p->m->mods[i];
		rc = copy_lib(p, mod->file);
		if (!rc && copied_now(p, mod->file))
			rc = hold_constructors(p, mod);
	}
	return rc;
}

static int remember_copied(struct plan *p)
{
	struct hcr_runtime *rt = p->rt;
	char **l;
	int i;

	for (i = 0; i < p->ncopied; i++) {
		l = hcr_grow(rt->libs, &rt->caplibs, rt->nlibs, sizeof(*l));
		if (!l)
			return hcr_oom();
		rt->libs = l;
		l[rt->nlibs] = strdup(p->copied[i]);
		if (!l[rt->nlibs])
			return hcr_oom();
		rt->nlibs++;
	}
	return 0;
}

/*
 * A module whose library is the one already live keeps its handle and base:
 * asking the dynamic linker again (dlopen RTLD_NOLOAD walks every loaded
 * object) for each of n modules would make a reload cost O(n^2).
 */
static int reuse_live_handle(struct plan *p, struct hcr_module *mod)
{
	struct hcr_module *old;

	if (!p->old)
		return 0;
	old = hcr_manifest_module(p->old, mod->id);
	if (!old || !old->handle || strcmp(old->file, mod->file) != 0)
		return 0;
	mod->handle = old->handle;
	mod->lm = old->lm;
	mod->base = old->base;
	return 1;
}


/* Unloads the stub libraries load_stubs loaded, newest first. */
static void unload_stubs(struct plan *p)
{
	while (p->nstubs > 0)
		dlclose(p->stubs[--p->nstubs]);
}

/*
 * dlopens, oldest first, each stub library new to this process, before the
 * group: a library of the group that binds to an exported C name then
 * finds its export thunk relocated (glibc relocates dependencies first).
 */
static int load_stubs(struct plan *p)
{
	char path[PATH_MAX * 2];
	void *h;
	int i, rc;

	p->stubs = calloc((size_t)p->m->nstubs + 1, sizeof(*p->stubs));
	if (!p->stubs)
		return hcr_oom();
	for (i = 0; i < p->m->nstubs; i++) {
		if (!copied_now(p, p->m->stubs[i]))
			continue;
		rc = hcr_format(path, sizeof(path), "%s/%s", p->rt->rundir,
				p->m->stubs[i]);
		if (rc)
			return rc;
		h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
		if (!h)
			return hcr_fail(HCR_EDLOPEN, "dlopen %s: %s",
					p->m->stubs[i], dlerror());
		p->stubs[p->nstubs++] = h;
	}
	return 0;
}

/* dlopens the group, then finds each module's handle and load base. */
static int load_group(struct plan *p)
{
	char path[PATH_MAX * 2];
	struct hcr_module *mod;
	struct link_map *lm;
	int i, rc;

	rc = load_stubs(p);
	if (!rc)
		rc = hcr_format(path, sizeof(path), "%s/%s", p->rt->rundir,
				p->grouplib);
	if (rc) {
		unload_stubs(p);
		return rc;
	}
	p->group = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
	if (!p->group) {
		rc = hcr_fail(HCR_EDLOPEN, "dlopen %s: %s", p->grouplib,
			      dlerror());
		unload_stubs(p);
		return rc;
	}
	rc = remember_copied(p);
	for (i = 0; i < p->m->nmods && !rc; i++) {
		mod = &p->m->mods[i];
		if (reuse_live_handle(p, mod))
			continue;
		mod->handle = dlopen(mod->file, RTLD_NOW | RTLD_NOLOAD);
		if (!mod->handle)
			return hcr_fail(HCR_EDLOPEN,
					"module library %s is not loaded by %s",
					mod->file, p->grouplib);
		if (dlinfo(mod->handle, RTLD_DI_LINKMAP, &lm) < 0)
			return hcr_fail(HCR_EDLOPEN, "dlinfo %s: %s",
					mod->file, dlerror());
		mod->lm = lm;
		mod->base = lm->l_addr;
	}
	return rc;
}

static void commit(struct plan *p)
{
	long t = hcr_now_us();
	int i;

	hcr_commit_shared(p);	/* statics.c: new code addresses the homes */
	for (i = 0; i < p->ncarries; i++)
		memcpy(p->carries[i].dst, p->carries[i].src,
		       p->carries[i].size);
	hcr_commit_states(p);
	p->rep.us_statics += hcr_now_us() - t;
	/*
	 * forward.c: old entries jump to new code. Before the slots, so that
	 * no call ever finds a stub at the new code and an old pointer at the
	 * old: a stub still at an old version reaches it through its entry.
	 */
	hcr_commit_forward(p);
	t = hcr_now_us();
	for (i = 0; i < p->nbinds; i++)
		__atomic_store_n(p->binds[i].slot, p->binds[i].addr,
				 __ATOMIC_RELEASE);
	p->rep.us_bind += hcr_now_us() - t;
	hcr_update_traps(p);
	hcr_retire_destructors(p);
}

static int prepare(struct plan *p)
{
	long t;
	int rc;

	rc = plan_modules(p);
	if (rc)
		return rc;
	choose_group(p);
	t = hcr_now_us();
	rc = copy_libs(p);
	p->rep.us_copy = hcr_now_us() - t;
	if (rc)
		return rc;
	t = hcr_now_us();
	rc = load_group(p);
	p->rep.us_load = hcr_now_us() - t;
	if (rc)
		return rc;
	t = hcr_now_us();
	rc = hcr_plan_binds(p);
	p->rep.us_bind = hcr_now_us() - t;
	if (rc)
		return rc;
	t = hcr_now_us();
	rc = hcr_plan_statics(p);
	if (!rc)
		rc = hcr_check_hooks(p);
	if (!rc)
		rc = hcr_plan_states(p);
	p->rep.us_statics = hcr_now_us() - t;
	if (!rc)
		rc = hcr_plan_forward(p);
	return rc;
}

static void plan_free(struct plan *p)
{
	int i;

	for (i = 0; i < p->ntraps; i++) {
		free(p->traps[i].cname);
		free(p->traps[i].module);
	}
	free(p->traps);
	free(p->action);
	free(p->copied);
	free(p->stubs);
	free(p->binds);
	free(p->carries);
	hcr_free_sharing(p);
	hcr_free_forward(p);
	hcr_free_states(p);
	free(p->rep.mods);
	free(p->rep.statics);
	free(p->rep.states);
}

/*
 * Loads generation m. On success m becomes the live generation (the
 * runtime owns it) and the count of loaded + reloaded + removed modules is
 * returned; on failure nothing the program sees has changed (no handler
 * ran) and the caller still owns m.
 */
int hcr_load(struct hcr_runtime *rt, struct hcr_manifest *m)
{
	struct plan p;
	long start = hcr_now_us();
	int rc;

	memset(&p, 0, sizeof(p));
	p.rt = rt;
	p.old = rt->live;
	p.m = m;
	rc = hcr_format(p.gen, sizeof(p.gen), "%s/%d", rt->gendir,
			m->generation);
	if (rc)
		return rc;
	p.rep.generation = m->generation;
	p.rep.previous = rt->live ? rt->live->generation : 0;
	hcr_loading_exports(m);
	rc = prepare(&p);
	if (!rc) {
		hcr_run_before(&p);
		commit(&p);
		hcr_run_constructors(&p);
		rt->live = m;
		hcr_publish_exports(m);	/* before p.old is freed */
		__atomic_store_n(&rt->generation, m->generation,
				 __ATOMIC_RELEASE);
		hcr_run_after(&p);
		p.rep.us_total = hcr_now_us() - start;
		hcr_emit_report(rt->observer, &p.rep);
		rc = p.rep.loaded + p.rep.reloaded + p.rep.removed;
		hcr_manifest_free(p.old);
	}
	hcr_loading_exports(NULL);	/* the caller frees m on failure */
	plan_free(&p);
	return rc;
}

/*
 * index.c - a parsed manifest made ready for use: records sorted and linked
 * to their modules, duplicates rejected, and the order in which modules run
 * their hooks.
 *
 * Modules are sorted by id, functions by link name, statics by module then
 * name, so a reload finds them with bsearch. Hooks are sorted by module,
 * then by offset: within a module they run in address order, which is
 * source order when the compiler keeps top-level order (-O0, or
 * -fno-toplevel-reorder). `uses` edges are sorted by module, keeping the
 * order they were listed in.
 *
 * Static records that are not the program's own variables are dropped
 * here: hcr.h's descriptors (hcr__*) and the pointer an HCR_STATE declares
 * (a file static named like the state). The runtime sets those itself; a
 * carried descriptor would even write into read-only memory.
 *
 * Leaves first: a depth-first post-order over the uses graph, roots taken
 * in manifest order, every module visited once (which breaks cycles). A
 * module comes after every module it uses, unless a cycle forbids it.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "hcr_int.h"

static int cmp_module(const void *a, const void *b)
{
	return strcmp(((const struct hcr_module *)a)->id,
		      ((const struct hcr_module *)b)->id);
}

static int cmp_func(const void *a, const void *b)
{
	return strcmp(((const struct hcr_func *)a)->link,
		      ((const struct hcr_func *)b)->link);
}

static int cmp_static(const void *a, const void *b)
{
	const struct hcr_static *x = a, *y = b;

	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int cmp_hook(const void *a, const void *b)
{
	const struct hcr_hook *x = a, *y = b;

	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return 0;
}

static int cmp_use(const void *a, const void *b)
{
	const struct hcr_use *x = a, *y = b;

	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq - y->seq;
}

/* The index of module id, or a -2 naming the record that refers to it. */
static int module_index(struct hcr_manifest *m, const char *path,
			const char *what, const char *name, const char *id,
			int *out)
{
	struct hcr_module *mod = hcr_manifest_module(m, id);

	if (!mod)
		return hcr_fail(HCR_EMANIFEST, "%s: %s '%s' of unknown "
				"module '%s'", path, what, name, id);
	*out = (int)(mod - m->mods);
	return 0;
}

static int index_modules(struct hcr_manifest *m, const char *path)
{
	int i, rc = 0;

	qsort(m->mods, (size_t)m->nmods, sizeof(*m->mods), cmp_module);
	for (i = 1; i < m->nmods; i++)
		if (!strcmp(m->mods[i - 1].id, m->mods[i].id))
			return hcr_fail(HCR_EMANIFEST, "%s: module '%s' twice",
					path, m->mods[i].id);
	for (i = 0; i < m->nfuncs && !rc; i++)
		rc = module_index(m, path, "func", m->funcs[i].cname,
				  m->funcs[i].module, &m->funcs[i].mod);
	if (rc)
		return rc;
	qsort(m->funcs, (size_t)m->nfuncs, sizeof(*m->funcs), cmp_func);
	for (i = 1; i < m->nfuncs; i++)
		if (!strcmp(m->funcs[i - 1].link, m->funcs[i].link))
			return hcr_fail(HCR_EMANIFEST,
					"%s: function '%s' defined twice",
					path, m->funcs[i].link);
	for (i = 0; i < m->nglobals && !rc; i++)
		rc = module_index(m, path, "global", m->globals[i].cname,
				  m->globals[i].module, &m->globals[i].mod);
	return rc;
}

/* Same kind and name twice in one module? */
static int check_hooks(struct hcr_manifest *m, const char *path,
		       const struct hcr_module *mod)
{
	const struct hcr_hook *h = m->hooks + mod->first_hook, *o;
	int i, j;

	for (i = 0; i < mod->nhooks; i++) {
		for (j = 0; j < i; j++) {
			o = &h[j];
			if (o->kind == h[i].kind && !strcmp(o->name, h[i].name))
				return hcr_fail(HCR_EMANIFEST, "%s: hook '%s' "
						"of module '%s' twice", path,
						h[i].name, mod->id);
		}
	}
	return 0;
}

static int index_hooks(struct hcr_manifest *m, const char *path)
{
	struct hcr_module *mod;
	int i, rc = 0;

	for (i = 0; i < m->nhooks && !rc; i++)
		rc = module_index(m, path, "hook", m->hooks[i].name,
				  m->hooks[i].module, &m->hooks[i].mod);
	if (rc)
		return rc;
	qsort(m->hooks, (size_t)m->nhooks, sizeof(*m->hooks), cmp_hook);
	for (i = m->nhooks - 1; i >= 0; i--) {
		mod = &m->mods[m->hooks[i].mod];
		mod->first_hook = i;
		mod->nhooks++;
	}
	for (i = 0; i < m->nmods && !rc; i++)
		rc = check_hooks(m, path, &m->mods[i]);
	return rc;
}

/* A static the runtime must leave alone (see the top of this file). */
static int not_a_variable(const struct hcr_manifest *m,
			  const struct hcr_static *s)
{
	return hcr_is_hook_symbol(s->name) ||
	       hcr_module_hook(m, &m->mods[s->mod], HOOK_STATE, s->name);
}

static int index_statics(struct hcr_manifest *m, const char *path)
{
	struct hcr_module *mod;
	int i, n = 0, rc = 0;

	for (i = 0; i < m->nstatics && !rc; i++)
		rc = module_index(m, path, "static", m->statics[i].name,
				  m->statics[i].module, &m->statics[i].mod);
	if (rc)
		return rc;
	for (i = 0; i < m->nstatics; i++)
		if (!not_a_variable(m, &m->statics[i]))
			m->statics[n++] = m->statics[i];
	m->nstatics = n;
	qsort(m->statics, (size_t)m->nstatics, sizeof(*m->statics),
	      cmp_static);
	for (i = 1; i < m->nstatics; i++)
		if (!cmp_static(&m->statics[i - 1], &m->statics[i]))
			return hcr_fail(HCR_EMANIFEST,
					"%s: static '%s' of module '%s' twice",
					path, m->statics[i].name,
					m->statics[i].module);
	for (i = m->nstatics - 1; i >= 0; i--) {
		mod = &m->mods[m->statics[i].mod];
		mod->first_static = i;
		mod->nstatics++;
	}
	return 0;
}

static int index_uses(struct hcr_manifest *m, const char *path)
{
	struct hcr_module *used;
	struct hcr_use *u;
	int i, rc = 0;

	for (i = 0; i < m->nuses && !rc; i++) {
		u = &m->uses[i];
		rc = module_index(m, path, "uses", u->to, u->from, &u->mod);
		used = hcr_manifest_module(m, u->to);
		if (!rc && !used)
			rc = hcr_fail(HCR_EMANIFEST, "%s: module '%s' uses "
				      "unknown module '%s'", path, u->from,
				      u->to);
		if (!rc)
			u->used = (int)(used - m->mods);
	}
	if (rc)
		return rc;
	qsort(m->uses, (size_t)m->nuses, sizeof(*m->uses), cmp_use);
	for (i = 1; i < m->nuses; i++)
		if (m->uses[i].mod == m->uses[i - 1].mod &&
		    m->uses[i].line != m->uses[i - 1].line)
			return hcr_fail(HCR_EMANIFEST, "%s: uses of module "
					"'%s' twice", path, m->uses[i].from);
	for (i = m->nuses - 1; i >= 0; i--) {
		m->mods[m->uses[i].mod].first_use = i;
		m->mods[m->uses[i].mod].nuses++;
	}
	return 0;
}

static void visit(struct hcr_manifest *m, int i, char *seen, int *n)
{
	const struct hcr_module *mod = &m->mods[i];
	int j;

	if (seen[i])
		return;
	seen[i] = 1;
	for (j = 0; j < mod->nuses; j++)
		visit(m, m->uses[mod->first_use + j].used, seen, n);
	m->order[(*n)++] = i;
}

/* m->order: every module, leaves first. */
static int order_modules(struct hcr_manifest *m, const char *path)
{
	int *roots, i, n = 0;
	char *seen;

	m->order = malloc(((size_t)m->nmods + 1) * sizeof(*m->order));
	roots = malloc(((size_t)m->nmods + 1) * sizeof(*roots));
	seen = calloc((size_t)m->nmods + 1, 1);
	if (!m->order || !roots || !seen) {
		free(roots);
		free(seen);
		return hcr_fail(HCR_EIO, "%s: out of memory", path);
	}
	for (i = 0; i < m->nmods; i++)
		roots[m->mods[i].seq] = i;
	for (i = 0; i < m->nmods; i++)
		visit(m, roots[i], seen, &n);
	free(roots);
	free(seen);
	return 0;
}

int hcr_manifest_index(struct hcr_manifest *m, const char *path)
{
	int rc;

	rc = index_modules(m, path);
	if (!rc)
		rc = index_hooks(m, path);
	if (!rc)
		rc = index_statics(m, path);
	if (!rc)
		rc = hcr_index_staticrefs(m, path);
	if (!rc)
		rc = hcr_index_entries(m, path);
	if (!rc)
		rc = index_uses(m, path);
	if (!rc)
		rc = order_modules(m, path);
	return rc;
}

struct hcr_module *hcr_manifest_module(const struct hcr_manifest *m,
				       const char *id)
{
	struct hcr_module key = { .id = id };

	if (!m || !m->nmods)
		return NULL;
	return bsearch(&key, m->mods, (size_t)m->nmods, sizeof(key),
		       cmp_module);
}

struct hcr_func *hcr_manifest_func(const struct hcr_manifest *m,
				   const char *link)
{
	struct hcr_func key = { .link = link };

	if (!m || !m->nfuncs)
		return NULL;
	return bsearch(&key, m->funcs, (size_t)m->nfuncs, sizeof(key),
		       cmp_func);
}

struct hcr_static *hcr_module_static(const struct hcr_manifest *m,
				     const struct hcr_module *mod,
				     const char *name)
{
	struct hcr_static key = { .name = name, .mod = (int)(mod - m->mods) };

	if (!mod->nstatics)
		return NULL;
	return bsearch(&key, m->statics + mod->first_static,
		       (size_t)mod->nstatics, sizeof(key), cmp_static);
}

/* Hooks of a module are few: a linear search. */
struct hcr_hook *hcr_module_hook(const struct hcr_manifest *m,
				 const struct hcr_module *mod,
				 enum hook_kind kind, const char *name)
{
	struct hcr_hook *h = m->hooks + mod->first_hook;
	int i;

	for (i = 0; i < mod->nhooks; i++)
		if (h[i].kind == kind && !strcmp(h[i].name, name))
			return &h[i];
	return NULL;
}

/* hcr.h's descriptors and helpers: hcr__init__x, hcr__state_init__x... */
int hcr_is_hook_symbol(const char *name)
{
	return !strncmp(name, HCR_HOOK_PREFIX, strlen(HCR_HOOK_PREFIX));
}

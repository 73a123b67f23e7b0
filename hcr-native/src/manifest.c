/*
 * manifest.c - reads gen/N/manifest (docs/internals.md section 6).
 *
 * The whole file is read into one buffer and split in place: every string
 * of a parsed manifest points into that buffer. After parsing, modules are
 * sorted by id, functions by link name and statics by module then name, so
 * that a reload looks everything up with bsearch.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcr_int.h"

#define MAX_FIELDS 8

struct parser {
	struct hcr_manifest *m;
	char path[PATH_MAX];
	int line;
	int expect;	/* the generation the folder name promises */
	int seen_header, seen_generation;
};

static int bad(struct parser *p, const char *what, const char *field)
{
	return hcr_fail(HCR_EMANIFEST, "%s line %d: %s%s%s%s", p->path,
			p->line, what, field ? " '" : "", field ? field : "",
			field ? "'" : "");
}

/* Splits a line at single spaces; returns the field count. */
static int split(char *line, char **f)
{
	int n = 0;

	for (;;) {
		if (n == MAX_FIELDS)
			return n + 1;
		f[n++] = line;
		line = strchr(line, ' ');
		if (!line)
			return n;
		*line++ = '\0';
	}
}

static int parse_ulong(const char *s, int base, unsigned long *out)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, base);
	return (*end || errno) ? -1 : 0;
}

/* A library file name: no path, nothing that could leave gen/N. */
static int file_ok(const char *f)
{
	return *f && !strchr(f, '/') && strcmp(f, ".") && strcmp(f, "..");
}

static int add_str(struct parser *p, const char ***arr, int *n, int *cap,
		   const char *s)
{
	const char **a = hcr_grow(*arr, cap, *n, sizeof(**arr));

	if (!a)
		return bad(p, "out of memory", NULL);
	*arr = a;
	a[(*n)++] = s;
	return 0;
}

static int add_module(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_module *mod;
	enum mod_state state;

	if (!strcmp(f[3], "new"))
		state = MOD_NEW;
	else if (!strcmp(f[3], "changed"))
		state = MOD_CHANGED;
	else if (!strcmp(f[3], "kept"))
		state = MOD_KEPT;
	else
		return bad(p, "unknown module state", f[3]);
	if (!file_ok(f[2]))
		return bad(p, "bad library file name", f[2]);
	mod = hcr_grow(m->mods, &m->capmods, m->nmods, sizeof(*mod));
	if (!mod)
		return bad(p, "out of memory", NULL);
	m->mods = mod;
	mod += m->nmods++;
	memset(mod, 0, sizeof(*mod));
	mod->id = f[1];
	mod->file = f[2];
	mod->state = state;
	return 0;
}

static int add_func(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_func *fn;

	if (strncmp(f[3], "hcr.", 4) || !f[3][4])
		return bad(p, "function link name must start with 'hcr.'",
			   f[3]);
	fn = hcr_grow(m->funcs, &m->capfuncs, m->nfuncs, sizeof(*fn));
	if (!fn)
		return bad(p, "out of memory", NULL);
	m->funcs = fn;
	fn += m->nfuncs++;
	fn->module = f[1];
	fn->cname = f[2];
	fn->link = f[3];
	fn->mod = -1;
	return 0;
}

static int add_static(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_static *s;
	unsigned long off, size;

	if (parse_ulong(f[3], 16, &off))
		return bad(p, "bad static offset", f[3]);
	if (parse_ulong(f[4], 10, &size))
		return bad(p, "bad static size", f[4]);
	s = hcr_grow(m->statics, &m->capstatics, m->nstatics, sizeof(*s));
	if (!s)
		return bad(p, "out of memory", NULL);
	m->statics = s;
	s += m->nstatics++;
	s->module = f[1];
	s->name = f[2];
	s->offset = off;
	s->size = size;
	s->mod = -1;
	return 0;
}

static int header_record(struct parser *p, char **f, int n)
{
	unsigned long gen;

	if (!p->seen_header) {
		if (n != 2 || strcmp(f[0], "hcr-manifest"))
			return bad(p, "expected 'hcr-manifest 1'", NULL);
		if (strcmp(f[1], "1"))
			return bad(p, "unsupported manifest version", f[1]);
		p->seen_header = 1;
		return 0;
	}
	if (!strcmp(f[0], "generation")) {
		if (n != 2 || parse_ulong(f[1], 10, &gen) ||
		    gen != (unsigned long)p->expect)
			return bad(p, "generation does not match folder", f[1]);
		p->m->generation = p->expect;
		p->seen_generation = 1;
		return 0;
	}
	if (n != 2 || strcmp(f[1], HCR_ARCH))
		return bad(p, "manifest is not for " HCR_ARCH ", arch", f[1]);
	return 0;
}

static int record(struct parser *p, char **f, int n)
{
	struct hcr_manifest *m = p->m;
	const char *k = f[0];

	if (!p->seen_header || !strcmp(k, "generation") || !strcmp(k, "arch"))
		return header_record(p, f, n);
	if (!strcmp(k, "group")) {
		if (n != 2 || m->group || !file_ok(f[1]))
			return bad(p, "bad group record", NULL);
		m->group = f[1];
		return 0;
	}
	if (!strcmp(k, "stubs")) {
		if (n != 2 || !file_ok(f[1]))
			return bad(p, "bad stubs record", NULL);
		return add_str(p, &m->stubs, &m->nstubs, &m->capstubs, f[1]);
	}
	if (!strcmp(k, "module"))
		return n == 4 ? add_module(p, f) : bad(p, "bad module record",
						      NULL);
	if (!strcmp(k, "removed")) {
		if (n != 2)
			return bad(p, "bad removed record", NULL);
		return add_str(p, &m->removed, &m->nremoved, &m->capremoved,
			       f[1]);
	}
	if (!strcmp(k, "func"))
		return n == 4 ? add_func(p, f) : bad(p, "bad func record",
						    NULL);
	if (!strcmp(k, "global")) {
		if (n != 5)
			return bad(p, "bad global record", NULL);
		m->nglobals++;
		return 0;
	}
	if (!strcmp(k, "static"))
		return n == 5 ? add_static(p, f) : bad(p, "bad static record",
						      NULL);
	return 0;	/* unknown kinds (and hook, issue 4) are ignored */
}

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

/* Sorts, links records to their modules and checks for duplicates. */
static int finish(struct parser *p)
{
	struct hcr_manifest *m = p->m;
	struct hcr_module *mod;
	int i;

	p->line = 0;
	if (!p->seen_header || !p->seen_generation || !m->group)
		return hcr_fail(HCR_EMANIFEST, "%s: %s record missing",
				p->path, !p->seen_header ? "hcr-manifest" :
				!p->seen_generation ? "generation" : "group");
	qsort(m->mods, (size_t)m->nmods, sizeof(*m->mods), cmp_module);
	for (i = 1; i < m->nmods; i++)
		if (!strcmp(m->mods[i - 1].id, m->mods[i].id))
			return hcr_fail(HCR_EMANIFEST, "%s: module '%s' twice",
					p->path, m->mods[i].id);
	for (i = 0; i < m->nfuncs; i++) {
		mod = hcr_manifest_module(m, m->funcs[i].module);
		if (!mod)
			return hcr_fail(HCR_EMANIFEST,
					"%s: func '%s' of unknown module '%s'",
					p->path, m->funcs[i].cname,
					m->funcs[i].module);
		m->funcs[i].mod = (int)(mod - m->mods);
	}
	qsort(m->funcs, (size_t)m->nfuncs, sizeof(*m->funcs), cmp_func);
	for (i = 1; i < m->nfuncs; i++)
		if (!strcmp(m->funcs[i - 1].link, m->funcs[i].link))
			return hcr_fail(HCR_EMANIFEST,
					"%s: function '%s' defined twice",
					p->path, m->funcs[i].link);
	for (i = 0; i < m->nstatics; i++) {
		mod = hcr_manifest_module(m, m->statics[i].module);
		if (!mod)
			return hcr_fail(HCR_EMANIFEST,
					"%s: static '%s' of unknown module '%s'",
					p->path, m->statics[i].name,
					m->statics[i].module);
		m->statics[i].mod = (int)(mod - m->mods);
	}
	qsort(m->statics, (size_t)m->nstatics, sizeof(*m->statics),
	      cmp_static);
	for (i = 1; i < m->nstatics; i++)
		if (!cmp_static(&m->statics[i - 1], &m->statics[i]))
			return hcr_fail(HCR_EMANIFEST,
					"%s: static '%s' of module '%s' twice",
					p->path, m->statics[i].name,
					m->statics[i].module);
	for (i = m->nstatics - 1; i >= 0; i--) {
		mod = &m->mods[m->statics[i].mod];
		mod->first_static = i;
		mod->nstatics++;
	}
	return 0;
}

static int parse(struct parser *p)
{
	char *line = p->m->text, *next, *f[MAX_FIELDS + 1];
	int n, rc;

	for (; line && *line; line = next) {
		p->line++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		n = split(line, f);
		if (n > MAX_FIELDS)
			return bad(p, "too many fields", NULL);
		rc = record(p, f, n);
		if (rc)
			return rc;
	}
	return finish(p);
}

int hcr_manifest_read(const char *gendir, int generation,
		      struct hcr_manifest **out)
{
	struct parser p;
	int rc;

	memset(&p, 0, sizeof(p));
	if (hcr_format(p.path, sizeof(p.path), "%s/%d/manifest", gendir,
		       generation))
		return HCR_EIO;
	p.expect = generation;
	p.m = calloc(1, sizeof(*p.m));
	if (!p.m)
		return hcr_fail(HCR_EIO, "%s: out of memory", p.path);
	rc = hcr_read_text(p.path, &p.m->text);
	if (!rc)
		rc = parse(&p);
	if (rc) {
		hcr_manifest_free(p.m);
		return rc;
	}
	*out = p.m;
	return 0;
}

void hcr_manifest_free(struct hcr_manifest *m)
{
	if (!m)
		return;
	free(m->text);
	free(m->stubs);
	free(m->mods);
	free(m->removed);
	free(m->funcs);
	free(m->statics);
	free(m);
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

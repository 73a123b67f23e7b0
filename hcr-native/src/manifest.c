/*
 * manifest.c - reads gen/N/manifest (docs/internals.md section 6).
 *
 * The whole file is read into one buffer and split in place: every string
 * of a parsed manifest points into that buffer. Records are checked one by
 * one here; index.c then sorts them, links them to their modules and checks
 * what needs the whole manifest.
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
	mod->seq = m->nmods - 1;
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

/* global <module> <cname> <link> <size> */
static int add_global(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_global *g;
	unsigned long size;

	if (strncmp(f[3], "hcr.", 4) || !f[3][4])
		return bad(p, "global link name must start with 'hcr.'",
			   f[3]);
	if (parse_ulong(f[4], 10, &size))
		return bad(p, "bad global size", f[4]);
	g = hcr_grow(m->globals, &m->capglobals, m->nglobals, sizeof(*g));
	if (!g)
		return bad(p, "out of memory", NULL);
	m->globals = g;
	g += m->nglobals++;
	g->module = f[1];
	g->cname = f[2];
	g->link = f[3];
	g->size = size;
	g->mod = -1;
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
	s->ref = NULL;
	s->home = 0;
	return 0;
}

/* A staticref list: 0x offsets joined by ',', or "-"; appended to m->sites. */
static int add_sites(struct parser *p, char *list, int *count)
{
	struct hcr_manifest *m = p->m;
	unsigned long *a, off;
	char *next;

	*count = 0;
	if (!strcmp(list, "-"))
		return 0;
	for (; list; list = next) {
		next = strchr(list, ',');
		if (next)
			*next++ = '\0';
		if (strncmp(list, "0x", 2) || parse_ulong(list + 2, 16, &off))
			return bad(p, "bad staticref offset", list);
		a = hcr_grow(m->sites, &m->capsites, m->nsites, sizeof(*a));
		if (!a)
			return bad(p, "out of memory", NULL);
		m->sites = a;
		a[m->nsites++] = off;
		(*count)++;
	}
	return 0;
}

/* staticref <module> <name> <pc32> <abs64> */
static int add_staticref(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_staticref *r;
	int first = m->nsites, npc32, nabs64, rc;

	rc = add_sites(p, f[3], &npc32);
	if (!rc)
		rc = add_sites(p, f[4], &nabs64);
	if (rc)
		return rc;
	r = hcr_grow(m->refs, &m->caprefs, m->nrefs, sizeof(*r));
	if (!r)
		return bad(p, "out of memory", NULL);
	m->refs = r;
	r += m->nrefs++;
	r->module = f[1];
	r->name = f[2];
	r->mod = -1;
	r->line = p->line;
	r->first = first;
	r->npc32 = npc32;
	r->nabs64 = nabs64;
	return 0;
}

/* entry <module> <name> <offset>: a patchable function entry (forward.c) */
static int add_entry(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_entry *e;
	unsigned long off;

	if (strncmp(f[3], "0x", 2) || parse_ulong(f[3] + 2, 16, &off))
		return bad(p, "bad entry offset", f[3]);
	e = hcr_grow(m->entries, &m->capentries, m->nentries, sizeof(*e));
	if (!e)
		return bad(p, "out of memory", NULL);
	m->entries = e;
	e += m->nentries++;
	e->module = f[1];
	e->name = f[2];
	e->offset = off;
	e->mod = -1;
	return 0;
}

static int hook_kind(const char *s, enum hook_kind *kind)
{
	if (!strcmp(s, "init"))
		*kind = HOOK_INIT;
	else if (!strcmp(s, "before"))
		*kind = HOOK_BEFORE;
	else if (!strcmp(s, "after"))
		*kind = HOOK_AFTER;
	else if (!strcmp(s, "state"))
		*kind = HOOK_STATE;
	else
		return -1;
	return 0;
}

/* hook <module> <kind> <name> <offset> <size> */
static int add_hook(struct parser *p, char **f)
{
	struct hcr_manifest *m = p->m;
	struct hcr_hook *h;
	enum hook_kind kind;
	unsigned long off, size, want;

	if (hook_kind(f[2], &kind))
		return bad(p, "unknown hook kind", f[2]);
	if (parse_ulong(f[4], 16, &off))
		return bad(p, "bad hook offset", f[4]);
	want = kind == HOOK_STATE ? sizeof(struct hcr_state)
				  : sizeof(void (*)(void));
	if (parse_ulong(f[5], 10, &size) || size != want)
		return bad(p, "bad hook descriptor size", f[5]);
	h = hcr_grow(m->hooks, &m->caphooks, m->nhooks, sizeof(*h));
	if (!h)
		return bad(p, "out of memory", NULL);
	m->hooks = h;
	h += m->nhooks++;
	h->module = f[1];
	h->kind = kind;
	h->name = f[3];
	h->offset = off;
	h->size = size;
	h->mod = -1;
	return 0;
}

/* uses <module> <module>...: any number of fields, split here. */
static int add_uses(struct parser *p, char *line)
{
	struct hcr_manifest *m = p->m;
	struct hcr_use *u;
	char *from, *to;
	int seq = 0;

	from = strchr(line, ' ');
	if (!from || !from[1])
		return bad(p, "bad uses record", NULL);
	*from++ = '\0';
	to = strchr(from, ' ');
	while (to) {
		*to++ = '\0';
		u = hcr_grow(m->uses, &m->capuses, m->nuses, sizeof(*u));
		if (!u)
			return bad(p, "out of memory", NULL);
		m->uses = u;
		u += m->nuses++;
		u->from = from;
		u->to = to;
		u->mod = u->used = -1;
		u->line = p->line;
		u->seq = seq++;
		if (!*to)
			return bad(p, "bad uses record", NULL);
		to = strchr(to, ' ');
	}
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
	unsigned long base;

	if (!p->seen_header || !strcmp(k, "generation") || !strcmp(k, "arch"))
		return header_record(p, f, n);
	if (!strcmp(k, "group")) {
		if (n != 2 || m->group || !file_ok(f[1]))
			return bad(p, "bad group record", NULL);
		m->group = f[1];
		return 0;
	}
	if (!strcmp(k, "delta")) {
		if (n != 3 || m->delta || !file_ok(f[1]) ||
		    parse_ulong(f[2], 10, &base) || base < 1 ||
		    base >= (unsigned long)p->expect)
			return bad(p, "bad delta record", NULL);
		m->delta = f[1];
		m->delta_base = (int)base;
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
	if (!strcmp(k, "global"))
		return n == 5 ? add_global(p, f) : bad(p, "bad global record",
						      NULL);
	if (!strcmp(k, "static"))
		return n == 5 ? add_static(p, f) : bad(p, "bad static record",
						      NULL);
	if (!strcmp(k, "hook"))
		return n == 6 ? add_hook(p, f) : bad(p, "bad hook record",
						    NULL);
	if (!strcmp(k, "staticref"))
		return n == 5 ? add_staticref(p, f)
			      : bad(p, "bad staticref record", NULL);
	if (!strcmp(k, "entry"))
		return n == 4 ? add_entry(p, f) : bad(p, "bad entry record",
						     NULL);
	return 0;	/* unknown kinds are ignored */
}

/* What only the whole manifest can tell. */
static int finish(struct parser *p)
{
	p->line = 0;
	if (!p->seen_header || !p->seen_generation || !p->m->group)
		return hcr_fail(HCR_EMANIFEST, "%s: %s record missing",
				p->path, !p->seen_header ? "hcr-manifest" :
				!p->seen_generation ? "generation" : "group");
	return hcr_manifest_index(p->m, p->path);
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
		if (p->seen_header && !strncmp(line, "uses ", 5)) {
			rc = add_uses(p, line);
			if (rc)
				return rc;
			continue;
		}
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
	free(m->globals);
	free(m->exports);
	free(m->statics);
	free(m->refs);
	free(m->sites);
	free(m->hooks);
	free(m->uses);
	free(m->order);
	free(m->entries);
	free(m);
}

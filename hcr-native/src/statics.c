/*
 * statics.c - statics keep one identity (docs/internals.md section 6).
 *
 * gcc addresses a file- or function-static of a -fPIC module relative to
 * the code (`mov count(%rip)`), which the static linker resolves inside the
 * module's own library, and through absolute pointers in its data (`static
 * int *p = &count`, a RELATIVE relocation at load). Symbol binding never
 * sees those references. But the runtime loads its own copies of the
 * libraries, and the compiler lists every place a library addresses each
 * of its statics (the `staticref` records: pc32 displacements and abs64
 * words). So when a module is reloaded, a static that keeps its name and
 * size keeps its home - the storage the module's first version since the
 * static was last reset owns - and the new version is made to address it:
 * every site of the new library gets `home - new address` added, after
 * the dlopen and before any code of the new version runs, any slot points
 * at it or any old entry forwards to it. Old code still on a stack (main's
 * loop, a handler) and the new code then see one variable.
 *
 * Planning decides and checks everything: each site inside a loaded
 * segment of the new library and pointing near the static, each rewritten
 * displacement within reach (int32), each page's protection from the
 * library's program headers (code read and execute, RELRO read-only). A
 * static that cannot be shared is carried by value as before (bind.c), and
 * its event says why. The commit makes the pages writable, writes, and
 * gives them back their protection; should mprotect fail there, the
 * module's shared statics are carried instead: the commit never fails.
 *
 * A library is rewritten at most once - a second rewrite would add the
 * difference twice - so the runtime remembers the libraries it rewrote.
 *
 * Homes: a static of a module loaded for the first time lives in its own
 * storage; of a kept module, where it lived; of a reloaded module, in the
 * old home when shared, else in the new version's storage (carried: the
 * old home's bytes are copied there; reset: it starts afresh).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "load.h"

#define SLACK (64L << 10)	/* how far outside its static a site may point */
/* A page of a new library a write lands on, with its protection. */
struct page {
	uintptr_t start;
	int prot;
};

/* A new library whose sites this load rewrites. */
struct image {
	const struct hcr_module *mod;
	struct hcr_segments segs;
	struct page *pages;
	int npages, cappages;
	char *file;		/* remembered once rewritten */
};

/* One word of a new library to rewrite. */
struct write {
	uintptr_t at;
	int width;		/* 4: pc32, 8: abs64 */
	uint64_t value;
};

/* A static this load shares. */
struct share {
	int image;
	struct hcr_static *s;
	uintptr_t home, own;
	int event;		/* its static event */
	int first, nwrites;	/* its writes */
};

struct hcr_sharing {
	struct image *images;
	int nimages, capimages;
	struct share *shares;
	int nshares, capshares;
	struct write *writes;
	int nwrites, capwrites;
};

/* Libraries rewritten so far: guarded by the runtime's lock. */
static char **rewritten;
static int nrewritten, caprewritten;

static int cmp_ref(const void *a, const void *b)
{
	const struct hcr_staticref *x = a, *y = b;

	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Links every staticref to its static. One for a (module, static) listed
 * twice is malformed; one for a static the manifest does not list (or that
 * index.c dropped: hook descriptors, state pointers) is ignored.
 */
int hcr_index_staticrefs(struct hcr_manifest *m, const char *path)
{
	struct hcr_staticref *r;
	struct hcr_module *mod;
	struct hcr_static *s;
	int i;

	for (i = 0; i < m->nrefs; i++) {
		r = &m->refs[i];
		mod = hcr_manifest_module(m, r->module);
		if (!mod)
			return hcr_fail(HCR_EMANIFEST, "%s line %d: staticref "
					"'%s' of unknown module '%s'", path,
					r->line, r->name, r->module);
		r->mod = (int)(mod - m->mods);
	}
	qsort(m->refs, (size_t)m->nrefs, sizeof(*m->refs), cmp_ref);
	for (i = 0; i < m->nrefs; i++) {
		r = &m->refs[i];
		if (i && !cmp_ref(&m->refs[i - 1], r))
			return hcr_fail(HCR_EMANIFEST, "%s line %d: staticref "
					"of static '%s' of module '%s' twice",
					path, r->line, r->name, r->module);
		s = hcr_module_static(m, &m->mods[r->mod], r->name);
		if (s)
			s->ref = r;
	}
	return 0;
}

/* Where every static of the new generation lives, before any is shared. */
void hcr_plan_homes(struct plan *p)
{
	const struct hcr_module *old;
	const struct hcr_static *os;
	struct hcr_module *mod;
	struct hcr_static *s;
	int i, j;

	for (i = 0; i < p->m->nmods; i++) {
		mod = &p->m->mods[i];
		old = p->action[i] == ACT_KEPT ?
		      hcr_manifest_module(p->old, mod->id) : NULL;
		for (j = 0; j < mod->nstatics; j++) {
			s = &p->m->statics[mod->first_static + j];
			s->home = mod->base + s->offset;
			os = old ? hcr_module_static(p->old, old, s->name) : NULL;
			if (os && os->home)
				s->home = os->home;
		}
	}
}

static int was_rewritten(const char *file)
{
	int i;

	for (i = 0; i < nrewritten; i++)
		if (!strcmp(rewritten[i], file))
			return 1;
	return 0;
}

/* The image of mod's library in this load, made on first use; -1 if none. */
static int image_of(struct plan *p, const struct hcr_module *mod, int *out)
{
	struct hcr_sharing *sh = p->sharing;
	struct image *img;
	int i;

	for (i = 0; i < sh->nimages; i++)
		if (sh->images[i].mod == mod) {
			*out = i;
			return 0;
		}
	img = hcr_grow(sh->images, &sh->capimages, sh->nimages,
		       sizeof(*img));
	if (!img)
		return hcr_oom();
	sh->images = img;
	img += sh->nimages;
	memset(img, 0, sizeof(*img));
	img->mod = mod;
	img->file = strdup(mod->file);
	if (!img->file)
		return hcr_oom();
	hcr_read_segments(mod->lm, &img->segs);
	*out = sh->nimages++;
	return 0;
}

static int add_page(struct image *img, uintptr_t page)
{
	struct page *pg;
	int i;

	for (i = 0; i < img->npages; i++)
		if (img->pages[i].start == page)
			return 0;
	pg = hcr_grow(img->pages, &img->cappages, img->npages, sizeof(*pg));
	if (!pg)
		return hcr_oom();
	img->pages = pg;
	pg[img->npages].start = page;
	pg[img->npages++].prot = hcr_page_prot(&img->segs, page);
	return 0;
}

static int add_write(struct hcr_sharing *sh, uintptr_t at, int width,
		     uint64_t value)
{
	struct write *w;

	w = hcr_grow(sh->writes, &sh->capwrites, sh->nwrites, sizeof(*w));
	if (!w)
		return hcr_oom();
	sh->writes = w;
	w += sh->nwrites++;
	w->at = at;
	w->width = width;
	w->value = value;
	return 0;
}

static int near(uintptr_t target, uintptr_t own, unsigned long size)
{
	return target + SLACK >= own && target <= own + size + SLACK;
}

/*
 * The writes that move one site of s to its home; *why when it cannot be:
 * not inside the library, not pointing near s, or out of reach.
 */
static int plan_site(struct plan *p, const struct image *img,
		     const struct share *sh, unsigned long off, int width,
		     const char **why)
{
	uintptr_t at = img->mod->base + off;
	intptr_t delta = (intptr_t)(sh->home - sh->own);
	int64_t moved;
	uint64_t word;
	int32_t disp;

	if (!hcr_in_segment(&img->segs, at, (size_t)width)) {
		*why = "site outside the library";
		return 0;
	}
	if (width == 8) {
		memcpy(&word, (void *)at, sizeof(word));
		if (!near((uintptr_t)word, sh->own, sh->s->size)) {
			*why = "site outside the library";
			return 0;
		}
		return add_write(p->sharing, at, 8, word + (uint64_t)delta);
	}
	memcpy(&disp, (void *)at, sizeof(disp));
	if (!near(at + 4 + (intptr_t)disp, sh->own, sh->s->size)) {
		*why = "site outside the library";
		return 0;
	}
	moved = (int64_t)disp + delta;
	if (moved < INT32_MIN || moved > INT32_MAX) {
		*why = "out of reach";
		return 0;
	}
	return add_write(p->sharing, at, 4, (uint64_t)(uint32_t)moved);
}

/* The pages s's writes land on, once all of them are known to be fine. */
static int add_pages(struct plan *p, struct image *img, const struct share *s)
{
	uintptr_t size = (uintptr_t)sysconf(_SC_PAGESIZE), at;
	const struct write *w;
	int i, rc = 0;

	for (i = 0; i < s->nwrites && !rc; i++) {
		w = &p->sharing->writes[s->first + i];
		at = w->at & ~(size - 1);
		rc = add_page(img, at);
		if (!rc && ((w->at + w->width - 1) & ~(size - 1)) != at)
			rc = add_page(img, at + size);
	}
	return rc;
}

/* Plans every write that makes mod's new version address s's home. */
static int plan_share(struct plan *p, const struct hcr_module *mod,
		      struct hcr_static *s, const struct hcr_static *os,
		      const char **why)
{
	struct hcr_sharing *sh = p->sharing;
	const struct hcr_staticref *r = s->ref;
	struct share *share, next;
	struct image *img;
	int i, rc;

	if (!r) {
		*why = "no site list";
		return 0;
	}
	if (was_rewritten(mod->file)) {
		*why = "library rewritten before";
		return 0;
	}
	memset(&next, 0, sizeof(next));
	rc = image_of(p, mod, &next.image);
	if (rc)
		return rc;
	img = &sh->images[next.image];
	next.s = s;
	next.home = os->home;
	next.own = mod->base + s->offset;
	next.first = sh->nwrites;
	if (!hcr_inside((void *)next.own, s->size, mod->lm) ||
	    !hcr_inside((void *)next.home, s->size, NULL)) {
		*why = "site outside the library";
		return 0;
	}
	for (i = 0; i < r->npc32 + r->nabs64 && !rc && !*why; i++)
		rc = plan_site(p, img, &next, p->m->sites[r->first + i],
			       i < r->npc32 ? 4 : 8, why);
	next.nwrites = sh->nwrites - next.first;
	if (!rc && !*why)
		rc = add_pages(p, img, &next);
	if (rc || *why) {
		sh->nwrites = next.first;
		return rc;
	}
	share = hcr_grow(sh->shares, &sh->capshares, sh->nshares,
			 sizeof(*share));
	if (!share)
		return hcr_oom();
	sh->shares = share;
	next.event = p->rep.nstatics;
	share[sh->nshares++] = next;
	return 0;
}

/* Room to remember every library this load may rewrite. */
static int reserve_rewritten(int more)
{
	char **r;

	while (nrewritten + more > caprewritten) {
		r = hcr_grow(rewritten, &caprewritten, caprewritten,
			     sizeof(*r));
		if (!r)
			return hcr_oom();
		rewritten = r;
	}
	return 0;
}

/*
 * A reloaded module's static s keeps its home: shared when every site of
 * the new version can be moved there, else carried by value (bind.c).
 */
int hcr_keep_static(struct plan *p, const struct hcr_module *old,
		    const struct hcr_module *mod, struct hcr_static *s,
		    const struct hcr_static *os)
{
	const char *why = NULL;
	int rc;

	if (!p->sharing) {
		p->sharing = calloc(1, sizeof(*p->sharing));
		if (!p->sharing)
			return hcr_oom();
	}
	rc = plan_share(p, mod, s, os, &why);
	if (!rc && !why)
		rc = reserve_rewritten(p->sharing->nimages);
	if (!rc && !why) {
		s->home = os->home;
		return hcr_static_event(p, s, os->size, "shared", NULL);
	}
	if (!rc)
		rc = hcr_carry_static(p, old, mod, s, os);
	return rc ? rc : hcr_static_event(p, s, os->size, "carried", why);
}

static int cmp_page(const void *a, const void *b)
{
	const struct page *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * mprotect over runs of adjacent pages: to prot, or (prot < 0) back to each
 * page's own protection. Returns how many pages were done before a failure.
 */
static int protect(struct image *img, int npages, int prot)
{
	uintptr_t size = (uintptr_t)sysconf(_SC_PAGESIZE);
	struct page *pg = img->pages;
	int i, j, want;

	for (i = 0; i < npages; i = j) {
		want = prot >= 0 ? prot : pg[i].prot;
		for (j = i + 1; j < npages; j++)
			if (pg[j].start != pg[j - 1].start + size ||
			    (prot < 0 && pg[j].prot != pg[i].prot))
				break;
		if (mprotect((void *)pg[i].start, (j - i) * size, want) < 0)
			return i;
	}
	return npages;
}

/* The image's shares become carried: mprotect failed before any write. */
static void carry_instead(struct plan *p, int image)
{
	struct hcr_sharing *sh = p->sharing;
	struct hcr_static_event *e;
	struct share *s;
	int i;

	for (i = 0; i < sh->nshares; i++) {
		s = &sh->shares[i];
		if (s->image != image)
			continue;
		memcpy((void *)s->own, (const void *)s->home, s->s->size);
		s->s->home = s->own;
		e = &p->rep.statics[s->event];
		e->action = "carried";
		e->why = "mprotect failed";
		p->rep.shared--;
		p->rep.carried++;
	}
}

static void write_shares(struct plan *p, int image)
{
	struct hcr_sharing *sh = p->sharing;
	const struct write *w;
	uint32_t v4;
	int i, j;

	for (i = 0; i < sh->nshares; i++) {
		if (sh->shares[i].image != image)
			continue;
		for (j = 0; j < sh->shares[i].nwrites; j++) {
			w = &sh->writes[sh->shares[i].first + j];
			v4 = (uint32_t)w->value;
			if (w->width == 4)
				memcpy((void *)w->at, &v4, 4);
			else
				memcpy((void *)w->at, &w->value, 8);
		}
	}
}

/* Rewrites one new library: pages writable, the writes, pages back. */
static void commit_image(struct plan *p, int image)
{
	struct image *img = &p->sharing->images[image];
	uintptr_t size = (uintptr_t)sysconf(_SC_PAGESIZE);
	int i, done;

	qsort(img->pages, (size_t)img->npages, sizeof(*img->pages), cmp_page);
	done = protect(img, img->npages, PROT_READ | PROT_WRITE);
	if (done < img->npages) {
		protect(img, done, -1);
		carry_instead(p, image);
		return;
	}
	write_shares(p, image);
	protect(img, img->npages, -1);
	for (i = 0; i < img->npages; i++)
		if (img->pages[i].prot & PROT_EXEC)
			__builtin___clear_cache((char *)img->pages[i].start,
						(char *)img->pages[i].start +
						size);
	rewritten[nrewritten++] = img->file;
	img->file = NULL;
}

/*
 * The load's step "statics shared": runs first in the commit, before any
 * static is carried, any slot written or any old entry forwarded.
 */
void hcr_commit_shared(struct plan *p)
{
	int i;

	if (!p->sharing)
		return;
	for (i = 0; i < p->sharing->nimages; i++)
		if (p->sharing->images[i].npages)
			commit_image(p, i);
}

void hcr_free_sharing(struct plan *p)
{
	struct hcr_sharing *sh = p->sharing;
	int i;

	if (!sh)
		return;
	for (i = 0; i < sh->nimages; i++) {
		free(sh->images[i].pages);
		free(sh->images[i].file);
	}
	free(sh->images);
	free(sh->shares);
	free(sh->writes);
	free(sh);
	p->sharing = NULL;
}

/*
 * exports.c - what code the program loads at run time finds under the
 * program's C names (docs/internals.md sections 2, 3 and 7).
 *
 * Every symbol a module defines is renamed hcr.<name>, so a plugin the
 * program dlopens, which calls api_add and reads api_counter by their C
 * names, would find nothing. The stub libraries therefore export the C
 * names too: a function's name is a second label on its stub, and a
 * global's name is an indirect function (STT_GNU_IFUNC) whose resolver,
 * an export thunk, calls hcr_export_global("api_counter"). The dynamic
 * linker runs that resolver when it binds a reference to the name (a
 * GLOB_DAT of a plugin, a dlsym) and uses the address it returns: here,
 * the first definition in the global scope of the name's link name in the
 * loaded generation - the live storage, hcr.api_counter, or
 * hcr.api_counter.g7 once the global got fresh storage.
 *
 * The resolver runs inside the dynamic linker, on any thread, possibly
 * holding the dynamic linker's lock while another thread reloads and waits
 * for that lock with the runtime's lock held. So it never takes the
 * runtime's lock. The loaded generation's manifest is published here,
 * under a lock of its own that nothing else is taken under, when a load
 * commits; the manifest it replaces is freed only after that. A lookup
 * copies the link name out under the lock, then asks dlsym.
 *
 * A library the group itself brings in (the program's link inputs) that
 * refers to a global by its C name is bound while the group loads, before
 * the generation's modules are in the global scope: dlsym cannot find a
 * global new in that generation yet. The generation being loaded is known
 * here too: the global is then looked up in its module's library, mapped
 * already (dynsym.c). A function new in it is found by its stub: stub
 * libraries are loaded before the group.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcr_int.h"

static pthread_mutex_t export_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hcr_manifest *exporting;	/* the loaded generation */
static struct hcr_manifest *loading;	/* the one being loaded, if any */
static char **reported;			/* names asked for and not found */
static int nreported, capreported;

/* Makes m the generation hcr_export_global answers for. */
void hcr_publish_exports(struct hcr_manifest *m)
{
	pthread_mutex_lock(&export_lock);
	exporting = m;
	pthread_mutex_unlock(&export_lock);
}

/* m is being loaded (NULL: none is): its new globals are not in scope yet. */
void hcr_loading_exports(struct hcr_manifest *m)
{
	pthread_mutex_lock(&export_lock);
	loading = m;
	pthread_mutex_unlock(&export_lock);
}

static int cmp_export(const void *a, const void *b)
{
	return strcmp(((const struct hcr_export *)a)->cname,
		      ((const struct hcr_export *)b)->cname);
}

/* m->exports: every func and global by C name. Under export_lock. */
static int index_exports(struct hcr_manifest *m)
{
	struct hcr_export *e;
	int i, n = 0;

	if (m->exports)
		return 0;
	e = malloc(((size_t)m->nfuncs + (size_t)m->nglobals + 1) * sizeof(*e));
	if (!e)
		return -1;
	for (i = 0; i < m->nfuncs; i++, n++) {
		e[n].cname = m->funcs[i].cname;
		e[n].link = m->funcs[i].link;
		e[n].file = m->mods[m->funcs[i].mod].file;
	}
	for (i = 0; i < m->nglobals; i++, n++) {
		e[n].cname = m->globals[i].cname;
		e[n].link = m->globals[i].link;
		e[n].file = m->mods[m->globals[i].mod].file;
	}
	qsort(e, (size_t)n, sizeof(*e), cmp_export);
	m->exports = e;
	m->nexports = n;
	return 0;
}

/* cname's record in m, NULL if m does not define it. Under export_lock. */
static const struct hcr_export *find_export(struct hcr_manifest *m,
					    const char *cname)
{
	struct hcr_export key = { .cname = cname };

	if (!m || index_exports(m))
		return NULL;
	return bsearch(&key, m->exports, (size_t)m->nexports, sizeof(key),
		       cmp_export);
}

/* A link name and its module's library, copied out of a manifest. */
struct where {
	char link[512];
	char file[512];
};

/*
 * Copies where cname lives in generation *m (exporting or loading) into
 * w; -1 when there is no such generation or it does not define cname.
 */
static int where_in(struct hcr_manifest **m, const char *cname,
		    struct where *w)
{
	const struct hcr_export *e;
	int rc = -1;

	pthread_mutex_lock(&export_lock);
	e = find_export(*m, cname);
	if (e && strlen(e->link) < sizeof(w->link) &&
	    strlen(e->file) < sizeof(w->file)) {
		memcpy(w->link, e->link, strlen(e->link) + 1);
		memcpy(w->file, e->file, strlen(e->file) + 1);
		rc = 0;
	}
	pthread_mutex_unlock(&export_lock);
	return rc;
}

/* dlsym in the global scope, leaving no dlerror behind when not found. */
static void *global_symbol(const char *name)
{
	void *addr = dlsym(RTLD_DEFAULT, name);

	if (!addr)
		dlerror();
	return addr;
}

/*
 * The stub hcr.<cname>, when one is loaded (it has a slot hcrslot.<cname>):
 * a function removed since its C name was exported (calling it traps, as
 * B6 wants), or one new in the generation being loaded.
 */
static void *stub_of(const char *cname)
{
	char name[1024];

	if (hcr_format(name, sizeof(name), "hcrslot.%s", cname) ||
	    !global_symbol(name) ||
	    hcr_format(name, sizeof(name), "hcr.%s", cname))
		return NULL;
	return global_symbol(name);
}

/* Says once per name that cname has no address; under export_lock. */
static void report_unknown(const char *cname)
{
	char **r;
	int i;

	for (i = 0; i < nreported; i++)
		if (!strcmp(reported[i], cname))
			return;
	r = hcr_grow(reported, &capreported, nreported, sizeof(*r));
	if (r) {
		reported = r;
		r[nreported] = strdup(cname);
		if (r[nreported])
			nreported++;
	}
	fprintf(stderr, "hcr: code loaded at run time asked for '%s', which "
		"generation %d does not define\n", cname,
		loading ? loading->generation :
		exporting ? exporting->generation : 0);
}

/*
 * The address code loaded at run time gets for the program's C name
 * cname: a function's stub, a global's live storage (the first definition
 * of its link name in the global scope; while a generation loads, a global
 * new in it is in its module's library); NULL (said once on stderr) for a
 * name neither the loaded generation nor the loading one defines.
 */
void *hcr_export_global(const char *cname)
{
	struct where w;
	void *addr = NULL;

	if (!cname)
		return NULL;
	if (!where_in(&exporting, cname, &w))
		addr = global_symbol(w.link);
	if (!addr)
		addr = stub_of(cname);
	if (!addr && !where_in(&loading, cname, &w))
		addr = hcr_mapped_symbol(w.file, w.link);
	if (!addr) {
		pthread_mutex_lock(&export_lock);
		report_unknown(cname);
		pthread_mutex_unlock(&export_lock);
	}
	return addr;
}

/*
 * destructors.c - a program's destructors run once, at exit, as its
 * newest code.
 *
 * At exit the dynamic linker runs the .fini_array of every library the
 * process loaded, and the runtime keeps every version of a module loaded.
 * An old version's destructor would run too - as the newest code, since
 * old entries forward to new ones (forward.c) - once for every version the
 * session loaded: a destructor that frees a kept global would free it
 * again. So once a version is superseded (its module reloaded or removed),
 * every word of its .fini_array is pointed at a function that does
 * nothing. The newest version's destructors run at exit, once; a removed
 * module's never do, as its code left the program.
 *
 * Constructors are each version's own: the compiler binds a library's
 * .init_array to its own functions (a constructor runs inside dlopen,
 * before any stub is bound), and a reloaded module's new version runs
 * them once more when it is loaded, as dlopen does.
 *
 * The array lies in the library's RELRO pages, read-only once relocated:
 * they are made writable for the writes and given back their protection.
 * Should that fail, the destructors stay, and hcr says so: never a load's
 * failure.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "load.h"

static void hcr_no_destructor(void)
{
}

/* Where a library's .fini_array is, and the protections of its pages. */
struct fini {
	const struct link_map *lm;
	void **array;
	size_t count;
	struct hcr_segments segs;
};

/* f->array and f->count from the dynamic section; 0 when it has none. */
static int find_fini(struct fini *f)
{
	const ElfW(Dyn) *d;
	uintptr_t at = 0;
	size_t bytes = 0;

	for (d = f->lm->l_ld; d && d->d_tag != DT_NULL; d++) {
		if (d->d_tag == DT_FINI_ARRAY)
			at = d->d_un.d_ptr;	/* glibc leaves it unrelocated */
		else if (d->d_tag == DT_FINI_ARRAYSZ)
			bytes = d->d_un.d_val;
	}
	if (!at || bytes < sizeof(void *))
		return 0;
	f->array = (void **)(f->lm->l_addr + at);
	f->count = bytes / sizeof(void *);
	hcr_read_segments(f->lm, &f->segs);
	return 1;
}

/* Writes word i of the array, making its page writable for it if need be. */
static int retire_word(const struct fini *f, size_t i)
{
	uintptr_t size = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t page = (uintptr_t)&f->array[i] & ~(size - 1);
	int prot = hcr_page_prot(&f->segs, page);

	if (prot < 0)
		return -1;
	if (!(prot & PROT_WRITE) &&
	    mprotect((void *)page, size, prot | PROT_WRITE))
		return -1;
	f->array[i] = (void *)hcr_no_destructor;
	if (!(prot & PROT_WRITE))
		mprotect((void *)page, size, prot);
	return 0;
}

/* Points every destructor of the library at hcr_no_destructor. */
static void retire(const struct hcr_module *old)
{
	struct fini f;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.lm = old->lm;
	errno = 0;
	if (!f.lm || !find_fini(&f))
		return;
	for (i = 0; i < f.count; i++)
		if (retire_word(&f, i)) {
			fprintf(stderr, "hcr: the destructors of %s stay (%s): "
				"at exit they run as the newest code\n",
				old->file, errno ? strerror(errno) :
				"not in a loaded segment");
			return;
		}
}

/* Every version this load supersedes: a reloaded module's, a removed one's. */
void hcr_retire_destructors(struct plan *p)
{
	const struct hcr_module *mod;
	int i;

	for (i = 0; p->old && i < p->old->nmods; i++) {
		mod = hcr_manifest_module(p->m, p->old->mods[i].id);
		if (!mod || p->action[mod - p->m->mods] == ACT_RELOADED)
			retire(&p->old->mods[i]);
	}
}

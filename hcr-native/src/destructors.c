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

/* Where a library's .fini_array is and how many words it holds. */
struct fini {
	const struct link_map *lm;
	void **array;
	size_t count;
	int prot;		/* its pages' protection, -1 unknown */
};

static int prot_of(ElfW(Word) flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) |
	       ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

/* dl_iterate_phdr: the protection of the pages holding f->array. */
static int read_prot(struct dl_phdr_info *info, size_t size, void *data)
{
	struct fini *f = data;
	uintptr_t at = (uintptr_t)f->array;
	const ElfW(Phdr) *ph;
	uintptr_t start, end;
	int i;

	(void)size;
	if (info->dlpi_addr != f->lm->l_addr || !info->dlpi_name ||
	    strcmp(info->dlpi_name, f->lm->l_name))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		start = info->dlpi_addr + ph->p_vaddr;
		end = start + ph->p_memsz;
		if (at < start || at >= end)
			continue;
		if (ph->p_type == PT_GNU_RELRO)
			f->prot = PROT_READ;	/* wins over its PT_LOAD */
		else if (ph->p_type == PT_LOAD && f->prot < 0)
			f->prot = prot_of(ph->p_flags);
	}
	return 1;
}

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
	f->prot = -1;
	dl_iterate_phdr(read_prot, f);
	return 1;
}

/* Points every destructor of the library at hcr_no_destructor. */
static void retire(const struct hcr_module *old)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	struct fini f = { .lm = old->lm };
	uintptr_t start, end;
	size_t i;

	if (!f.lm || !find_fini(&f))
		return;
	start = (uintptr_t)f.array & ~(page - 1);
	end = ((uintptr_t)(f.array + f.count) + page - 1) & ~(page - 1);
	if (f.prot < 0 || mprotect((void *)start, end - start,
				   PROT_READ | PROT_WRITE)) {
		fprintf(stderr, "hcr: the destructors of %s stay (%s): at exit "
			"they run as the newest code\n", old->file,
			f.prot < 0 ? "not in a loaded segment" : strerror(errno));
		return;
	}
	for (i = 0; i < f.count; i++)
		f.array[i] = (void *)hcr_no_destructor;
	mprotect((void *)start, end - start, f.prot);
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

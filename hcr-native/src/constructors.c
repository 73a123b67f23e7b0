/*
 * constructors.c - a module's constructors run once its functions are
 * bound.
 *
 * dlopen runs a library's constructors (.init_array) as soon as it has
 * relocated it, before the runtime has bound a single stub slot: a
 * constructor that calls any function of the program - another module's,
 * or its own module's global one, both reached through stubs - would find
 * the slot unbound and trap as a function with no implementation. (A
 * constructor that registers itself somewhere, `register_codec(...)`, is
 * common in C.) So the runtime holds them back: in its own copy of each
 * module library it is about to load, DT_INIT_ARRAYSZ is set to 0 and the
 * old value kept, dlopen then runs none of them, and once the load has
 * bound every slot, pointed old entries at new code and shared the statics,
 * the runtime calls each held constructor itself - modules leaves first,
 * as dlopen orders dependencies, and each array in order, with argc, argv
 * and the environment as glibc passes them. A load that fails before that
 * runs none of them (dlopen would have run them anyway). The libraries of
 * the build folder are not touched: only the copies in the run folder.
 *
 * A reloaded module's new version runs its constructors once more, on the
 * reload: what dlopen would do. Destructors: destructors.c.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "load.h"

extern char **environ;

typedef void (*constructor)(int argc, char **argv, char **envp);

/*
 * In the library file at path: DT_INIT_ARRAYSZ set to 0, its value in
 * *bytes (0 when it has none). Returns 0, or <0 with the message.
 */
int hcr_hold_constructors(const char *path, unsigned long *bytes)
{
	ElfW(Ehdr) eh;
	ElfW(Phdr) ph;
	ElfW(Dyn) d;
	off_t at;
	int fd, i, j, rc = 0;

	*bytes = 0;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return hcr_fail(HCR_EIO, "cannot open %s: %s", path,
				strerror(errno));
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_phentsize != sizeof(ph))
		goto out;	/* not ours to judge: dlopen will say */
	for (i = 0; i < eh.e_phnum && !rc; i++) {
		at = (off_t)(eh.e_phoff + (ElfW(Off))i * sizeof(ph));
		if (pread(fd, &ph, sizeof(ph), at) != sizeof(ph))
			break;
		if (ph.p_type != PT_DYNAMIC)
			continue;
		for (j = 0; (j + 1) * sizeof(d) <= ph.p_filesz; j++) {
			at = (off_t)(ph.p_offset + (ElfW(Off))j * sizeof(d));
			if (pread(fd, &d, sizeof(d), at) != sizeof(d) ||
			    d.d_tag == DT_NULL)
				break;
			if (d.d_tag != DT_INIT_ARRAYSZ)
				continue;
			*bytes = d.d_un.d_val;
			d.d_un.d_val = 0;
			if (pwrite(fd, &d, sizeof(d), at) != sizeof(d))
				rc = hcr_fail(HCR_EIO, "cannot write %s: %s",
					      path, strerror(errno));
			break;
		}
	}
out:
	if (close(fd) < 0 && !rc)
		rc = hcr_fail(HCR_EIO, "cannot write %s: %s", path,
			      strerror(errno));
	return rc;
}

/* The relocated .init_array of a loaded library, NULL if none. */
static constructor *init_array(const struct link_map *lm)
{
	const ElfW(Dyn) *d;

	for (d = lm->l_ld; d && d->d_tag != DT_NULL; d++)
		if (d->d_tag == DT_INIT_ARRAY)	/* glibc leaves it unrelocated */
			return (constructor *)(lm->l_addr + d->d_un.d_ptr);
	return NULL;
}

/* Runs the constructors this load held back, modules leaves first. */
void hcr_run_constructors(struct plan *p)
{
	const struct hcr_module *mod;
	constructor *array;
	size_t i, n;
	int k;

	for (k = 0; k < p->m->nmods; k++) {
		mod = &p->m->mods[p->m->order[k]];
		if (!mod->init_bytes || !mod->lm)
			continue;
		array = init_array(mod->lm);
		n = mod->init_bytes / sizeof(*array);
		for (i = 0; array && i < n; i++)
			if (array[i] && array[i] != (constructor)-1)
				array[i](p->rt->argc, p->rt->argv, environ);
	}
	fflush(stdout);
}

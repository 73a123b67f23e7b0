/*
 * dynsym.c - finds a symbol in a library that is mapped but not yet in the
 * global scope, without asking the dynamic linker: while a generation's
 * group is being dlopened, its modules are mapped (every object of a
 * dlopen is mapped before any is relocated) but dlsym cannot see them yet.
 * exports.c needs that for a library of the group that binds to a global
 * of the program by its C name while the group loads.
 *
 * The library is found with dl_iterate_phdr (by its file name), the name
 * in its .dynsym through its DT_GNU_HASH table, as the dynamic linker
 * would. A library without DT_GNU_HASH (both ld and hcr's own linker write
 * one) is not searched.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <string.h>

#include "hcr_int.h"

struct search {
	const char *file;	/* the library's file name, no folder */
	const char *name;	/* the symbol */
	void *addr;
};

static uint32_t gnu_hash(const char *s)
{
	uint32_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* A d_ptr of .dynamic: glibc adjusts them in place (writable .dynamic). */
static const void *dyn_ptr(uintptr_t base, ElfW(Addr) ptr)
{
	return (const void *)(ptr < base ? base + ptr : ptr);
}

/* name in the .dynsym of the library at base, through its GNU hash table. */
static void *lookup(uintptr_t base, const ElfW(Dyn) *dyn, const char *name)
{
	const ElfW(Sym) *symtab = NULL, *sym;
	const uint32_t *hash = NULL, *buckets, *chain;
	const ElfW(Addr) *bloom;
	const char *strtab = NULL;
	uint32_t h, i;

	for (; dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_SYMTAB)
			symtab = dyn_ptr(base, dyn->d_un.d_ptr);
		else if (dyn->d_tag == DT_STRTAB)
			strtab = dyn_ptr(base, dyn->d_un.d_ptr);
		else if (dyn->d_tag == DT_GNU_HASH)
			hash = dyn_ptr(base, dyn->d_un.d_ptr);
	}
	if (!symtab || !strtab || !hash || !hash[0])
		return NULL;
	bloom = (const ElfW(Addr) *)&hash[4];
	buckets = (const uint32_t *)&bloom[hash[2]];
	chain = &buckets[hash[0]];
	h = gnu_hash(name);
	for (i = buckets[h % hash[0]]; i >= hash[1]; i++) {
		sym = &symtab[i];
		if ((chain[i - hash[1]] | 1) == (h | 1) &&
		    sym->st_shndx != SHN_UNDEF &&
		    !strcmp(strtab + sym->st_name, name))
			return (void *)(base + sym->st_value);
		if (chain[i - hash[1]] & 1)
			break;
	}
	return NULL;
}

static int visit(struct dl_phdr_info *info, size_t size, void *data)
{
	struct search *s = data;
	const char *slash = strrchr(info->dlpi_name, '/');
	const char *file = slash ? slash + 1 : info->dlpi_name;
	int i;

	(void)size;
	if (strcmp(file, s->file))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == PT_DYNAMIC)
			s->addr = lookup(info->dlpi_addr, (const ElfW(Dyn) *)
					 (info->dlpi_addr +
					  info->dlpi_phdr[i].p_vaddr), s->name);
	return 1;
}

/* The address of name in the mapped library file (a soname), or NULL. */
void *hcr_mapped_symbol(const char *file, const char *name)
{
	struct search s = { .file = file, .name = name };

	dl_iterate_phdr(visit, &s);
	return s.addr;
}

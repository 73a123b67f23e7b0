/*
 * segments.c - the loaded segments of a library and the protection the
 * dynamic linker gave each page: what the runtime must restore after it
 * writes into a library (statics.c: a new version's sites; destructors.c:
 * an old version's .fini_array). RELRO counts in whole pages, as the
 * dynamic linker protects it: a page that RELRO only partly covers (a small
 * library's .got next to its .data) stays writable.
 */
#define _GNU_SOURCE
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hcr_int.h"

/* dl_iterate_phdr: the segments of s->lm. */
static int read_phdrs(struct dl_phdr_info *info, size_t size, void *data)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	struct hcr_segments *s = data;
	const struct link_map *lm = s->lm;
	const ElfW(Phdr) *ph;
	int i;

	(void)size;
	if (info->dlpi_addr != lm->l_addr || !info->dlpi_name ||
	    strcmp(info->dlpi_name, lm->l_name))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		if (ph->p_type == PT_LOAD && s->n < HCR_MAX_SEGS) {
			s->seg[s->n].start = lm->l_addr + ph->p_vaddr;
			s->seg[s->n].end = s->seg[s->n].start + ph->p_memsz;
			s->seg[s->n++].prot = hcr_segment_prot(ph->p_flags);
		} else if (ph->p_type == PT_GNU_RELRO) {
			s->relro_start = (lm->l_addr + ph->p_vaddr) & ~(page - 1);
			s->relro_end = (lm->l_addr + ph->p_vaddr + ph->p_memsz) &
				       ~(page - 1);
		}
	}
	return 1;
}

void hcr_read_segments(const struct link_map *lm, struct hcr_segments *s)
{
	memset(s, 0, sizeof(*s));
	s->lm = lm;
	dl_iterate_phdr(read_phdrs, s);
}

int hcr_page_prot(const struct hcr_segments *s, uintptr_t page)
{
	uintptr_t size = (uintptr_t)sysconf(_SC_PAGESIZE);
	int i;

	if (page >= s->relro_start && page < s->relro_end)
		return PROT_READ;
	for (i = 0; i < s->n; i++)
		if (page + size > s->seg[i].start && page < s->seg[i].end)
			return s->seg[i].prot;
	return -1;
}

int hcr_in_segment(const struct hcr_segments *s, uintptr_t at, size_t width)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (at >= s->seg[i].start && at + width <= s->seg[i].end)
			return 1;
	return 0;
}

/*
 * forward.c - old versions forward to new ones (issue 10; docs/internals.md
 * sections 6 to 8).
 *
 * Stubs cover the calls that go through them. A pointer to a static
 * function saved before a reload (a table of callbacks, a qsort comparator,
 * a signal or atexit handler) and the calls old code still on a stack makes
 * to its own module's functions reach an old version directly. So every
 * module is compiled with -fpatchable-function-entry=9,7
 * -falign-functions=16: gcc puts seven one-byte NOPs before each function,
 * 16-byte aligned (the pad), and two after its entry (after its endbr64
 * under -fcf-protection). The manifest lists each such entry, `entry
 * <module> <name> <offset>`.
 *
 * When a version of a module is first loaded, its entries are primed: the
 * two one-byte NOPs become one two-byte NOP (66 90). Nothing of the version
 * can run yet but its constructors, and a thread between the two NOPs would
 * still find a NOP; once primed, no thread can ever stand on the byte the
 * short jump below will start at.
 *
 * When a module is reloaded, every entry of every older version of it that
 * the process loaded is pointed at the new version's entry of the same
 * name: first the pad gets `jmp rel32` (one aligned 8-byte store that keeps
 * the word's other three bytes), then, once all pads are written and the
 * other cores serialised (membarrier SYNC_CORE), the entry's two-byte NOP
 * becomes a two-byte jump back into the pad (EB F7, or EB F3 after endbr64;
 * one 2-byte store, which cannot cross a cache line inside the 16-byte
 * aligned block). A thread sees the old instruction or the new one, never a
 * mix: the pad is not reached before the short jump exists, a stale pad
 * fetched after it would slide into the short jump and come round again,
 * and re-pointing an entry later only rewrites the pad's word. (At -Os gcc
 * ignores -falign-functions: the jump then goes at the first of the pad's
 * first three bytes from which five fit in one aligned 8-byte word, and an
 * entry with no such place, or whose 2-byte NOP would cross a cache line,
 * is not forwarded.) Generation
 * 1's entries are re-pointed at every reload, so an old pointer costs one
 * extra jump, never a chain of them. Code already running in an old
 * version returns into it normally (old code stays mapped); calls that
 * never went through an old version cost nothing.
 *
 * An entry with no counterpart in the new version: a global's (`hcr.f`)
 * jumps to its stub, which reaches f wherever it now lives or traps; a
 * static's calls a trap thunk, which prints the B6 message with the
 * module and the generation that removed it, then aborts. A static of a
 * module that is removed traps the same way ("removed with module"). An
 * old clone that gcc did not make again (f.part.0, f.isra.0, f.constprop.0)
 * is left as it is: only old code still running reaches it, and its
 * function is not gone. Clones are matched by name, like every function;
 * a clone whose calling convention changed while old code still calls it
 * is beyond what names can tell.
 *
 * The writes come after the statics and before the slots: a stub still at
 * an old version reaches the new code through its entry, so stubs and old
 * pointers switch together. (An old global's entry with no counterpart
 * jumps to its stub, which may lead back to it until the slot is written,
 * microseconds later: a thread there goes round, it never runs old code.)
 *
 * The code pages are made writable (RWX) for the writes with mprotect and
 * given back the protection of their segment. Everything that can fail -
 * finding the entries and their code, checking their bytes, the reach of a
 * rel32, the trap thunks, mprotect - happens in the load's first half; an
 * entry that cannot be forwarded is left alone and said so on stderr, and
 * never fails a load, except a manifest whose entries lie outside their
 * library (-6). The versions the process loaded are kept for its life.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <linux/membarrier.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "load.h"

#define PAD_NOPS 7		/* one-byte NOPs before each entry */
#define CACHE_LINE 64
#define THUNK_PAGE 4096UL
#define HINT_STEP (1UL << 20)	/* where thunk pages are tried */
#define HINT_TRIES 64

/* One patchable entry of a loaded module version. */
struct fwd_entry {
	const char *name;	/* into the version's names */
	unsigned char *entry;	/* the function: 7 NOPs before it, the pad */
	unsigned char *jmp;	/* the pad's 5 bytes the jump goes to */
	unsigned char *nop;	/* the entry's 2-byte NOP: entry, or entry + 4 */
	int patched;		/* the short jump over nop is written */
	int gone;		/* the generation that removed it: the pad traps */
	int gone_with;		/* ... together with its module */
};

struct fwd_version {
	const char *module;	/* the history's id */
	char *file;
	uintptr_t code, code_end;	/* its executable segment, whole pages */
	int prot;		/* the segment's protection */
	int open;		/* made writable by the plan in progress */
	char *names;
	struct fwd_entry *entries;	/* sorted by name */
	int nentries;
};

/* Every version of one module the process loaded, oldest first. */
struct fwd_module {
	char *id;
	struct fwd_version **versions;
	int nversions, capversions;
};

/* One write of the commit. */
struct fwd_op {
	struct fwd_entry *e;
	struct fwd_version *v;
	unsigned char *target;	/* new code, a stub, or a trap thunk */
	int trap;		/* 1: the pad calls the thunk */
	int gone, gone_with;
	int counted;		/* forwards a reloaded module's entry */
};

/* A version the load makes live: new to the process, or loaded before. */
struct fwd_new {
	struct fwd_version *v;
	const char *id;		/* the module's, in the manifest loaded */
	int fresh;
};

struct hcr_forwarding {
	struct fwd_new *news;
	int nnews, capnews;
	struct fwd_op *ops;
	int nops, capops;
	struct fwd_version **opened;
	int nopened, capopened;
	long us;
};

/* The history, kept for the life of the process (loads are serialised). */
static struct {
	pthread_mutex_t lock;	/* between a load's changes and a trap */
	struct fwd_module *mods;
	int nmods, capmods;
	unsigned char **thunks;
	int nthunks, capthunks;
	int barrier;		/* 1 membarrier registered, -1 refused */
} fw = { .lock = PTHREAD_MUTEX_INITIALIZER };

void hcr_forward_trap(uintptr_t ret)
	__attribute__((noreturn, used, visibility("hidden")));
extern char hcr_forward_trap_entry[] __attribute__((visibility("hidden")));

/*
 * Where a trap thunk jumps. The pad called the thunk, so the return address
 * on top of the stack is the pad's end: it names the entry. x86-64 only:
 * elsewhere (aarch64) nothing is forwarded yet.
 */
#if defined(__x86_64__)
#define FORWARDING 1
__asm__(".text\n"
	".p2align 4\n"
	".globl hcr_forward_trap_entry\n"
	".hidden hcr_forward_trap_entry\n"
	".type hcr_forward_trap_entry, @function\n"
	"hcr_forward_trap_entry:\n"
	"	endbr64\n"
	"	movq (%rsp), %rdi\n"
	"	andq $-16, %rsp\n"
	"	call hcr_forward_trap\n"
	"	ud2\n"
	".size hcr_forward_trap_entry, .-hcr_forward_trap_entry\n");
#else
#define FORWARDING 0
char hcr_forward_trap_entry[1];
#endif

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void note(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "hcr: %s\n", msg);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct hcr_entry *x = a, *y = b;

	if (x->mod != y->mod)
		return x->mod < y->mod ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Links entry records to their modules; sorts them by module, then name. */
int hcr_index_entries(struct hcr_manifest *m, const char *path)
{
	struct hcr_module *mod;
	int i;

	for (i = 0; i < m->nentries; i++) {
		mod = hcr_manifest_module(m, m->entries[i].module);
		if (!mod)
			return hcr_fail(HCR_EMANIFEST, "%s: entry '%s' of "
					"unknown module '%s'", path,
					m->entries[i].name,
					m->entries[i].module);
		m->entries[i].mod = (int)(mod - m->mods);
	}
	if (m->nentries)
		qsort(m->entries, (size_t)m->nentries, sizeof(*m->entries),
		      cmp_entry);
	for (i = 1; i < m->nentries; i++)
		if (!cmp_entry(&m->entries[i - 1], &m->entries[i]))
			return hcr_fail(HCR_EMANIFEST, "%s: entry '%s' of "
					"module '%s' twice", path,
					m->entries[i].name,
					m->entries[i].module);
	for (i = m->nentries - 1; i >= 0; i--) {
		mod = &m->mods[m->entries[i].mod];
		mod->first_entry = i;
		mod->nentries++;
	}
	return 0;
}

static struct fwd_module *history(const char *id)
{
	int i;

	for (i = 0; i < fw.nmods; i++)
		if (!strcmp(fw.mods[i].id, id))
			return &fw.mods[i];
	return NULL;
}

/* A link name (hcr.f): a global function, reached through its stub. */
static int is_global(const char *name)
{
	return !strncmp(name, "hcr.", 4);
}

/* A static's clone: f.part.0, f.isra.0, f.constprop.0, f.cold.0... */
static int is_clone(const char *name)
{
	return strchr(name, '.') != NULL;
}

static int reaches(const unsigned char *from, const unsigned char *to)
{
	long d = (long)((uintptr_t)to - (uintptr_t)from);

	return d >= INT32_MIN && d <= INT32_MAX;
}

/* ------------------------------------------------------------------ */
/* Reading a version: its code segment and its entries.                 */

struct code_search {
	uintptr_t base;
	const char *file;
	uintptr_t lo, hi;
	int prot;
};

static int find_code(struct dl_phdr_info *info, size_t size, void *data)
{
	struct code_search *c = data;
	const char *name = info->dlpi_name, *slash;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	const ElfW(Phdr) *ph;
	int i;

	(void)size;
	if (info->dlpi_addr != c->base || !name)
		return 0;
	slash = strrchr(name, '/');
	if (strcmp(slash ? slash + 1 : name, c->file))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		c->lo = (c->base + ph->p_vaddr) & ~(page - 1);
		c->hi = (c->base + ph->p_vaddr + ph->p_memsz + page - 1) &
			~(page - 1);
		c->prot = hcr_segment_prot(ph->p_flags);
		break;
	}
	return 1;
}

/*
 * Where the short jump goes (and, in *jmp, the 5-byte jump it leads to),
 * or NULL when the bytes are not gcc's form or cannot be written whole.
 */
static unsigned char *entry_nop(unsigned char *entry, unsigned char **jmp)
{
	static const unsigned char endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	unsigned char *pad = entry - PAD_NOPS, *nop = entry;
	int i;

	for (i = 0; i < PAD_NOPS; i++)
		if (pad[i] != 0x90)
			return NULL;
	if (!memcmp(entry, endbr64, sizeof(endbr64)))
		nop = entry + sizeof(endbr64);
	if ((nop[0] != 0x90 && nop[0] != 0x66) || nop[1] != 0x90)
		return NULL;
	if ((uintptr_t)nop % CACHE_LINE == CACHE_LINE - 1)
		return NULL;	/* 16-aligned pads never get here */
	for (*jmp = pad; *jmp < pad + PAD_NOPS - 4; (*jmp)++)
		if ((uintptr_t)*jmp % 8 <= 3)
			return nop;	/* the first byte of a 16-aligned pad */
	return NULL;
}

static int add_entry(struct fwd_version *v, const struct hcr_module *mod,
		     const struct hcr_entry *r, char **names, int *skipped,
		     const char **first_skipped)
{
	unsigned char *entry = (unsigned char *)(mod->base + r->offset);
	struct fwd_entry *e;

	if (r->offset < PAD_NOPS || (uintptr_t)entry - PAD_NOPS < v->code ||
	    (uintptr_t)entry + 8 > v->code_end)
		return hcr_fail(HCR_ESTATE, "entry '%s' of module '%s': "
				"offset 0x%lx lies outside the code of %s",
				r->name, r->module, r->offset, mod->file);
	e = &v->entries[v->nentries];
	e->nop = entry_nop(entry, &e->jmp);
	if (!e->nop) {
		if (!(*skipped)++)
			*first_skipped = r->name;
		return 0;
	}
	e->entry = entry;
	e->name = strcpy(*names, r->name);
	*names += strlen(r->name) + 1;
	v->nentries++;
	return 0;
}

static void free_version(struct fwd_version *v)
{
	if (!v)
		return;
	free(v->file);
	free(v->names);
	free(v->entries);
	free(v);
}

/*
 * The entries of a version new to the process, checked (sorted by the
 * manifest). Entries it cannot forward are said once per module: quiet
 * when an earlier version of it was loaded.
 */
static int read_version(const struct hcr_manifest *m,
			const struct hcr_module *mod, int quiet,
			struct fwd_version **out)
{
	const struct hcr_entry *r = m->entries + mod->first_entry;
	struct code_search c = { .base = mod->base, .file = mod->file };
	const char *first_skipped = NULL;
	struct fwd_version *v;
	size_t size = 1;
	int i, skipped = 0, rc = 0;
	char *names;

	for (i = 0; i < mod->nentries; i++)
		size += strlen(r[i].name) + 1;
	v = calloc(1, sizeof(*v));
	if (v) {
		v->file = strdup(mod->file);
		v->names = malloc(size);
		v->entries = calloc((size_t)mod->nentries + 1,
				    sizeof(*v->entries));
	}
	if (!v || !v->file || !v->names || !v->entries) {
		free_version(v);
		return hcr_oom();
	}
	if (mod->nentries)
		dl_iterate_phdr(find_code, &c);
	v->code = c.lo;
	v->code_end = c.hi;
	v->prot = c.prot;
	if (mod->nentries && !v->code)
		rc = hcr_fail(HCR_ESTATE, "no code segment found for %s",
			      mod->file);
	names = v->names;
	for (i = 0; i < mod->nentries && !rc; i++)
		rc = add_entry(v, mod, &r[i], &names, &skipped,
			       &first_skipped);
	if (rc) {
		free_version(v);
		return rc;
	}
	if (skipped && !quiet)
		note("%d of the %d functions of module '%s' cannot be "
		     "forwarded (the first: '%s'): their entries cannot be "
		     "patched atomically (hcr compiles -fpatchable-function-"
		     "entry=9,7 -falign-functions=16; -Os drops the alignment)",
		     skipped, mod->nentries, mod->id, first_skipped);
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Trap thunks: `movabs $hcr_forward_trap_entry, %rax; jmp *%rax`, each  */
/* on a page of its own within a rel32 of the pads that call it.       */

static unsigned char *map_thunk(unsigned char *near)
{
	uintptr_t around = (uintptr_t)near & ~(HINT_STEP - 1), hint;
	uint64_t to = (uint64_t)(uintptr_t)hcr_forward_trap_entry;
	unsigned char *t;
	int k;

	for (k = 1; k <= HINT_TRIES; k++) {
		hint = k % 2 ? around - HINT_STEP * (uintptr_t)((k + 1) / 2)
			     : around + HINT_STEP * (uintptr_t)(k / 2);
		t = mmap((void *)hint, THUNK_PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (t == MAP_FAILED)
			return NULL;
		if (!reaches(near + 5, t) || !reaches(t, near)) {
			munmap(t, THUNK_PAGE);
			continue;
		}
		t[0] = 0x48;		/* movabs $to, %rax */
		t[1] = 0xb8;
		memcpy(t + 2, &to, sizeof(to));
		t[10] = 0xff;		/* jmp *%rax */
		t[11] = 0xe0;
		if (mprotect(t, THUNK_PAGE, PROT_READ | PROT_EXEC)) {
			munmap(t, THUNK_PAGE);
			return NULL;
		}
		return t;
	}
	return NULL;
}

static unsigned char *thunk_near(unsigned char *pad)
{
	unsigned char **t, *thunk;
	int i;

	for (i = 0; i < fw.nthunks; i++)
		if (reaches(pad + 5, fw.thunks[i]))
			return fw.thunks[i];
	t = hcr_grow(fw.thunks, &fw.capthunks, fw.nthunks, sizeof(*t));
	if (!t)
		return NULL;
	fw.thunks = t;
	thunk = map_thunk(pad);
	if (thunk)
		t[fw.nthunks++] = thunk;
	return thunk;
}

/* ------------------------------------------------------------------ */
/* Planning: what each old entry will jump to.                         */

static int add_op(struct hcr_forwarding *f, const struct fwd_op *op)
{
	struct fwd_op *o;

	o = hcr_grow(f->ops, &f->capops, f->nops, sizeof(*o));
	if (!o)
		return hcr_oom();
	f->ops = o;
	o[f->nops++] = *op;
	return 0;
}

static int jump(struct hcr_forwarding *f, struct fwd_version *v,
		struct fwd_entry *e, unsigned char *target,
		const struct fwd_version *to, int counted)
{
	struct fwd_op op = { .e = e, .v = v, .target = target,
			     .counted = counted };

	if (!reaches(e->jmp + 5, target)) {
		note("cannot forward '%s' of %s to %s: %+ld bytes apart, "
		     "beyond a jump's reach", e->name, v->file,
		     to ? to->file : "its stub",
		     (long)((uintptr_t)target - (uintptr_t)e->entry));
		return 0;
	}
	return add_op(f, &op);
}

static int trap(struct hcr_forwarding *f, struct fwd_version *v,
		struct fwd_entry *e, int generation, int with_module)
{
	struct fwd_op op = { .e = e, .v = v, .trap = 1, .gone = generation,
			     .gone_with = with_module };

	if (e->gone)
		return 0;	/* trapped by an earlier load: keep its message */
	op.target = thunk_near(e->jmp);
	if (!op.target) {
		note("'%s' of %s was removed, but no trap can be placed "
		     "within a jump's reach: old pointers to it run old code",
		     e->name, v->file);
		return 0;
	}
	return add_op(f, &op);
}

/* The stub hcr.f, from the stub libraries in the global scope. */
static unsigned char *stub_of(const char *link)
{
	const char *file;
	Dl_info info;
	void *sym;

	sym = dlsym(RTLD_DEFAULT, link);
	if (!sym || !dladdr(sym, &info) || !info.dli_fname)
		return NULL;
	file = strrchr(info.dli_fname, '/');
	file = file ? file + 1 : info.dli_fname;
	return strncmp(file, "libhcrstubs.", 12) ? NULL : sym;
}

/* An entry the new version does not have. */
static int orphan(struct hcr_forwarding *f, struct fwd_version *o,
		  struct fwd_entry *e, int generation, int with_module)
{
	unsigned char *stub;

	if (is_global(e->name)) {
		stub = stub_of(e->name);
		return stub ? jump(f, o, e, stub, NULL, !with_module) : 0;
	}
	if (is_clone(e->name))
		return 0;
	return trap(f, o, e, generation, with_module);
}

/* Points every entry of old version o at new version v (both by name). */
static int forward_version(struct plan *p, struct hcr_forwarding *f,
			   struct fwd_version *o, struct fwd_version *v)
{
	struct fwd_entry *e, *n = v->entries, *end = v->entries + v->nentries;
	int i, c, rc = 0;

	for (i = 0; i < o->nentries && !rc; i++) {
		e = &o->entries[i];
		c = 1;
		while (n < end && (c = strcmp(n->name, e->name)) < 0)
			n++;
		if (n < end && !c)
			rc = jump(f, o, e, n->entry, v, 1);
		else
			rc = orphan(f, o, e, p->m->generation, 0);
	}
	return rc;
}

static int add_new(struct hcr_forwarding *f, struct fwd_version *v,
		   const char *id, int fresh)
{
	struct fwd_new *n;

	n = hcr_grow(f->news, &f->capnews, f->nnews, sizeof(*n));
	if (!n) {
		if (fresh)
			free_version(v);
		return hcr_oom();
	}
	f->news = n;
	n[f->nnews].v = v;
	n[f->nnews].id = id;
	n[f->nnews++].fresh = fresh;
	return 0;
}

/* A module loaded or reloaded: its older versions forward to this one. */
static int plan_module(struct plan *p, struct hcr_forwarding *f,
		       const struct hcr_module *mod)
{
	struct fwd_module *h = history(mod->id);
	struct fwd_version *v = NULL;
	int i, rc;

	for (i = 0; h && i < h->nversions; i++)
		if (!strcmp(h->versions[i]->file, mod->file))
			v = h->versions[i];	/* live again */
	if (!v) {
		rc = read_version(p->m, mod, h != NULL, &v);
		if (!rc)
			rc = add_new(f, v, mod->id, 1);
	} else {
		rc = add_new(f, v, mod->id, 0);
	}
	for (i = 0; h && i < h->nversions && !rc; i++)
		if (h->versions[i] != v)
			rc = forward_version(p, f, h->versions[i], v);
	return rc;
}

/* A module removed: the statics of all its versions trap. */
static int plan_removed(struct plan *p, struct hcr_forwarding *f,
			const char *id)
{
	struct fwd_module *h = history(id);
	struct fwd_version *o;
	int i, j, rc = 0;

	for (i = 0; h && i < h->nversions && !rc; i++) {
		o = h->versions[i];
		for (j = 0; j < o->nentries && !rc; j++)
			rc = orphan(f, o, &o->entries[j], p->m->generation, 1);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Writing.                                                            */

static int open_version(struct hcr_forwarding *f, struct fwd_version *v)
{
	struct fwd_version **o;

	if (v->open || !v->nentries)
		return 0;
	o = hcr_grow(f->opened, &f->capopened, f->nopened, sizeof(*o));
	if (!o)
		return hcr_oom();
	f->opened = o;
	if (mprotect((void *)v->code, v->code_end - v->code,
		     PROT_READ | PROT_WRITE | PROT_EXEC)) {
		note("cannot forward entries of %s: mprotect: %s", v->file,
		     strerror(errno));
		v->open = -1;
		return 0;
	}
	v->open = 1;
	o[f->nopened++] = v;
	return 0;
}

static void close_versions(struct hcr_forwarding *f)
{
	struct fwd_version *v;
	int i;

	for (i = 0; i < f->nops; i++)
		if (f->ops[i].v->open < 0)
			f->ops[i].v->open = 0;	/* tried again next load */
	for (i = 0; i < f->nnews; i++)
		if (f->news[i].v->open < 0)
			f->news[i].v->open = 0;
	while (f->nopened > 0) {
		v = f->opened[--f->nopened];
		if (mprotect((void *)v->code, v->code_end - v->code, v->prot))
			note("%s stays writable: mprotect: %s", v->file,
			     strerror(errno));
		v->open = 0;
	}
}

/*
 * 90 90 -> 66 90: nothing of the version has run through its entries yet,
 * and a thread between two NOPs still finds a NOP.
 */
static void prime(struct fwd_version *v)
{
	int i;

	for (i = 0; i < v->nentries; i++)
		if (v->entries[i].nop[0] == 0x90)
			__atomic_store_n(v->entries[i].nop, 0x66,
					 __ATOMIC_RELAXED);
}

/* Makes the code of every version the commit writes writable; primes. */
static int open_all(struct hcr_forwarding *f)
{
	int i, rc = 0;

	for (i = 0; i < f->nnews && !rc; i++) {
		rc = open_version(f, f->news[i].v);
		if (rc || !f->news[i].fresh)
			continue;
		if (f->news[i].v->open > 0)
			prime(f->news[i].v);
		else
			f->news[i].v->nentries = 0;	/* never patchable */
	}
	for (i = 0; i < f->nops && !rc; i++)
		rc = open_version(f, f->ops[i].v);
	return rc;
}

/*
 * HCR_FORWARD=off in the environment turns forwarding off for the life of
 * the process (old pointers and old code on a stack then stay on the old
 * version, as before issue 10): `hcr bench --core` measures a reload with
 * and without it.
 */
static int forwarding_off(void)
{
	static int off = -1;
	const char *value;

	if (off < 0) {
		value = getenv("HCR_FORWARD");
		off = value && strcmp(value, "off") == 0;
	}
	return off;
}

int hcr_plan_forward(struct plan *p)
{
	struct hcr_forwarding *f;
	long t = hcr_now_us();
	int i, rc = 0;

	if (!FORWARDING || forwarding_off())
		return 0;
	f = calloc(1, sizeof(*f));
	if (!f)
		return hcr_oom();
	p->forwarding = f;
	for (i = 0; i < p->m->nmods && !rc; i++)
		if (p->action[i] != ACT_KEPT)
			rc = plan_module(p, f, &p->m->mods[i]);
	for (i = 0; p->old && i < p->old->nmods && !rc; i++)
		if (!hcr_manifest_module(p->m, p->old->mods[i].id))
			rc = plan_removed(p, f, p->old->mods[i].id);
	if (!rc)
		rc = open_all(f);
	f->us = hcr_now_us() - t;
	return rc;
}

/*
 * jmp rel32 or call rel32 at jmp: one store of the aligned 8-byte word
 * holding it, whose other three bytes are written back as they are (only
 * this thread writes code).
 */
static void write_pad(unsigned char *jmp, unsigned char opcode,
		      const unsigned char *target)
{
	int32_t rel = (int32_t)((uintptr_t)target - (uintptr_t)(jmp + 5));
	uint64_t *at = (uint64_t *)((uintptr_t)jmp & ~(uintptr_t)7);
	uint64_t word = __atomic_load_n(at, __ATOMIC_RELAXED);
	unsigned char b[8];
	size_t k = (uintptr_t)jmp & 7;

	memcpy(b, &word, sizeof(b));
	b[k] = opcode;
	memcpy(b + k + 1, &rel, sizeof(rel));
	memcpy(&word, b, sizeof(b));
	__atomic_store_n(at, word, __ATOMIC_RELEASE);
}

/* One 2-byte store; at may be odd: x86 keeps it whole within a line. */
static void store2(unsigned char *at, const unsigned char b[2])
{
	uint16_t half;

	memcpy(&half, b, sizeof(half));
#if defined(__x86_64__)
	__asm__ volatile("movw %1, %0" : "=m"(*(uint16_t *)at)
				       : "r"(half) : "memory");
#else
	__atomic_store_n((uint16_t *)at, half, __ATOMIC_RELEASE);
#endif
}

/* The short jump back into the pad over the entry's 2-byte NOP. */
static void write_short_jump(struct fwd_entry *e)
{
	unsigned char b[2] = { 0xeb,
			       (unsigned char)(e->jmp - (e->nop + 2)) };

	store2(e->nop, b);
}

/*
 * Registers the process for membarrier SYNC_CORE, once. The kernel waits
 * for a grace period there, which in a process with many threads (the
 * host's JVM) takes 5 to 16 ms: hcrInit does it, so that the first reload
 * that forwards does not pay it.
 */
void hcr_prepare_forwarding(void)
{
	if (!FORWARDING || forwarding_off() || fw.barrier)
		return;
	fw.barrier = syscall(__NR_membarrier,
		MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE,
		0, 0) ? -1 : 1;
	if (fw.barrier < 0)
		note("membarrier refused (%s): other cores see forwarded "
		     "entries at their next serialising instruction",
		     strerror(errno));
}

/* Other cores drop what they fetched before the writes. */
static void serialise_cores(void)
{
	hcr_prepare_forwarding();
	if (fw.barrier > 0)
		syscall(__NR_membarrier,
			MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0);
}

static int live_op(const struct fwd_op *op)
{
	return op->v->open > 0;
}

static void write_ops(struct hcr_forwarding *f, int *forwarded)
{
	struct fwd_op *op;
	int i, pass;

	pthread_mutex_lock(&fw.lock);	/* a trap finds its message first */
	for (i = 0; i < f->nops; i++) {
		op = &f->ops[i];
		if (live_op(op) && op->trap) {
			op->e->gone = op->gone;
			op->e->gone_with = op->gone_with;
		}
	}
	pthread_mutex_unlock(&fw.lock);
	for (i = 0; i < f->nops; i++) {
		op = &f->ops[i];
		if (live_op(op))
			write_pad(op->e->jmp, op->trap ? 0xe8 : 0xe9,
				  op->target);
	}
	serialise_cores();
	/*
	 * Statics first: a global (through its stub) that hands out a static's
	 * address then gives the new one only once the old ones forward.
	 */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < f->nops; i++) {
			op = &f->ops[i];
			if (!live_op(op) || is_global(op->e->name) != pass)
				continue;
			if (!op->e->patched)
				write_short_jump(op->e);
			op->e->patched = 1;
			*forwarded += op->counted;
		}
	}
	pthread_mutex_lock(&fw.lock);	/* re-pointed from a trap to code */
	for (i = 0; i < f->nops; i++)
		if (live_op(&f->ops[i]) && !f->ops[i].trap)
			f->ops[i].e->gone = 0;
	pthread_mutex_unlock(&fw.lock);
}

/* A version loaded before and live again runs its own code. */
static void restore(struct fwd_version *v)
{
	static const unsigned char nop2[2] = { 0x66, 0x90 };
	int i;

	if (v->open <= 0)
		return;
	for (i = 0; i < v->nentries; i++) {
		if (!v->entries[i].patched)
			continue;
		store2(v->entries[i].nop, nop2);
		v->entries[i].patched = 0;
	}
	pthread_mutex_lock(&fw.lock);	/* no trap of it stands */
	for (i = 0; i < v->nentries; i++)
		v->entries[i].gone = 0;
	pthread_mutex_unlock(&fw.lock);
}

static int append_version(struct fwd_version *v, const char *id)
{
	struct fwd_module *h = history(id);
	struct fwd_version **a;

	if (!h) {
		h = hcr_grow(fw.mods, &fw.capmods, fw.nmods, sizeof(*h));
		if (!h)
			return -1;
		fw.mods = h;
		h += fw.nmods;
		memset(h, 0, sizeof(*h));
		h->id = strdup(id);
		if (!h->id)
			return -1;
		fw.nmods++;
	}
	a = hcr_grow(h->versions, &h->capversions, h->nversions,
		     sizeof(*a));
	if (!a)
		return -1;
	h->versions = a;
	a[h->nversions++] = v;
	v->module = h->id;
	return 0;
}

/* The version moves to the end of its history: the newest again. */
static void make_newest(struct fwd_version *v)
{
	struct fwd_module *h = history(v->module);
	int i;

	for (i = 0; h && i < h->nversions - 1; i++)
		if (h->versions[i] == v) {
			memmove(&h->versions[i], &h->versions[i + 1],
				(size_t)(h->nversions - 1 - i) *
				sizeof(*h->versions));
			h->versions[h->nversions - 1] = v;
			break;
		}
}

/* Records the new versions in the history. */
static void remember(struct hcr_forwarding *f)
{
	struct fwd_new *n;
	int i;

	pthread_mutex_lock(&fw.lock);
	for (i = 0; i < f->nnews; i++) {
		n = &f->news[i];
		if (!n->fresh) {
			make_newest(n->v);
			continue;
		}
		if (append_version(n->v, n->id))
			free_version(n->v);	/* out of memory: forgotten */
		n->fresh = 0;	/* owned by the history, or freed */
	}
	pthread_mutex_unlock(&fw.lock);
}

void hcr_commit_forward(struct plan *p)
{
	struct hcr_forwarding *f = p->forwarding;
	long t = hcr_now_us();
	int i, forwarded = 0;

	if (!f)
		return;
	for (i = 0; i < f->nnews; i++)
		if (!f->news[i].fresh)
			restore(f->news[i].v);
	if (f->nops)
		write_ops(f, &forwarded);
	close_versions(f);
	if (f->nops)
		serialise_cores();
	remember(f);
	p->rep.forwarded = forwarded;
	p->rep.us_forward = f->us + hcr_now_us() - t;
}

void hcr_free_forward(struct plan *p)
{
	struct hcr_forwarding *f = p->forwarding;
	int i;

	if (!f)
		return;
	close_versions(f);	/* a load that failed after the plan */
	for (i = 0; i < f->nnews; i++)
		if (f->news[i].fresh)
			free_version(f->news[i].v);
	free(f->news);
	free(f->ops);
	free(f->opened);
	free(f);
	p->forwarding = NULL;
}

/* ------------------------------------------------------------------ */
/* The trap.                                                           */

static struct fwd_entry *entry_at(const unsigned char *jmp,
				  struct fwd_version **version)
{
	struct fwd_version *v;
	int i, j, k;

	for (i = 0; i < fw.nmods; i++) {
		for (j = 0; j < fw.mods[i].nversions; j++) {
			v = fw.mods[i].versions[j];
			if ((uintptr_t)jmp < v->code ||
			    (uintptr_t)jmp >= v->code_end)
				continue;
			for (k = 0; k < v->nentries; k++)
				if (v->entries[k].jmp == jmp) {
					*version = v;
					return &v->entries[k];
				}
		}
	}
	return NULL;
}

/* A pad that calls a trap thunk lands here: says what went, aborts. */
void hcr_forward_trap(uintptr_t ret)
{
	const unsigned char *jmp = (const unsigned char *)ret - 5;
	struct fwd_version *v = NULL;
	struct fwd_entry *e;
	char msg[512];

	snprintf(msg, sizeof(msg), "hcr: a removed function was called "
		 "(its jump at %p)\n", (const void *)jmp);
	pthread_mutex_lock(&fw.lock);
	e = entry_at(jmp, &v);
	if (e && e->gone)
		snprintf(msg, sizeof(msg), "hcr: function '%s' was removed "
			 "%s module '%s' (generation %d)\n", e->name,
			 e->gone_with ? "with" : "from", v->module, e->gone);
	pthread_mutex_unlock(&fw.lock);
	fflush(stdout);
	fputs(msg, stderr);
	abort();
}

/*
 * events.c - the observer's JSON (docs/internals.md section 8).
 *
 * One JSON object per event, no newline inside. Module events first, then
 * static events, then state events, then the generation summary. Nothing
 * here runs when no observer is set. The observer is called on the
 * reloading thread while the reload lock is held: it must not ask for a
 * reload itself.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcr_int.h"

struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
	char *p;
	size_t want;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		want = b->cap ? b->cap : 256;
		while (want < b->len + n + 1)
			want *= 2;
		p = realloc(b->p, want);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = want;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_raw(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_raw(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void printf_raw(struct buf *b, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n
						      : sizeof(tmp) - 1);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void put_string(struct buf *b, const char *s)
{
	const unsigned char *c = (const unsigned char *)s;
	char esc[8];

	put(b, "\"", 1);
	for (; *c; c++) {
		if (*c == '"' || *c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*c;
			put(b, esc, 2);
		} else if (*c == '\n') {
			put(b, "\\n", 2);
		} else if (*c == '\t') {
			put(b, "\\t", 2);
		} else if (*c < 0x20 || *c == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", *c);
			put(b, esc, 6);
		} else {
			put(b, (const char *)c, 1);
		}
	}
	put(b, "\"", 1);
}

static void field(struct buf *b, const char *name, const char *value)
{
	printf_raw(b, ",\"%s\":", name);
	put_string(b, value);
}

static void emit(hcr_observer fn, struct buf *b)
{
	if (!b->failed && b->p)
		fn(b->p);
	b->len = 0;
	b->failed = 0;
}

static void module_event(struct buf *b, int generation,
			 const struct hcr_mod_event *e)
{
	puts_raw(b, "{\"type\":\"module\"");
	field(b, "module", e->module);
	field(b, "action", e->action);
	printf_raw(b, ",\"generation\":%d", generation);
	field(b, "library", e->library);
	puts_raw(b, "}");
}

static void static_event(struct buf *b, const struct hcr_static_event *e)
{
	puts_raw(b, "{\"type\":\"static\"");
	field(b, "module", e->module);
	field(b, "name", e->name);
	field(b, "action", e->action);
	printf_raw(b, ",\"old_size\":%lu,\"new_size\":%lu", e->old_size,
		   e->new_size);
	if (e->why)
		field(b, "why", e->why);
	puts_raw(b, "}");
}

static void state_event(struct buf *b, const struct hcr_state_event *e)
{
	puts_raw(b, "{\"type\":\"state\"");
	field(b, "module", e->module);
	field(b, "name", e->name);
	field(b, "action", e->action);
	printf_raw(b, ",\"old_size\":%lu,\"new_size\":%lu}", e->old_size,
		   e->new_size);
}

static void summary(struct buf *b, const struct hcr_report *r)
{
	printf_raw(b, "{\"type\":\"generation\",\"generation\":%d,"
		   "\"previous\":%d,", r->generation, r->previous);
	printf_raw(b, "\"loaded\":%d,\"reloaded\":%d,\"removed\":%d,",
		   r->loaded, r->reloaded, r->removed);
	printf_raw(b, "\"shared\":%d,\"carried\":%d,\"reset\":%d,", r->shared,
		   r->carried, r->reset);
	printf_raw(b, "\"us\":{\"copy\":%ld,\"load\":%ld,\"bind\":%ld,",
		   r->us_copy, r->us_load, r->us_bind);
	printf_raw(b, "\"statics\":%ld,\"handlers\":%ld,\"total\":%ld,",
		   r->us_statics, r->us_handlers, r->us_total);
	printf_raw(b, "\"forward\":%ld},\"forwarded\":%d}", r->us_forward,
		   r->forwarded);
}

void hcr_emit_report(hcr_observer fn, const struct hcr_report *r)
{
	struct buf b = { 0 };
	int i;

	if (!fn)
		return;
	for (i = 0; i < r->nmods; i++) {
		module_event(&b, r->generation, &r->mods[i]);
		emit(fn, &b);
	}
	for (i = 0; i < r->nstatics; i++) {
		static_event(&b, &r->statics[i]);
		emit(fn, &b);
	}
	for (i = 0; i < r->nstates; i++) {
		state_event(&b, &r->states[i]);
		emit(fn, &b);
	}
	summary(&b, r);
	emit(fn, &b);
	free(b.p);
}

void hcr_emit_error(hcr_observer fn, int code, const char *message)
{
	struct buf b = { 0 };

	if (!fn)
		return;
	printf_raw(&b, "{\"type\":\"error\",\"code\":%d", code);
	field(&b, "message", message);
	puts_raw(&b, "}");
	emit(fn, &b);
	free(b.p);
}

/* msg.c: the message catalogue (built from messages.def) and the diagnostics list that prints
 * problems as FILE:LINE:COLUMN: message. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "text.h"

static const struct {
	const char *key;
	const char *text;
} catalogue[] = {
#define M(id, key, text) { key, text },
#include "messages.def"
#undef M
};

const char *msg_text(enum msg_id id)
{
	if ((unsigned)id >= MSG__COUNT)
		return "?";
	return catalogue[id].text;
}

enum msg_id msg_by_key(const char *key)
{
	size_t i;

	if (!key)
		return MSG__COUNT;
	for (i = 0; i < MSG__COUNT; i++)
		if (strcmp(catalogue[i].key, key) == 0)
			return (enum msg_id)i;
	return MSG__COUNT;
}

char *msg_vformat(enum msg_id id, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = vsnprintf(NULL, 0, msg_text(id), ap2);
	va_end(ap2);
	if (n < 0)
		return strdup(msg_text(id));
	s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, msg_text(id), ap);
#pragma GCC diagnostic pop
	return s;
}

char *msg_format(enum msg_id id, ...)
{
	va_list ap;
	char *s;

	va_start(ap, id);
	s = msg_vformat(id, ap);
	va_end(ap);
	return s;
}

/* Templates used with SQL arguments only hold %s conversions; missing arguments become "". */
char *msg_format_joined(enum msg_id id, const char *joined)
{
	const char *a[6] = { "", "", "", "", "", "" };
	char *copy = strdup(joined ? joined : "");
	char *p = copy, *bar;
	size_t n = 0;
	char *s;

	if (!copy)
		return NULL;
	while (n < 6) {
		a[n++] = p;
		bar = strchr(p, '|');
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	s = msg_format(id, a[0], a[1], a[2], a[3], a[4], a[5]);
	free(copy);
	return s;
}

char *msg_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), o = 0, k;
	char *out = malloc(n * 6 + 1);   /* the longest escape, \uXXXX, replaces 2 or more bytes */

	if (!out)
		return NULL;
	while (*p) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			out[o++] = '\\';
			out[o++] = *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't';
			p++;
		} else if (*p < 0x20 || *p == 0x7F) {
			o += (size_t)snprintf(out + o, 5, "\\x%02X", *p);
			p++;
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {   /* C1 controls */
			o += (size_t)snprintf(out + o, 7, "\\u%04X", p[1]);
			p += 2;
		} else if ((k = text_bidi_len((const char *)p)) > 0) {
			unsigned cp = k == 2 ? 0x061C
			              : ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) |
			                (unsigned)(p[2] & 0x3F);

			o += (size_t)snprintf(out + o, 7, "\\u%04X", cp);
			p += k;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
	return out;
}

void msg_say(FILE *out, const char *where, const char *text)
{
	char *w = where ? msg_escape(where) : NULL, *t = msg_escape(text ? text : "");

	if (where)
		fprintf(out, "%s: %s\n", w ? w : "?", t ? t : "?");
	else
		fprintf(out, "%s\n", t ? t : "?");
	free(w);
	free(t);
}

void diag_init(struct diag *d, const char *file, FILE *out)
{
	d->file = file;
	d->out = out;
	d->count = 0;
	d->shown = 0;
	d->max_shown = 200;
}

static void diag_vprint(struct diag *d, long line, long col, enum msg_id id, va_list ap)
{
	char *s, *file, where[48];

	d->count++;
	if (d->shown >= d->max_shown)
		return;
	d->shown++;
	s = msg_vformat(id, ap);
	if (line > 0 && col > 0)
		snprintf(where, sizeof(where), ":%ld:%ld", line, col);
	else if (line > 0)
		snprintf(where, sizeof(where), ":%ld", line);
	else
		where[0] = '\0';
	file = malloc(strlen(d->file) + strlen(where) + 1);
	if (file) {
		memcpy(file, d->file, strlen(d->file));
		memcpy(file + strlen(d->file), where, strlen(where) + 1);
	}
	msg_say(d->out, file ? file : d->file, s);
	free(file);
	free(s);
}

void diag_at(struct diag *d, long line, long col, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	diag_vprint(d, line, col, id, ap);
	va_end(ap);
}

void diag_file(struct diag *d, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	diag_vprint(d, 0, 0, id, ap);
	va_end(ap);
}

void msg_print(FILE *out, const char *prog, enum msg_id id, ...)
{
	va_list ap;
	char *s;

	va_start(ap, id);
	s = msg_vformat(id, ap);
	va_end(ap);
	msg_say(out, prog, s);
	free(s);
}

static void diag_print_more(struct diag *d)
{
	char *s = msg_format(MSG_DIAG_MORE, d->count - d->shown);

	fprintf(d->out, "%s: %s\n", d->file, s ? s : "?");
	free(s);
}

void diag_finish(struct diag *d)
{
	if (d->count > d->shown)
		diag_print_more(d);
}

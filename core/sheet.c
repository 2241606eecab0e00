/* sheet.c: the layout of the printed paper questionnaire and the text of its page code (see
 * sheet.h). Wording widths are estimated from the number of characters, never measured, so that
 * every machine computes the same boxes from the same definition. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"

#define LINE_H 17.0        /* one line of wording (13 pt type) */
#define ROW_H 26.0         /* one row of option cells */
#define CHAR_W 6.9         /* pessimistic width of one character at 12 pt */
#define GAP 12.0           /* between questions */
#define ZONE_H 100.0       /* the writing zone of a free-text question */

/* Characters (not bytes) of a UTF-8 string. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static unsigned long fnv(unsigned long h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h = (h * 16777619UL) & 0xFFFFFFFFUL;
	}
	h ^= 0x1F;
	return (h * 16777619UL) & 0xFFFFFFFFUL;
}

void sheet_mark_centre(int i, double *x, double *y)
{
	double c = SHEET_MARK_INSET + SHEET_MARK / 2;

	*x = (i & 1) ? SHEET_W - c : c;
	*y = (i & 2) ? SHEET_H - c : c;
}

void sheet_qr_origin(double *x, double *y)
{
	*x = SHEET_RIGHT - SHEET_QR;
	*y = 58.0;
}

double sheet_content_top(int page)
{
	return page == 1 ? 236.0 : 154.0;
}

void sheet_release(struct sheet_layout *l)
{
	if (!l)
		return;
	free(l->items);
	free(l->boxes);
	memset(l, 0, sizeof(*l));
}

int sheet_layout_init(struct sheet_layout *l, const struct survey_def *s)
{
	const double width = SHEET_RIGHT - SHEET_LEFT;
	size_t i, k, nboxes = 0;
	double y;
	int page = 1;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < s->nq; i++)
		if (strcmp(s->qs[i].qtype, "text") != 0)
			nboxes += s->qs[i].nopts;
	l->items = calloc(s->nq ? s->nq : 1, sizeof(*l->items));
	l->boxes = calloc(nboxes ? nboxes : 1, sizeof(*l->boxes));
	if (!l->items || !l->boxes) {
		sheet_release(l);
		return -1;
	}
	l->fingerprint = fnv(2166136261UL, "sheet-v1");
	y = sheet_content_top(page);
	for (i = 0; i < s->nq; i++) {
		const struct question_def *q = &s->qs[i];
		struct sheet_item *it = &l->items[l->nitems];
		int text = strcmp(q->qtype, "text") == 0;
		size_t ncol = 1, rows = 0, longest = 0;
		double h;

		l->fingerprint = fnv(fnv(l->fingerprint, q->code), q->qtype);
		it->q = i;
		it->lines = (int)((double)chars(q->wording) * CHAR_W * 13.0 / 12.0 / width) + 1;
		if (it->lines > 3)
			it->lines = 3;
		if (text) {
			h = it->lines * LINE_H + 6 + ZONE_H + GAP;
		} else {
			if (q->nopts == 0)
				continue;
			for (k = 0; k < q->nopts; k++) {
				size_t n = chars(q->opts[k].label);

				l->fingerprint = fnv(l->fingerprint, q->opts[k].code);
				if (n > longest)
					longest = n;
			}
			for (ncol = q->nopts < 4 ? q->nopts : 4; ncol > 1; ncol--)
				if (width / (double)ncol >= SHEET_BOX + 10 + (double)longest * CHAR_W)
					break;
			rows = (q->nopts + ncol - 1) / ncol;
			h = it->lines * LINE_H + 6 + (double)rows * ROW_H + GAP;
		}
		if (y + h > SHEET_BOTTOM) {
			page++;
			y = sheet_content_top(page);
		}
		it->page = page;
		it->y = y;
		it->h = h;
		it->cell_w = width / (double)ncol;
		if (text) {
			it->zone_y = y + it->lines * LINE_H + 6;
			it->zone_h = ZONE_H;
		} else {
			it->box0 = l->nboxes;
			it->nbox = q->nopts;
			for (k = 0; k < q->nopts; k++) {
				struct sheet_box *b = &l->boxes[l->nboxes++];

				b->page = page;
				b->q = i;
				b->opt = k;
				b->x = SHEET_LEFT + (double)(k % ncol) * it->cell_w + 4;
				b->y = y + it->lines * LINE_H + 6 + (double)(k / ncol) * ROW_H + 5;
			}
		}
		y += h;
		l->nitems++;
	}
	l->npages = page;
	return page > SHEET_MAX_PAGES ? -1 : 0;
}

void sheet_code_format(const struct sheet_code *c, char *buf, size_t size)
{
	snprintf(buf, size, "B1;%s;%s;%d/%d;%06lX;%ld;%08lX", c->survey,
	         c->site[0] ? c->site : "-", c->page, c->npages, c->run & 0xFFFFFFUL, c->serial,
	         c->fingerprint & 0xFFFFFFFFUL);
}

/* Copies the field that starts at *p (up to ';' or the end) into out; advances *p past it. */
static int field(const char **p, char *out, size_t size)
{
	const char *e = strchr(*p, ';');
	size_t n = e ? (size_t)(e - *p) : strlen(*p);

	if (n == 0 || n >= size)
		return -1;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p += n + (e ? 1 : 0);
	return e ? 0 : 1;
}

int sheet_code_parse(const char *text, struct sheet_code *c)
{
	char f[7][64], *end;
	const char *p = text;
	int i, r = 0;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < 7; i++) {
		if (r == 1)
			return -1;
		r = field(&p, f[i], sizeof(f[i]));
		if (r < 0)
			return -1;
	}
	if (r != 1 || strcmp(f[0], "B1") != 0)
		return -1;
	snprintf(c->survey, sizeof(c->survey), "%s", f[1]);
	if (strcmp(f[2], "-") != 0)
		snprintf(c->site, sizeof(c->site), "%s", f[2]);
	c->page = (int)strtol(f[3], &end, 10);
	if (*end != '/' || c->page < 1)
		return -1;
	c->npages = (int)strtol(end + 1, &end, 10);
	if (*end || c->npages < c->page || c->npages > SHEET_MAX_PAGES)
		return -1;
	c->run = strtoul(f[4], &end, 16);
	if (*end)
		return -1;
	c->serial = strtol(f[5], &end, 10);
	if (*end || c->serial < 0 || c->serial > SHEET_MAX_SERIAL)
		return -1;
	c->fingerprint = strtoul(f[6], &end, 16);
	return *end ? -1 : 0;
}

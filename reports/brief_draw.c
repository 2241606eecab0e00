/* brief_draw.c: the ten A4 pages of the brief to the council: cover, the five things to
 * remember, key figures, trends (two pages), breakdowns by channel, site and journey and by
 * profile, the mirror survey, the method, the sources and batches. Drawn with the shared page
 * helpers of pdf.h; every list is capped so that the page count never changes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "flash.h"
#include "command.h"
#include "msg.h"
#include "pdf.h"
#include "stats.h"

#define MARGIN 48.0
#define CONTENT_W (PDF_A4_WIDTH - 2 * MARGIN)
#define FOOTER_Y (PDF_A4_HEIGHT - 32.0)
#define BOTTOM (FOOTER_Y - 14.0)
#define NPAGES 10
#define CHARTS_PER_PAGE 6
#define MAX_BATCH_ROWS 14

static const struct pdf_style st_kicker = { 11, 1, 0, PDF_WHITE, PDF_LEFT };
static const struct pdf_style st_cover = { 24, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_cover_sub = { 12, 0, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_big = { 44, 1, 0, PDF_BLUE, PDF_LEFT };
static const struct pdf_style st_h1 = { 17, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_h2 = { 11.5, 1, 0, PDF_BLUE, PDF_LEFT };
static const struct pdf_style st_body = { 9.5, 0, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_point = { 11, 0, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_num = { 20, 1, 0, PDF_BLUE, PDF_CENTER };
static const struct pdf_style st_note = { 7.5, 0, 0, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_th = { 7.5, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_th_r = { 7.5, 1, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_td = { 8, 0, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_td_r = { 8, 0, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_up = { 8, 1, 0, PDF_BLUE, PDF_RIGHT };
static const struct pdf_style st_down = { 8, 1, 0, PDF_VERMILLION, PDF_RIGHT };
static const struct pdf_style st_axis = { 6.5, 0, 0, PDF_GREY, PDF_CENTER };
static const struct pdf_style st_axis_r = { 6.5, 0, 0, PDF_GREY, PDF_RIGHT };
static const struct pdf_style st_axis_l = { 6.5, 0, 0, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_val = { 6.5, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_up_l = { 6.5, 1, 0, PDF_BLUE, PDF_LEFT };
static const struct pdf_style st_down_l = { 6.5, 1, 0, PDF_VERMILLION, PDF_LEFT };
static const struct pdf_style st_chart_h = { 8.5, 1, 0, PDF_INK, PDF_LEFT };

#define m report_text

static const char *pct(double v, char *buf)
{
	fr_percent(v, buf, FR_NUM_SIZE);
	return buf;
}

static const char *survey_short(const struct brief *b, size_t s)
{
	return m(strcmp(b->s[s].kind, "large") == 0 ? MSG_B_LARGE_SHORT : MSG_B_FLASH_SHORT,
	         b->s[s].year);
}

static double text_block(struct pdf *p, double x, double y, double w, const char *tag,
                         const struct pdf_style *st, const char *s)
{
	double h;

	pdf_tag_begin(p, tag);
	h = pdf_text(p, x, y, w, st, s);
	pdf_tag_end(p, tag);
	return h;
}

static double heading(struct pdf *p, double y, const char *s)
{
	pdf_outline(p, 0, s, y);
	y += text_block(p, MARGIN, y, CONTENT_W, "H1", &st_h1, s);
	pdf_line(p, MARGIN, y + 3, MARGIN + CONTENT_W, y + 3, 1.0, PDF_BLUE, 0);
	return y + 12;
}

static double subheading(struct pdf *p, int parent, double y, const char *s)
{
	(void)parent;
	return y + text_block(p, MARGIN, y, CONTENT_W, "H2", &st_h2, s) + 4;
}

static void footer(struct pdf *p, const struct brief *b)
{
	char title[512];

	snprintf(title, sizeof title, "%s", m(MSG_B_DOC_TITLE, b->title));
	pdf_line(p, MARGIN, FOOTER_Y - 4, MARGIN + CONTENT_W, FOOTER_Y - 4, 0.5, PDF_LIGHT, 0);
	pdf_text(p, MARGIN, FOOTER_Y, CONTENT_W,
	         &(struct pdf_style){ 7.5, 0, 0, PDF_GREY, PDF_CENTER },
	         m(MSG_REP_FOOTER, b->org_name, title, p->page, NPAGES));
}

static void next_page(struct pdf *p, const struct brief *b)
{
	footer(p, b);
	pdf_next_page(p);
}

/* A horizontal bar of rate e from x over width w (100 %), with its interval. */
static void rate_bar(struct pdf *p, double x, double y, double w, double h, const struct west *e,
                     unsigned rgb, int hatch)
{
	pdf_fill_rect(p, x, y, w, h, PDF_PALE);
	if (!e->shown)
		return;
	pdf_fill_rect(p, x, y, w * e->p, h, rgb);
	if (hatch) {
		/* The mirror's agents: described, not a sample, so no interval. */
		pdf_hatch_rect(p, x, y, w * e->p, h, PDF_WHITE);
		return;
	}
	pdf_line(p, x + w * e->lo, y + h / 2, x + w * e->hi, y + h / 2, 1.2, PDF_INK, 0);
	pdf_line(p, x + w * e->lo, y + 1, x + w * e->lo, y + h - 1, 1.2, PDF_INK, 0);
	pdf_line(p, x + w * e->hi, y + 1, x + w * e->hi, y + h - 1, 1.2, PDF_INK, 0);
}

static void cell(struct pdf *p, double x, double y, double w, const struct pdf_style *st,
                 const char *tag, const char *s)
{
	pdf_tag_begin(p, tag);
	if (st->align == PDF_RIGHT)
		pdf_text_fit(p, x, y, w - 4, st, s);
	else
		pdf_text_fit(p, x, y, w - 4, st, s);
	pdf_tag_end(p, tag);
}

/* ---- page 1: cover ---- */

static void page_cover(struct pdf *p, const struct brief *b)
{
	char start[64], end[64], day[64], n[FR_NUM_SIZE], v[FR_NUM_SIZE];
	const struct brief_indicator *h = NULL;
	double y;
	size_t i;

	for (i = 0; i < b->nind && !h; i++)
		if (!b->ind[i].channel[0])
			h = &b->ind[i];
	flash_date(b->first_day, start, sizeof start);
	flash_date(b->last_day, end, sizeof end);
	flash_date(b->data_day, day, sizeof day);
	fr_int(b->responses, n, sizeof n);

	pdf_tag_begin(p, "Sect");
	pdf_fill_rect(p, 0, 0, PDF_A4_WIDTH, 150, PDF_BLUE);
	text_block(p, MARGIN, 60, CONTENT_W, "P", &st_kicker, m(MSG_B_COVER_KICKER));
	text_block(p, MARGIN, 80, CONTENT_W, "P",
	           &(struct pdf_style){ 13, 0, 0, PDF_WHITE, PDF_LEFT }, b->org_name);
	pdf_outline(p, 0, m(MSG_B_COVER_KICKER), 0);
	y = 200;
	y += text_block(p, MARGIN, y, CONTENT_W, "H1", &st_cover, m(MSG_B_COVER_TITLE, b->title));
	y += 18;
	y += text_block(p, MARGIN, y, CONTENT_W, "P", &st_cover_sub,
	                m(MSG_B_COVER_SUB, start, end, n, b->channels ? b->channels : ""));
	y += 8;
	y += text_block(p, MARGIN, y, CONTENT_W, "P", &st_cover_sub,
	                m(b->weighted ? MSG_B_COVER_WEIGHTED : MSG_B_COVER_RAW));
	y += 50;
	if (h && b->cur >= 0 && h->pt[b->cur].e.shown) {
		pdf_fill_rect(p, MARGIN, y, CONTENT_W, 120, PDF_PALE);
		pdf_fill_rect(p, MARGIN, y, 6, 120, PDF_BLUE);
		text_block(p, MARGIN + 24, y + 14, CONTENT_W - 40, "P", &st_h2,
		           m(MSG_B_COVER_HEADLINE, h->label, b->s[b->cur].year));
		text_block(p, MARGIN + 24, y + 34, CONTENT_W - 40, "P", &st_big,
		           pct(h->pt[b->cur].e.p, v));
		{
			char lo[FR_NUM_SIZE], hi[FR_NUM_SIZE];

			text_block(p, MARGIN + 24, y + 94, CONTENT_W - 40, "P", &st_body,
			           m(MSG_REP_CI, pct(h->pt[b->cur].e.lo, lo), pct(h->pt[b->cur].e.hi, hi)));
		}
	}
	text_block(p, MARGIN, 700, CONTENT_W, "P", &st_cover_sub, m(MSG_B_COVER_DATE, day));
	pdf_tag_end(p, "Sect");
}

/* ---- page 2: the five points ---- */

static void page_summary(struct pdf *p, const struct brief *b)
{
	double y = MARGIN, h;
	size_t i;
	char num[24];

	pdf_tag_begin(p, "Sect");
	y = heading(p, y, m(MSG_B_H_ESSENTIAL)) + 10;
	pdf_tag_begin(p, "L");
	for (i = 0; i < b->npoints; i++) {
		pdf_tag_begin(p, "LI");
		snprintf(num, sizeof num, "%zu", i + 1);
		pdf_text(p, MARGIN + 18, y + 2, 0, &st_num, num);
		h = pdf_text(p, MARGIN + 44, y, CONTENT_W - 50, &st_point, b->points[i]);
		pdf_tag_end(p, "LI");
		if (h < 28)
			h = 28;
		y += h + 8;
		pdf_line(p, MARGIN, y, MARGIN + CONTENT_W, y, 0.5, PDF_LIGHT, 0);
		y += 14;
	}
	pdf_tag_end(p, "L");
	pdf_tag_end(p, "Sect");
}

/* ---- page 3: key figures ---- */

static void page_key(struct pdf *p, const struct brief *b)
{
	static const double cw[] = { 190, 70, 100, 60, 79 };
	char v[FR_NUM_SIZE], lo[FR_NUM_SIZE], hi[FR_NUM_SIZE], n[FR_NUM_SIZE];
	double y = MARGIN, x;
	size_t i;
	int c;
	const char *hd[5];

	pdf_tag_begin(p, "Sect");
	y = heading(p, y, m(MSG_B_H_KEY, b->cur >= 0 ? b->s[b->cur].year : 0));
	hd[0] = m(MSG_REP_COL_INDICATOR);
	hd[1] = m(b->weighted ? MSG_B_COL_WEIGHTED : MSG_B_COL_RATE);
	hd[2] = m(MSG_REP_COL_CI);
	hd[3] = m(MSG_REP_COL_N);
	hd[4] = m(MSG_B_COL_RAW);
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	for (x = MARGIN, c = 0; c < 5; x += cw[c], c++)
		cell(p, x, y, cw[c], c ? &st_th_r : &st_th, "TH", hd[c]);
	pdf_tag_end(p, "TR");
	y += 14;
	pdf_line(p, MARGIN, y - 2, MARGIN + CONTENT_W, y - 2, 0.6, PDF_GREY, 0);
	for (i = 0; i < b->nind && b->cur >= 0; i++) {
		const struct west *e = &b->ind[i].pt[b->cur].e;
		char raw[FR_NUM_SIZE];

		if (!e->valid)
			continue;
		fr_int((long long)e->n, n, sizeof n);
		pdf_tag_begin(p, "TR");
		x = MARGIN;
		cell(p, x, y, cw[0], &st_td, "TH", b->ind[i].label);
		x += cw[0];
		cell(p, x, y, cw[1], &st_td_r, "TD",
		     !e->shown ? m(MSG_REP_ST_INSUFFICIENT)
		     : e->prudent ? m(MSG_B_PRUDENT_MARK, pct(e->p, v)) : pct(e->p, v));
		x += cw[1];
		cell(p, x, y, cw[2], &st_td_r, "TD",
		     e->shown ? m(MSG_B_RANGE, pct(e->lo, lo), pct(e->hi, hi)) : "–");
		x += cw[2];
		cell(p, x, y, cw[3], &st_td_r, "TD", n);
		x += cw[3];
		cell(p, x, y, cw[4], &st_td_r, "TD",
		     b->ind[i].raw >= 0 && e->shown ? pct(b->ind[i].raw, raw) : "–");
		pdf_tag_end(p, "TR");
		y += 15;
		pdf_line(p, MARGIN, y - 3, MARGIN + CONTENT_W, y - 3, 0.3, PDF_LIGHT, 0);
	}
	pdf_tag_end(p, "Table");
	y += 16;
	/* Bars with intervals. */
	pdf_tag_begin(p, "Figure");
	for (i = 0; i < b->nind && b->cur >= 0; i++) {
		const struct west *e = &b->ind[i].pt[b->cur].e;

		if (!e->valid)
			continue;
		pdf_text_fit(p, MARGIN, y + 2, 180, &st_td, b->ind[i].label);
		rate_bar(p, MARGIN + 190, y, 260, 14, e, PDF_BLUE, 0);
		if (e->shown)
			pdf_text(p, MARGIN + CONTENT_W, y + 2, 0, &st_td_r, pct(e->p, v));
		y += 22;
	}
	for (c = 0; c <= 4; c++) {
		x = MARGIN + 190 + 260 * c / 4.0;
		pdf_line(p, x, y - 4, x, y, 0.5, PDF_GREY, 0);
		fr_percent_value(25.0 * c, v, sizeof v);
		pdf_text(p, x, y + 1, 0, &st_axis, v);
	}
	pdf_tag_end(p, "Figure");
	y += 22;
	text_block(p, MARGIN, y, CONTENT_W, "P", &st_note, m(MSG_B_KEY_NOTE));
	pdf_tag_end(p, "Sect");
}

/* ---- pages 4-5: trends ---- */

static void trend_chart(struct pdf *p, const struct brief *b, const struct brief_indicator *ind,
                        double x0, double y0, double w, double h)
{
	double lo = 1.0, top = 1.0, px, py, plo, phi, cx0 = x0 + 26, cw = w - 34, ch = h - 40;
	double cy0 = y0 + 18, prevx = -1, prevy = -1, step, gy;
	char v[FR_NUM_SIZE];
	size_t s;
	int g, rupture = 0;

	for (s = 0; s < b->ns; s++) {
		if (ind->pt[s].e.shown && ind->pt[s].e.lo < lo)
			lo = ind->pt[s].e.lo;
		if (ind->pt[s].objective >= 0 && ind->pt[s].objective / 100 < lo)
			lo = ind->pt[s].objective / 100;
	}
	lo = (double)(int)(lo * 10) / 10.0;   /* down to a multiple of 10 % */
	if (lo > 0.6)
		lo = 0.6;
	if (lo < 0)
		lo = 0;
	pdf_text_fit(p, x0, y0, w, &st_chart_h, ind->channel[0]
	             ? m(MSG_B_MARGIN_ITEM, ind->label, ind->channel) : ind->label);
	pdf_stroke_rect(p, cx0, cy0, cw, ch, 0.5, PDF_LIGHT);
	for (g = 0; lo + g * 0.1 <= top + 1e-9; g++) {
		double val = lo + g * 0.1;

		gy = cy0 + ch - ch * (val - lo) / (top - lo);
		pdf_line(p, cx0, gy, cx0 + cw, gy, 0.3, PDF_LIGHT, 0);
		fr_percent_value(100.0 * val, v, sizeof v);
		pdf_text(p, cx0 - 3, gy - 4, 0, &st_axis_r, v);
	}
	step = b->ns > 0 ? cw / (double)b->ns : cw;
	for (s = 0; s < b->ns; s++) {
		const struct brief_point *pt = &ind->pt[s];

		px = cx0 + step * (s + 0.5);
		pdf_text(p, px, cy0 + ch + 3, 0, &st_axis, survey_short(b, s));
		if (pt->objective >= 0) {
			py = cy0 + ch - ch * (pt->objective / 100 - lo) / (top - lo);
			pdf_line(p, px - step * 0.35, py, px + step * 0.35, py, 1.6, PDF_ORANGE, 3);
		}
		if (!pt->e.shown)
			continue;
		py = cy0 + ch - ch * (pt->e.p - lo) / (top - lo);
		plo = cy0 + ch - ch * (pt->e.lo - lo) / (top - lo);
		phi = cy0 + ch - ch * (pt->e.hi - lo) / (top - lo);
		pdf_line(p, px, plo, px, phi, 1.0, PDF_INK, 0);
		pdf_line(p, px - 3, plo, px + 3, plo, 1.0, PDF_INK, 0);
		pdf_line(p, px - 3, phi, px + 3, phi, 1.0, PDF_INK, 0);
		if (prevx >= 0 && pt->rupture) {
			/* A break in the series: no line across two methods, a dashed separator. */
			pdf_line(p, (prevx + px) / 2, cy0, (prevx + px) / 2, cy0 + ch, 0.8, PDF_GREY, 3);
			rupture = 1;
		} else if (prevx >= 0) {
			pdf_line(p, prevx, prevy, px, py, 1.4, PDF_BLUE, 0);
		}
		pdf_fill_rect(p, px - 3, py - 3, 6, 6,
		              strcmp(b->s[s].kind, "large") == 0 ? PDF_BLUE : PDF_SKY);
		pdf_text(p, px + 6, py - 9, 0, pt->change > 0 ? &st_up_l
		         : pt->change < 0 ? &st_down_l : &st_val,
		         pt->change > 0 ? m(MSG_REP_UP, pct(pt->e.p, v))
		         : pt->change < 0 ? m(MSG_REP_DOWN, pct(pt->e.p, v)) : pct(pt->e.p, v));
		prevx = px;
		prevy = py;
	}
	if (rupture)
		pdf_text_fit(p, cx0, cy0 + ch + 13, cw, &st_axis_l, m(MSG_B_RUPTURE));
}

static void trend_table(struct pdf *p, const struct brief *b, double y)
{
	double lw = 150, cw = b->ns ? (CONTENT_W - lw) / (double)b->ns : CONTENT_W, x;
	char v[FR_NUM_SIZE], n[FR_NUM_SIZE];
	size_t i, s;

	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	cell(p, MARGIN, y, lw, &st_th, "TH", m(MSG_REP_COL_INDICATOR));
	for (s = 0, x = MARGIN + lw; s < b->ns; s++, x += cw)
		cell(p, x, y, cw, &st_th_r, "TH", survey_short(b, s));
	pdf_tag_end(p, "TR");
	y += 14;
	pdf_line(p, MARGIN, y - 2, MARGIN + CONTENT_W, y - 2, 0.6, PDF_GREY, 0);
	for (i = 0; i < b->nind; i++) {
		pdf_tag_begin(p, "TR");
		cell(p, MARGIN, y, lw, &st_td, "TH", b->ind[i].channel[0]
		     ? m(MSG_B_MARGIN_ITEM, b->ind[i].label, b->ind[i].channel) : b->ind[i].label);
		for (s = 0, x = MARGIN + lw; s < b->ns; s++, x += cw) {
			const struct brief_point *pt = &b->ind[i].pt[s];
			const char *t;

			fr_int((long long)pt->e.n, n, sizeof n);
			if (!pt->e.valid)
				t = m(MSG_B_NOT_ASKED);
			else if (!pt->e.shown)
				t = m(MSG_REP_INSUFFICIENT, n);
			else
				t = m(MSG_REP_BAR_VALUE, pt->e.prudent ? m(MSG_B_PRUDENT_MARK, pct(pt->e.p, v))
				                                       : pct(pt->e.p, v), n);
			if (pt->rupture)
				t = m(MSG_B_RUPTURE_CELL, t);
			else if (pt->change > 0)
				t = m(MSG_REP_UP, t);
			else if (pt->change < 0)
				t = m(MSG_REP_DOWN, t);
			cell(p, x, y, cw, pt->change > 0 ? &st_up : pt->change < 0 ? &st_down : &st_td_r,
			     "TD", t);
		}
		pdf_tag_end(p, "TR");
		y += 15;
		pdf_line(p, MARGIN, y - 3, MARGIN + CONTENT_W, y - 3, 0.3, PDF_LIGHT, 0);
	}
	pdf_tag_end(p, "Table");
	y += 6;
	text_block(p, MARGIN, y, CONTENT_W, "P", &st_note, m(MSG_B_LEGEND_LARGE));
}

static void pages_trends(struct pdf *p, const struct brief *b)
{
	double w = (CONTENT_W - 20) / 2, h = 200, y0;
	size_t i;

	pdf_tag_begin(p, "Sect");
	y0 = heading(p, MARGIN, m(MSG_B_H_TRENDS));
	y0 += text_block(p, MARGIN, y0, CONTENT_W, "P", &st_note, m(MSG_B_TREND_NOTE)) + 10;
	pdf_tag_begin(p, "Figure");
	for (i = 0; i < b->nind && i < CHARTS_PER_PAGE; i++)
		trend_chart(p, b, &b->ind[i], MARGIN + (i % 2) * (w + 20), y0 + (i / 2) * (h + 12),
		            w, h);
	pdf_tag_end(p, "Figure");
	pdf_tag_end(p, "Sect");
	next_page(p, b);

	pdf_tag_begin(p, "Sect");
	y0 = MARGIN;
	if (b->nind > CHARTS_PER_PAGE) {
		pdf_tag_begin(p, "Figure");
		for (i = CHARTS_PER_PAGE; i < b->nind && i < CHARTS_PER_PAGE + 2; i++)
			trend_chart(p, b, &b->ind[i], MARGIN + (i % 2) * (w + 20), y0, w, h);
		pdf_tag_end(p, "Figure");
		y0 += h + 20;
	}
	y0 = subheading(p, 0, y0, m(MSG_B_H_TRENDS_TABLE));
	pdf_outline(p, 0, m(MSG_B_H_TRENDS_TABLE), y0);
	trend_table(p, b, y0);
	pdf_tag_end(p, "Sect");
}

/* ---- pages 6-7: breakdowns ---- */

static double dim_table(struct pdf *p, const struct brief *b, const struct brief_dim *d, double y)
{
	double gw = 150, nw = 40, qw = b->nq ? (CONTENT_W - gw - nw) / (double)b->nq : 0, x, hh = 0, t;
	char v[FR_NUM_SIZE], n[FR_NUM_SIZE];
	size_t g, q;

	fr_int((long long)d->ntests, n, sizeof n);
	y = subheading(p, 0, y, m(d->ntests == 1 ? MSG_B_DIM_TESTS_ONE : MSG_B_DIM_TESTS, d->title, n));
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	cell(p, MARGIN, y, gw, &st_th, "TH", m(MSG_B_COL_GROUP));
	cell(p, MARGIN + gw, y, nw, &st_th_r, "TH", "n");
	for (q = 0, x = MARGIN + gw + nw; q < b->nq; q++, x += qw) {
		pdf_tag_begin(p, "TH");
		t = pdf_text(p, x + 2, y, qw - 4, &(struct pdf_style){ 6.5, 1, 0, PDF_INK, PDF_RIGHT },
		             b->q[q].label);
		pdf_tag_end(p, "TH");
		if (t > hh)
			hh = t;
	}
	pdf_tag_end(p, "TR");
	y += hh > 12 ? hh + 3 : 15;
	pdf_line(p, MARGIN, y - 2, MARGIN + CONTENT_W, y - 2, 0.6, PDF_GREY, 0);
	for (g = 0; g < d->ng; g++) {
		const struct brief_group *gr = &d->g[g];

		pdf_tag_begin(p, "TR");
		cell(p, MARGIN, y, gw, &st_td, "TH", gr->label);
		fr_int((long long)gr->e[0].n, n, sizeof n);
		cell(p, MARGIN + gw, y, nw, &st_td_r, "TD", n);
		for (q = 0, x = MARGIN + gw + nw; q < b->nq; q++, x += qw) {
			const char *s;

			if (!gr->e[q].shown)
				s = "–";
			else {
				s = gr->e[q].prudent ? m(MSG_B_PRUDENT_MARK, pct(gr->e[q].p, v))
				                     : pct(gr->e[q].p, v);
				if (gr->diff[q] > 0)
					s = m(MSG_REP_UP, s);
				else if (gr->diff[q] < 0)
					s = m(MSG_REP_DOWN, s);
			}
			cell(p, x, y, qw, gr->diff[q] > 0 && gr->e[q].shown ? &st_up
			     : gr->diff[q] < 0 && gr->e[q].shown ? &st_down : &st_td_r, "TD", s);
		}
		pdf_tag_end(p, "TR");
		y += 14;
		pdf_line(p, MARGIN, y - 3, MARGIN + CONTENT_W, y - 3, 0.3, PDF_LIGHT, 0);
	}
	pdf_tag_end(p, "Table");
	return y + 14;
}

static void pages_breakdowns(struct pdf *p, const struct brief *b)
{
	double y;
	size_t d;

	pdf_tag_begin(p, "Sect");
	y = heading(p, MARGIN, m(MSG_B_H_BREAK1));
	y += text_block(p, MARGIN, y, CONTENT_W, "P", &st_note, m(MSG_B_BREAK_NOTE)) + 8;
	for (d = 0; d < 3; d++)
		y = dim_table(p, b, &b->dim[d], y);
	pdf_tag_end(p, "Sect");
	next_page(p, b);
	pdf_tag_begin(p, "Sect");
	y = heading(p, MARGIN, m(MSG_B_H_BREAK2));
	y += text_block(p, MARGIN, y, CONTENT_W, "P", &st_note, m(MSG_B_BREAK_NOTE)) + 8;
	for (d = 3; d < BRIEF_NDIMS; d++)
		y = dim_table(p, b, &b->dim[d], y);
	pdf_tag_end(p, "Sect");
}

/* ---- page 8: mirror ---- */

static void page_mirror(struct pdf *p, const struct brief *b)
{
	static const double cw[] = { 165, 110, 110, 114 };
	char u[FR_NUM_SIZE], a[FR_NUM_SIZE], d[FR_NUM_SIZE], lo[FR_NUM_SIZE], hi[FR_NUM_SIZE];
	char n[FR_NUM_SIZE];
	double y, x;
	size_t i;

	pdf_tag_begin(p, "Sect");
	y = heading(p, MARGIN, m(MSG_B_H_MIRROR));
	if (b->nmir == 0) {
		text_block(p, MARGIN, y, CONTENT_W, "P", &st_body, m(MSG_B_NO_MIRROR));
		pdf_tag_end(p, "Sect");
		return;
	}
	fr_int(b->mirror_responses, n, sizeof n);
	y += text_block(p, MARGIN, y, CONTENT_W, "P", &st_body,
	                m(MSG_B_MIRROR_INTRO, b->mirror_title, n)) + 12;
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	cell(p, MARGIN, y, cw[0], &st_th, "TH", m(MSG_REP_COL_INDICATOR));
	cell(p, MARGIN + cw[0], y, cw[1], &st_th_r, "TH", m(MSG_B_COL_USERS));
	cell(p, MARGIN + cw[0] + cw[1], y, cw[2], &st_th_r, "TH", m(MSG_B_COL_AGENTS));
	cell(p, MARGIN + cw[0] + cw[1] + cw[2], y, cw[3], &st_th_r, "TH", m(MSG_B_COL_GAP));
	pdf_tag_end(p, "TR");
	y += 14;
	pdf_line(p, MARGIN, y - 2, MARGIN + CONTENT_W, y - 2, 0.6, PDF_GREY, 0);
	for (i = 0; i < b->nmir; i++) {
		const struct brief_mirror *mr = &b->mir[i];
		const char *gap;

		fr_points(mr->agents.p - mr->users.p, d, sizeof d);
		gap = d;
		pdf_tag_begin(p, "TR");
		x = MARGIN;
		cell(p, x, y, cw[0], &st_td, "TH", mr->label);
		x += cw[0];
		cell(p, x, y, cw[1], &st_td_r, "TD", mr->users.shown ? pct(mr->users.p, u) : "–");
		x += cw[1];
		cell(p, x, y, cw[2], &st_td_r, "TD", mr->agents.shown ? pct(mr->agents.p, a) : "–");
		x += cw[2];
		cell(p, x, y, cw[3], &st_td_r, "TD", mr->users.shown && mr->agents.shown ? gap : "–");
		pdf_tag_end(p, "TR");
		y += 15;
		pdf_line(p, MARGIN, y - 3, MARGIN + CONTENT_W, y - 3, 0.3, PDF_LIGHT, 0);
	}
	pdf_tag_end(p, "Table");
	y += 18;
	pdf_tag_begin(p, "Figure");
	for (i = 0; i < b->nmir; i++) {
		const struct brief_mirror *mr = &b->mir[i];

		pdf_text_fit(p, MARGIN, y + 6, 160, &st_td, mr->label);
		rate_bar(p, MARGIN + 170, y, 230, 11, &mr->users, PDF_BLUE, 0);
		rate_bar(p, MARGIN + 170, y + 13, 230, 11, &mr->agents, PDF_SKY, 1);
		if (mr->users.shown)
			pdf_text(p, MARGIN + CONTENT_W, y, 0, &st_td_r,
			         m(MSG_B_MIRROR_USERS_BAR, pct(mr->users.p, u)));
		if (mr->agents.shown)
			pdf_text(p, MARGIN + CONTENT_W, y + 13, 0, &st_td_r,
			         m(MSG_B_MIRROR_AGENTS_BAR, pct(mr->agents.p, a)));
		y += 34;
	}
	pdf_tag_end(p, "Figure");
	(void)lo;
	(void)hi;
	y += 6;
	text_block(p, MARGIN, y, CONTENT_W, "P", &st_note, m(MSG_B_MIRROR_NOTE));
	pdf_tag_end(p, "Sect");
}

/* ---- pages 9-10: method, sources ---- */

static void page_method(struct pdf *p, const struct brief *b)
{
	char *text = brief_method_text(b);
	double y;

	pdf_tag_begin(p, "Sect");
	y = heading(p, MARGIN, m(MSG_B_H_METHOD));
	text_block(p, MARGIN, y, CONTENT_W, "P", &st_body, text ? text : "");
	free(text);
	pdf_tag_end(p, "Sect");
}

static void page_sources(struct pdf *p, const struct brief *b)
{
	char n[FR_NUM_SIZE], day[64];
	struct outbuf list;
	double y;
	size_t i, rows = 0;
	char *label;

	outbuf_init(&list, 1 << 16);
	for (i = 0; i < b->ns; i++)
		outbuf_addf(&list, "%s%s", i ? ", " : "", b->s[i].title);
	outbuf_adds(&list, "");
	pdf_tag_begin(p, "Sect");
	y = heading(p, MARGIN, m(MSG_B_H_SOURCES));
	y += text_block(p, MARGIN, y, CONTENT_W, "P", &st_body,
	                m(MSG_B_SOURCES_INTRO, b->title, list.data ? (char *)list.data : "")) + 12;
	outbuf_release(&list);
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	cell(p, MARGIN, y, 300, &st_th, "TH", m(MSG_REP_COL_SOURCE));
	cell(p, MARGIN + 300, y, 199, &st_th_r, "TH", m(MSG_REP_COL_FORMS));
	pdf_tag_end(p, "TR");
	y += 14;
	pdf_line(p, MARGIN, y - 2, MARGIN + CONTENT_W, y - 2, 0.6, PDF_GREY, 0);
	for (i = 0; i < b->nsrc && rows < MAX_BATCH_ROWS; i++) {
		const struct brief_source *s = &b->src[i];

		label = flash_source_label(s->collector, s->format);
		fr_int(s->forms, n, sizeof n);
		flash_date(s->day, day, sizeof day);
		pdf_tag_begin(p, "TR");
		cell(p, MARGIN, y, 300, &st_td, "TH", s->is_batch
		     ? m(MSG_REP_BATCH_ITEM, s->batch, day, label ? label : "") : (label ? label : ""));
		cell(p, MARGIN + 300, y, 199, &st_td_r, "TD", n);
		pdf_tag_end(p, "TR");
		free(label);
		y += 14;
		rows++;
	}
	pdf_tag_end(p, "Table");
	y += 12;
	if (b->mirror_code) {
		fr_int(b->mirror_responses, n, sizeof n);
		text_block(p, MARGIN, y, CONTENT_W, "P", &st_body,
		           m(MSG_B_MIRROR_SOURCE, b->mirror_title, n));
	}
	pdf_tag_end(p, "Sect");
}

int brief_draw(const struct brief *b, struct outbuf *out, const char **why)
{
	struct pdf p;
	struct pdf_meta meta;
	char title[512], subject[512], creator[128];
	int rc = -1;

	snprintf(title, sizeof title, "%s", m(MSG_B_DOC_TITLE, b->title));
	snprintf(subject, sizeof subject, "%s", m(MSG_B_DOC_SUBJECT, b->title));
	snprintf(creator, sizeof creator, "survey-report %s", BAROMETRE_VERSION);
	meta.title = title;
	meta.author = b->org_name;
	meta.subject = subject;
	meta.creator = creator;
	meta.epoch = b->data_epoch;
	if (pdf_begin(&p, &meta) != 0) {
		*why = "cannot start the PDF";
		goto out;
	}
	page_cover(&p, b);
	next_page(&p, b);
	page_summary(&p, b);
	next_page(&p, b);
	page_key(&p, b);
	next_page(&p, b);
	pages_trends(&p, b);
	next_page(&p, b);
	pages_breakdowns(&p, b);
	next_page(&p, b);
	page_mirror(&p, b);
	next_page(&p, b);
	page_method(&p, b);
	next_page(&p, b);
	page_sources(&p, b);
	footer(&p, b);
	if (pdf_end(&p, why) != 0) {
		pdf_release(&p);
		goto out;
	}
	*out = p.out;
	memset(&p.out, 0, sizeof p.out);
	pdf_release(&p);
	rc = 0;
out:
	report_text_clear();
	return rc;
}

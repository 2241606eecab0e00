/* flash_draw.c: the two A4 pages of the flash dashboard. Page 1: title, headline tiles, the
 * indicator table with objectives and statuses, and a results-against-objectives chart. Page 2:
 * satisfaction by channel and by site, the answer distribution of the scale questions, the
 * sources of the answers and the method. Every list is capped so that the document always fits
 * on exactly two pages. */
#include "flash.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "command.h"
#include "msg.h"
#include "pdf.h"
#include "stats.h"
#include "wstats.h"

#define MARGIN 42.0
#define CONTENT_W (PDF_A4_WIDTH - 2 * MARGIN)
#define FOOTER_Y (PDF_A4_HEIGHT - 30.0)
#define MAX_CHANNEL_BARS 6
#define MAX_SITE_BARS 8
#define MAX_SOURCES 8
#define MAX_BATCHES_LISTED 8
#define MAX_TILE_CHANNELS 6
#define MAX_SCALES 8
#define SRC_W 400.0

static const struct pdf_style st_org = { 10, 1, 0, PDF_BLUE, PDF_LEFT };
static const struct pdf_style st_h1 = { 18, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_h1b = { 15, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_h2 = { 12, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_h3 = { 9.5, 1, 0, PDF_BLUE, PDF_LEFT };
static const struct pdf_style st_meta = { 9, 0, 0, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_body = { 8.5, 0, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_body_r = { 8.5, 0, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_bold_r = { 8.5, 1, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_note = { 7.5, 0, 0, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_small = { 7.5, 0, 0, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_th = { 7.5, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_th_r = { 7.5, 1, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_tile_h = { 9, 1, 0, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_big = { 26, 1, 0, PDF_BLUE, PDF_LEFT };
static const struct pdf_style st_big2 = { 17, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_cell = { 8, 0, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_cell_r = { 8, 0, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_cell_b = { 8, 1, 0, PDF_INK, PDF_RIGHT };
static const struct pdf_style st_cell_i = { 7.5, 0, 1, PDF_GREY, PDF_LEFT };
static const struct pdf_style st_cell_b_l = { 8, 1, 0, PDF_INK, PDF_LEFT };
static const struct pdf_style st_cell_mark = { 7.5, 1, 0, PDF_INK, PDF_LEFT };

#define m report_text

static double heading(struct pdf *p, double y, const char *tag, const struct pdf_style *st,
                      const char *text)
{
	double h;

	pdf_tag_begin(p, tag);
	h = pdf_text(p, MARGIN, y, CONTENT_W, st, text);
	pdf_tag_end(p, tag);
	return h;
}

static double paragraph(struct pdf *p, double x, double y, double w, const struct pdf_style *st,
                        const char *text)
{
	double h;

	pdf_tag_begin(p, "P");
	h = pdf_text(p, x, y, w, st, text);
	pdf_tag_end(p, "P");
	return h;
}

static void footer(struct pdf *p, const struct flash *f, int page)
{
	char title[512];

	snprintf(title, sizeof title, "%s", m(MSG_REP_DOC_TITLE, f->title));
	pdf_line(p, MARGIN, FOOTER_Y - 4, MARGIN + CONTENT_W, FOOTER_Y - 4, 0.5, PDF_LIGHT, 0);
	pdf_tag_begin(p, "P");
	pdf_text(p, MARGIN, FOOTER_Y, CONTENT_W,
	         &(struct pdf_style){ 7.5, 0, 0, PDF_GREY, PDF_CENTER },
	         m(MSG_REP_FOOTER, f->org_name, title, page, 2));
	pdf_tag_end(p, "P");
}

static void change_text(const struct flash_indicator *ind, char *buf, size_t size)
{
	char pts[FR_NUM_SIZE];

	fr_points(ind->test.diff, pts, sizeof pts);
	switch (ind->change) {
	case FC_UP:
		snprintf(buf, size, "%s", m(MSG_REP_UP, pts));
		break;
	case FC_DOWN:
		snprintf(buf, size, "%s", m(MSG_REP_DOWN, pts));
		break;
	case FC_STABLE:
		snprintf(buf, size, "%s", m(MSG_REP_STABLE));
		break;
	default:
		snprintf(buf, size, "%s", m(MSG_REP_NO_COMPARISON));
		break;
	}
}

static const char *status_text(enum flash_status s)
{
	switch (s) {
	case FS_MET:
		return m(MSG_REP_ST_MET);
	case FS_NOT_MET:
		return m(MSG_REP_ST_NOT_MET);
	case FS_INCONCLUSIVE:
		return m(MSG_REP_ST_INCONCLUSIVE);
	case FS_INSUFFICIENT:
		return m(MSG_REP_ST_INSUFFICIENT);
	default:
		return m(MSG_REP_ST_NONE);
	}
}

static unsigned status_colour(enum flash_status s)
{
	return s == FS_MET ? PDF_GREEN : s == FS_NOT_MET ? PDF_VERMILLION
	     : s == FS_INCONCLUSIVE ? PDF_ORANGE : PDF_LIGHT;
}

static const char *answers_text(double n)
{
	char num[FR_NUM_SIZE];

	fr_int((long long)n, num, sizeof num);
	return n == 1 ? m(MSG_REP_ANSWERS_ONE, num) : m(MSG_REP_ANSWERS, num);
}

static const char *ci_text(const struct flash_rate *r)
{
	char lo[FR_NUM_SIZE], hi[FR_NUM_SIZE];

	fr_decimal(r->lo * 100.0, 1, lo, sizeof lo);
	fr_percent(r->hi, hi, sizeof hi);
	return m(MSG_REP_CI_FLASH, lo, hi);
}

/* The three headline tiles. Returns the height used. */
static double tiles(struct pdf *p, const struct flash *f, double y)
{
	const double gap = 10, h = 116, w = (CONTENT_W - 2 * gap) / 3;
	double x, yy;
	char buf[256], num[FR_NUM_SIZE], obj[FR_NUM_SIZE];
	const struct flash_indicator *hl = f->headline >= 0 ? &f->ind[f->headline] : NULL;
	size_t i;

	/* 1. Overall satisfaction. */
	x = MARGIN;
	pdf_tag_begin(p, "Div");
	pdf_fill_rect(p, x, y, w, h, PDF_PALE);
	pdf_fill_rect(p, x, y, 4, h, PDF_BLUE);
	yy = y + 8;
	pdf_tag_begin(p, "H3");
	yy += pdf_text(p, x + 12, yy, w - 18, &st_tile_h,
	               hl ? hl->label : m(MSG_REP_TILE_SATISF)) + 2;
	pdf_tag_end(p, "H3");
	pdf_tag_begin(p, "P");
	if (hl && hl->cur.shown) {
		fr_percent(hl->cur.rate, buf, sizeof buf);
		yy += pdf_text(p, x + 12, yy, 0, &st_big, buf);
		yy += pdf_text(p, x + 12, yy, 0, &st_body, ci_text(&hl->cur)) + 1;
		yy += pdf_text(p, x + 12, yy, 0, &st_body, answers_text(hl->cur.n)) + 3;
		if (hl->objective >= 0) {
			fr_percent_value(hl->objective, obj, sizeof obj);
			yy += pdf_text_fit(p, x + 12, yy, w - 18, &st_body,
			                   m(MSG_REP_TILE_OBJECTIVE, f->year, obj));
			pdf_fill_rect(p, x + 12, yy + 2, 4, 10, status_colour(hl->status));
			pdf_text_fit(p, x + 20, yy + 1, w - 26,
			             &(struct pdf_style){ 8.5, 1, 0, PDF_INK, PDF_LEFT },
			             status_text(hl->status));
		}
	} else {
		yy += pdf_text(p, x + 12, yy, 0, &st_big, "—");
		fr_int(hl ? (long long)hl->cur.n : 0, num, sizeof num);
		pdf_text(p, x + 12, yy, w - 18, &st_body, m(MSG_REP_INSUFFICIENT, num));
	}
	pdf_tag_end(p, "P");
	pdf_tag_end(p, "Div");

	/* 2. Change against the previous flash survey. */
	x += w + gap;
	pdf_tag_begin(p, "Div");
	pdf_fill_rect(p, x, y, w, h, PDF_PALE);
	pdf_fill_rect(p, x, y, 4, h, PDF_ORANGE);
	yy = y + 8;
	pdf_tag_begin(p, "H3");
	yy += pdf_text(p, x + 12, yy, w - 18, &st_tile_h, m(MSG_REP_TILE_CHANGE)) + 6;
	pdf_tag_end(p, "H3");
	pdf_tag_begin(p, "P");
	if (!f->has_prev) {
		yy += pdf_text(p, x + 12, yy, 0, &st_big2, "—") + 4;
		pdf_text(p, x + 12, yy, w - 18, &st_body, m(MSG_REP_NO_PREVIOUS));
	} else if (!hl || hl->change == FC_NA || hl->change == FC_NONE) {
		yy += pdf_text(p, x + 12, yy, 0, &st_big2, "—") + 4;
		fr_int(hl ? (long long)hl->prev.n : 0, num, sizeof num);
		pdf_text(p, x + 12, yy, w - 18, &st_body,
		         m(MSG_REP_PREV_VALUE, f->prev_title, m(MSG_REP_INSUFFICIENT, num), num));
	} else {
		change_text(hl, buf, sizeof buf);
		yy += pdf_text(p, x + 12, yy, 0, &st_big2, buf) + 6;
		fr_percent(hl->prev.rate, obj, sizeof obj);
		fr_int((long long)hl->prev.n, num, sizeof num);
		yy += pdf_text(p, x + 12, yy, w - 18, &st_body,
		               m(MSG_REP_PREV_VALUE, f->prev_title, obj, num)) + 3;
		{
			char raw[FR_NUM_SIZE], adj[FR_NUM_SIZE];

			fr_points(hl->cur.rate - hl->prev.rate, raw, sizeof raw);
			fr_points(hl->test.diff, adj, sizeof adj);
			yy += pdf_text(p, x + 12, yy, w - 18, &st_small, m(MSG_REP_CHANGE_DETAIL, raw, adj));
		}
		pdf_text(p, x + 12, yy, w - 18, &st_small,
		         hl->change == FC_STABLE ? m(MSG_REP_NOT_SIGNIFICANT)
		         : hl->change == FC_UP   ? m(MSG_REP_SIGNIFICANT_UP)
		                                 : m(MSG_REP_SIGNIFICANT_DOWN));
	}
	pdf_tag_end(p, "P");
	pdf_tag_end(p, "Div");

	/* 3. Questionnaires per channel. */
	x += w + gap;
	pdf_tag_begin(p, "Div");
	pdf_fill_rect(p, x, y, w, h, PDF_PALE);
	pdf_fill_rect(p, x, y, 4, h, PDF_SKY);
	yy = y + 8;
	pdf_tag_begin(p, "H3");
	yy += pdf_text(p, x + 12, yy, w - 18, &st_tile_h, m(MSG_REP_TILE_CHANNELS)) + 4;
	pdf_tag_end(p, "H3");
	pdf_tag_begin(p, "L");
	for (i = 0; i < f->nchannels && i < MAX_TILE_CHANNELS; i++) {
		pdf_tag_begin(p, "LI");
		fr_int(f->channels[i].forms, num, sizeof num);
		pdf_text_fit(p, x + 12, yy, w - 70, &st_body, f->channels[i].label);
		pdf_text(p, x + w - 10, yy, 0, &st_bold_r, num);
		pdf_tag_end(p, "LI");
		yy += 12;
	}
	pdf_tag_end(p, "L");
	fr_int(f->forms, num, sizeof num);
	pdf_tag_begin(p, "P");
	pdf_line(p, x + 12, y + h - 21, x + w - 10, y + h - 21, 0.5, PDF_GREY, 0);
	pdf_text(p, x + 12, y + h - 17, w - 22, &(struct pdf_style){ 8.5, 1, 0, PDF_INK, PDF_LEFT },
	         m(MSG_REP_FORMS, num));
	pdf_tag_end(p, "P");
	pdf_tag_end(p, "Div");
	return h;
}

/* The heading cell of a table row: one line lowered to the middle of the row, or two lines
 * from y when the label is long. */
static void row_label(struct pdf *p, double x, double y, double w, const char *label)
{
	const struct pdf_style st = { 8, 1, 0, PDF_INK, PDF_LEFT };
	double lw, lh;

	pdf_tag_begin(p, "TH");
	pdf_text_size(p, &st, label, &lw, &lh);
	pdf_text(p, x, lw <= w ? y + 5 : y, w, &st, label);
	pdf_tag_end(p, "TH");
}

/* Column layout of the indicator table (x offsets and widths within the content width). */
enum { C_IND, C_OBJ, C_RES, C_CI, C_N, C_ST, C_EV, NCOL };
static const double col_x[NCOL + 1] = { 0, 134, 172, 218, 290, 330, 436, CONTENT_W };

static double indicator_table(struct pdf *p, const struct flash *f, double y)
{
	const double head_h = 20, row_h = 25;
	double x0 = MARGIN, yy, ty;
	char buf[256], num[FR_NUM_SIZE], prevyear[16];
	size_t i;

	snprintf(prevyear, sizeof prevyear, "%d", f->prev_year);
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	pdf_fill_rect(p, x0, y, CONTENT_W, head_h, PDF_LIGHT);
	{
		const char *head[NCOL] = {
			m(MSG_REP_COL_INDICATOR), m(MSG_REP_COL_OBJECTIVE), m(MSG_REP_COL_RESULT),
			m(MSG_REP_COL_CI), m(MSG_REP_COL_N), m(MSG_REP_COL_STATUS),
			m(MSG_REP_COL_CHANGE, f->has_prev ? prevyear : "—"),
		};
		int c;

		for (c = 0; c < NCOL; c++) {
			pdf_tag_begin(p, "TH");
			if (c == C_OBJ || c == C_RES || c == C_N)
				pdf_text(p, x0 + col_x[c + 1] - 4, y + 6, 0, &st_th_r, head[c]);
			else
				pdf_text_fit(p, x0 + col_x[c] + 4, y + 6, col_x[c + 1] - col_x[c] - 6, &st_th,
				             head[c]);
			pdf_tag_end(p, "TH");
		}
	}
	pdf_tag_end(p, "TR");
	yy = y + head_h;
	for (i = 0; i < f->nind; i++) {
		const struct flash_indicator *ind = &f->ind[i];

		ty = yy + 4;
		if (i % 2)
			pdf_fill_rect(p, x0, yy, CONTENT_W, row_h, PDF_PALE);
		pdf_tag_begin(p, "TR");
		/* Indicator, with its channel when it has one. */
		row_label(p, x0 + 4, ty - 1, col_x[C_OBJ] - 8, ind->label);
		/* Objective. */
		pdf_tag_begin(p, "TD");
		if (ind->objective >= 0)
			fr_percent_value(ind->objective, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "—");
		pdf_text(p, x0 + col_x[C_OBJ + 1] - 4, ty + 4, 0, &st_cell_r, buf);
		pdf_tag_end(p, "TD");
		if (ind->cur.shown) {
			pdf_tag_begin(p, "TD");
			fr_percent(ind->cur.rate, buf, sizeof buf);
			if (ind->cur.n < WSTATS_PRUDENT)
				snprintf(buf, sizeof buf, "%s", m(MSG_B_PRUDENT_MARK, buf));
			pdf_text(p, x0 + col_x[C_RES + 1] - 4, ty + 4, 0, &st_cell_b, buf);
			pdf_tag_end(p, "TD");
			pdf_tag_begin(p, "TD");
			{
				char lo[FR_NUM_SIZE], hi[FR_NUM_SIZE];

				fr_decimal(ind->cur.lo * 100.0, 1, lo, sizeof lo);
				fr_percent(ind->cur.hi, hi, sizeof hi);
				snprintf(buf, sizeof buf, "%s – %s", lo, hi);
			}
			pdf_text(p, x0 + col_x[C_CI] + 8, ty + 4, 0, &st_cell, buf);
			pdf_tag_end(p, "TD");
		} else {
			pdf_tag_begin(p, "TD");
			fr_int((long long)ind->cur.n, num, sizeof num);
			pdf_text_fit(p, x0 + col_x[C_RES] + 8, ty + 4, col_x[C_N] - col_x[C_RES] - 8,
			             &st_cell_i, m(MSG_REP_INSUFFICIENT, num));
			pdf_tag_end(p, "TD");
		}
		pdf_tag_begin(p, "TD");
		fr_int((long long)ind->cur.n, num, sizeof num);
		pdf_text(p, x0 + col_x[C_N + 1] - 4, ty + 4, 0, &st_cell_r, num);
		pdf_tag_end(p, "TD");
		/* Status: a coloured mark and a symbol, so that it reads without colour. */
		pdf_tag_begin(p, "TD");
		if (ind->status != FS_INSUFFICIENT) {
			pdf_fill_rect(p, x0 + col_x[C_ST] + 4, ty + 4, 4, 11, status_colour(ind->status));
			pdf_text_fit(p, x0 + col_x[C_ST] + 12, ty + 4, col_x[C_EV] - col_x[C_ST] - 14,
			             ind->status == FS_NONE ? &st_cell_i : &st_cell,
			             status_text(ind->status));
		} else {
			pdf_text(p, x0 + col_x[C_ST] + 12, ty + 4, 0, &st_cell_i, "—");
		}
		pdf_tag_end(p, "TD");
		/* Change. */
		pdf_tag_begin(p, "TD");
		change_text(ind, buf, sizeof buf);
		pdf_text_fit(p, x0 + col_x[C_EV] + 4, ty + 4, col_x[C_EV + 1] - col_x[C_EV] - 6,
		             ind->change == FC_UP || ind->change == FC_DOWN
		                 ? &(struct pdf_style){ 8, 1, 0, PDF_INK, PDF_LEFT } : &st_cell, buf);
		pdf_tag_end(p, "TD");
		pdf_tag_end(p, "TR");
		yy += row_h;
	}
	pdf_tag_end(p, "Table");
	pdf_line(p, x0, yy, x0 + CONTENT_W, yy, 0.6, PDF_GREY, 0);
	return yy - y;
}

/* "63 %" from 0.628: a share in whole percent. */
static void share_text(double ratio, char *buf, size_t size)
{
	char num[16];

	fr_decimal(ratio * 100.0, 0, num, sizeof num);
	snprintf(buf, size, "%s" FR_NBSP "%%", num);
}

/* The sentences saying that the channel or site mix moved. Returns the height used. */
static double mix_sentences(struct pdf *p, const struct flash *f, double y)
{
	const struct pdf_style st = { 8.5, 1, 0, PDF_VERMILLION, PDF_LEFT };
	char a[FR_NUM_SIZE], b[FR_NUM_SIZE];
	double h = 0;

	if (f->channel_mix.label) {
		share_text(f->channel_mix.before, a, sizeof a);
		share_text(f->channel_mix.after, b, sizeof b);
		h += paragraph(p, MARGIN, y + h, CONTENT_W, &st,
		               m(MSG_REP_MIX_CHANNEL, f->channel_mix.label, a, b)) + 2;
	}
	if (f->site_mix.label) {
		share_text(f->site_mix.before, a, sizeof a);
		share_text(f->site_mix.after, b, sizeof b);
		h += paragraph(p, MARGIN, y + h, CONTENT_W, &st,
		               m(MSG_REP_MIX_SITE, f->site_mix.label, a, b)) + 2;
	}
	return h ? h + 4 : 0;
}

#define MAX_CHANNEL_COLS 4

/* The cell of one indicator in one channel: two lines, this year then the previous one. */
static void channel_cell(struct pdf *p, const struct flash *f, const struct flash_stratum *s,
                         double x, double y, double w)
{
	char num[FR_NUM_SIZE], rate[FR_NUM_SIZE], pts[FR_NUM_SIZE + 8], change[128];
	int marked = s->change == FC_UP || s->change == FC_DOWN;

	fr_int((long long)s->cur.n, num, sizeof num);
	if (s->cur.shown) {
		fr_percent(s->cur.rate, rate, sizeof rate);
		pdf_text_fit(p, x, y, w, &st_cell_b_l,
		             m(MSG_REP_CELL_RATE, s->cur.n < WSTATS_PRUDENT ? m(MSG_B_PRUDENT_MARK, rate)
		                                                            : rate, num));
	} else {
		pdf_text_fit(p, x, y, w, &st_cell_i, m(MSG_REP_CELL_NONE, num));
	}
	if (!f->has_prev || s->prev.n <= 0)
		return;
	fr_int((long long)s->prev.n, num, sizeof num);
	if (!s->prev.shown) {
		pdf_text_fit(p, x, y + 10, w, &st_cell_i,
		             m(MSG_REP_CELL_PREV, f->prev_year, m(MSG_REP_CELL_NONE, num), "—"));
		return;
	}
	fr_percent(s->prev.rate, rate, sizeof rate);
	fr_decimal(fabs(s->test.diff) * 100.0, 1, num, sizeof num);
	snprintf(pts, sizeof pts, "%s%s",
	         strcmp(num, "0,0") == 0 ? "" : s->test.diff > 0 ? "+" : "\xe2\x88\x92", num);
	snprintf(change, sizeof change, "%s",
	         s->change == FC_UP ? m(MSG_REP_UP, pts) : s->change == FC_DOWN ? m(MSG_REP_DOWN, pts)
	         : s->change == FC_STABLE ? m(MSG_REP_STABLE) : m(MSG_REP_NO_COMPARISON));
	pdf_text_fit(p, x, y + 10, w, marked ? &st_cell_mark : &st_cell_i,
	             m(MSG_REP_CELL_PREV, f->prev_year, rate, change));
}

/* Every indicator by channel, with its change in each channel. Returns the height used. */
static double channel_table(struct pdf *p, const struct flash *f, double y)
{
	const char *codes[MAX_CHANNEL_COLS], *labels[MAX_CHANNEL_COLS];
	const double head_h = 18, row_h = 23, first_w = col_x[C_OBJ];
	double y0 = y, cw;
	char count[FR_NUM_SIZE];
	size_t i, j, c, nc = 0;

	for (i = 0; i < f->nstrata && nc < MAX_CHANNEL_COLS; i++) {
		if (strcmp(f->strata[i].scope, "canal") != 0)
			continue;
		for (c = 0; c < nc && strcmp(codes[c], f->strata[i].code) != 0; c++)
			;
		if (c == nc) {
			codes[nc] = f->strata[i].code;
			labels[nc++] = f->strata[i].label;
		}
	}
	if (nc == 0)
		return 0;
	cw = (CONTENT_W - first_w) / (double)nc;
	pdf_outline(p, 0, m(MSG_REP_BY_CHANNEL), y);
	y += heading(p, y, "H2", &st_h2, f->has_prev ? m(MSG_REP_H_CHANNELS, f->prev_year, f->year)
	                                              : m(MSG_REP_H_CHANNELS_ONE, f->year)) + 6;
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	pdf_fill_rect(p, MARGIN, y, CONTENT_W, head_h, PDF_LIGHT);
	pdf_tag_begin(p, "TH");
	pdf_text(p, MARGIN + 4, y + 5, 0, &st_th, m(MSG_REP_COL_INDICATOR));
	pdf_tag_end(p, "TH");
	for (c = 0; c < nc; c++) {
		pdf_tag_begin(p, "TH");
		pdf_text_fit(p, MARGIN + first_w + c * cw + 4, y + 5, cw - 8, &st_th, labels[c]);
		pdf_tag_end(p, "TH");
	}
	pdf_tag_end(p, "TR");
	y += head_h;
	for (i = 0; i < f->nind; i++) {
		const struct flash_indicator *ind = &f->ind[i];

		if (i % 2)
			pdf_fill_rect(p, MARGIN, y, CONTENT_W, row_h, PDF_PALE);
		pdf_tag_begin(p, "TR");
		row_label(p, MARGIN + 4, y + 2, first_w - 8, ind->label);
		for (c = 0; c < nc; c++) {
			pdf_tag_begin(p, "TD");
			for (j = ind->first; j < ind->first + ind->nstrata; j++)
				if (strcmp(f->strata[j].code, codes[c]) == 0)
					channel_cell(p, f, &f->strata[j], MARGIN + first_w + c * cw + 4, y + 2,
					             cw - 8);
			pdf_tag_end(p, "TD");
		}
		pdf_tag_end(p, "TR");
		y += row_h;
	}
	pdf_tag_end(p, "Table");
	pdf_line(p, MARGIN, y, MARGIN + CONTENT_W, y, 0.6, PDF_GREY, 0);
	y += 5;
	fr_int((long long)f->ntested, count, sizeof count);
	y += paragraph(p, MARGIN, y, CONTENT_W, &st_note,
	               f->has_prev ? m(MSG_REP_CHANNELS_NOTE, f->year, f->prev_year, count)
	                           : m(MSG_REP_CHANNELS_NOTE_ONE));
	return y - y0;
}

static void page_one(struct pdf *p, const struct flash *f)
{
	double y = 34;
	char start[40], end[40], data[40];

	pdf_tag_begin(p, "Sect");
	pdf_outline(p, 0, m(MSG_REP_H_SUMMARY), 0);
	pdf_tag_begin(p, "P");
	y += pdf_text(p, MARGIN, y, CONTENT_W, &st_org, f->org_name) + 2;
	pdf_tag_end(p, "P");
	y += heading(p, y, "H1", &st_h1, m(MSG_REP_DOC_TITLE, f->title)) + 2;
	flash_date(f->period_start, start, sizeof start);
	flash_date(f->period_end, end, sizeof end);
	flash_date(f->data_day, data, sizeof data);
	y += paragraph(p, MARGIN, y, CONTENT_W, &st_meta, m(MSG_REP_PERIOD, start, end, data)) + 6;
	pdf_line(p, MARGIN, y, MARGIN + CONTENT_W, y, 2, PDF_BLUE, 0);
	y += 12;
	y += tiles(p, f, y) + 18;

	pdf_outline(p, 0, m(MSG_REP_OUTLINE_INDICATORS), y);
	y += heading(p, y, "H2", &st_h2, m(MSG_REP_H_INDICATORS, f->year)) + 6;
	y += indicator_table(p, f, y) + 6;
	y += mix_sentences(p, f, y);
	y += paragraph(p, MARGIN, y, CONTENT_W, &st_note,
	               m(MSG_REP_NOTE_STATUS, f->has_prev ? f->prev_title : m(MSG_REP_METHOD_NO_PREV)))
	     + 14;

	y += channel_table(p, f, y);
	pdf_tag_end(p, "Sect");
	footer(p, f, 1);
}

/* Bars of one scope ("canal" or "site"), capped: past max, the rest is one "other" bar. */
static size_t scope_bars(const struct flash *f, const char *scope, struct chart_bar *bars,
                         size_t max, char *other, size_t other_size)
{
	size_t i, nb = 0, rest = 0;
	double rn = 0, rk = 0;
	char num[FR_NUM_SIZE];

	for (i = 0; i < f->nscopes; i++) {
		const struct flash_scope *s = &f->scopes[i];

		if (strcmp(s->scope, scope) != 0)
			continue;
		if (nb + 1 < max || (nb + 1 == max && rest == 0 && i + 1 == f->nscopes)) {
			bars[nb].label = s->code[0] ? s->label : m(MSG_REP_NO_SITE);
			bars[nb].n = s->r.n;
			bars[nb].k = s->r.k;
			bars[nb].objective = -1;
			nb++;
		} else {
			rest++;
			rn += s->r.n;
			rk += s->r.k;
		}
	}
	if (rest == 1 && nb < max) {
		/* Nothing to merge: cannot happen with the rule above, kept for safety. */
		rest = 0;
	}
	if (rest) {
		fr_int((long long)rest, num, sizeof num);
		snprintf(other, other_size, "%s", m(MSG_REP_OTHER_SITES, num));
		bars[nb].label = other;
		bars[nb].n = rn;
		bars[nb].k = rk;
		bars[nb].objective = -1;
		nb++;
	}
	return nb;
}

static void page_two(struct pdf *p, const struct flash *f)
{
	double y = 34, objective = -1, yy;
	struct chart_bar bars[MAX_SITE_BARS + 1];
	struct chart_scale scales[MAX_SCALES];
	char other[128], num[FR_NUM_SIZE], num2[FR_NUM_SIZE], day[40], *items = NULL;
	const struct flash_indicator *hl = f->headline >= 0 ? &f->ind[f->headline] : NULL;
	size_t i, nb, nsc = 0, len = 0;

	if (hl)
		objective = hl->objective;
	pdf_tag_begin(p, "Sect");
	pdf_outline(p, 0, m(MSG_REP_H_DETAIL), y);
	y += heading(p, y, "H1", &st_h1b, m(MSG_REP_H_DETAIL)) + 8;

	y += heading(p, y, "H2", &st_h3, m(MSG_REP_BY_CHANNEL)) + 4;
	nb = scope_bars(f, "canal", bars, MAX_CHANNEL_BARS, other, sizeof other);
	pdf_tag_begin(p, "Table");
	y += chart_bars(p, MARGIN, y, CONTENT_W, bars, nb, objective) + 4;
	pdf_tag_end(p, "Table");

	y += heading(p, y, "H2", &st_h3, m(MSG_REP_BY_SITE)) + 4;
	nb = scope_bars(f, "site", bars, MAX_SITE_BARS, other, sizeof other);
	pdf_tag_begin(p, "Table");
	y += chart_bars(p, MARGIN, y, CONTENT_W, bars, nb, objective);
	pdf_tag_end(p, "Table");
	if (hl && objective >= 0) {
		fr_percent_value(objective, num, sizeof num);
		y += paragraph(p, MARGIN, y, CONTENT_W, &st_note,
		               m(MSG_REP_CHART_NOTE, num, hl->label));
	}
	y += 16;

	/* Distribution of the scale questions. */
	pdf_outline(p, 0, m(MSG_REP_H_DISTRIB), y);
	y += heading(p, y, "H2", &st_h2, m(MSG_REP_H_DISTRIB)) + 6;
	for (i = 0; i < f->nq && nsc < MAX_SCALES; i++, nsc++) {
		const struct flash_question *q = &f->q[i];
		int k;

		scales[nsc].label = q->short_label;
		scales[nsc].nseg = q->nseg;
		scales[nsc].npos = q->npos;
		scales[nsc].no_opinion = q->no_opinion;
		for (k = 0; k < q->nseg; k++)
			scales[nsc].count[k] = q->count[k];
	}
	if (nsc > 0) {
		y += chart_scale_legend(p, MARGIN + 150, y, CONTENT_W - 150, f->q[0].labels,
		                        f->q[0].nseg, f->q[0].npos) + 4;
		pdf_tag_begin(p, "Table");
		y += chart_scales(p, MARGIN, y, CONTENT_W, scales, nsc);
		pdf_tag_end(p, "Table");
	}
	y += 16;

	/* Sources. */
	pdf_outline(p, 0, m(MSG_REP_OUTLINE_SOURCES), y);
	y += heading(p, y, "H2", &st_h2, m(MSG_REP_H_SOURCES)) + 6;
	pdf_tag_begin(p, "Table");
	pdf_tag_begin(p, "TR");
	pdf_fill_rect(p, MARGIN, y, SRC_W, 15, PDF_LIGHT);
	pdf_tag_begin(p, "TH");
	pdf_text(p, MARGIN + 4, y + 3, 0, &st_th, m(MSG_REP_COL_SOURCE));
	pdf_tag_end(p, "TH");
	pdf_tag_begin(p, "TH");
	pdf_text(p, MARGIN + SRC_W - 80, y + 3, 0, &st_th_r, m(MSG_REP_COL_BATCHES));
	pdf_tag_end(p, "TH");
	pdf_tag_begin(p, "TH");
	pdf_text(p, MARGIN + SRC_W - 4, y + 3, 0, &st_th_r, m(MSG_REP_COL_FORMS));
	pdf_tag_end(p, "TH");
	pdf_tag_end(p, "TR");
	y += 16;
	for (i = 0; i < f->nsources && i < MAX_SOURCES; i++) {
		char *label = flash_source_label(f->sources[i].collector, f->sources[i].format);

		pdf_tag_begin(p, "TR");
		pdf_tag_begin(p, "TD");
		pdf_text_fit(p, MARGIN + 4, y, SRC_W - 130, &st_body, label ? label : "");
		pdf_tag_end(p, "TD");
		free(label);
		fr_int(f->sources[i].batches, num, sizeof num);
		fr_int(f->sources[i].forms, num2, sizeof num2);
		pdf_tag_begin(p, "TD");
		pdf_text(p, MARGIN + SRC_W - 80, y, 0, &st_body_r, num);
		pdf_tag_end(p, "TD");
		pdf_tag_begin(p, "TD");
		pdf_text(p, MARGIN + SRC_W - 4, y, 0, &st_bold_r, num2);
		pdf_tag_end(p, "TD");
		pdf_tag_end(p, "TR");
		y += 12;
	}
	pdf_line(p, MARGIN, y + 1, MARGIN + SRC_W, y + 1, 0.5, PDF_GREY, 0);
	y += 3;
	pdf_tag_begin(p, "TR");
	pdf_tag_begin(p, "TH");
	pdf_text(p, MARGIN + 4, y, 0, &(struct pdf_style){ 8.5, 1, 0, PDF_INK, PDF_LEFT },
	         m(MSG_REP_SRC_TOTAL));
	pdf_tag_end(p, "TH");
	fr_int((long long)f->nbatches, num, sizeof num);
	fr_int(f->forms, num2, sizeof num2);
	pdf_tag_begin(p, "TD");
	pdf_text(p, MARGIN + SRC_W - 80, y, 0, &st_bold_r, num);
	pdf_tag_end(p, "TD");
	pdf_tag_begin(p, "TD");
	pdf_text(p, MARGIN + SRC_W - 4, y, 0, &st_bold_r, num2);
	pdf_tag_end(p, "TD");
	pdf_tag_end(p, "TR");
	pdf_tag_end(p, "Table");
	y += 16;

	/* The batches, as one paragraph. */
	for (i = 0; i < f->nbatches && i < MAX_BATCHES_LISTED; i++) {
		const char *item;
		size_t il;
		char *grown;

		flash_date(f->batches[i].day, day, sizeof day);
		fr_int(f->batches[i].forms, num, sizeof num);
		item = m(MSG_REP_BATCH_ITEM, f->batches[i].id, day, num);
		il = strlen(item);
		grown = realloc(items, len + il + 3);
		if (!grown)
			break;
		items = grown;
		if (len) {
			memcpy(items + len, ", ", 2);
			len += 2;
		}
		memcpy(items + len, item, il + 1);
		len += il;
	}
	if (items && f->nbatches > MAX_BATCHES_LISTED) {
		char *grown;
		const char *more;

		fr_int((long long)(f->nbatches - MAX_BATCHES_LISTED), num, sizeof num);
		more = m(MSG_REP_BATCH_MORE, num);
		grown = realloc(items, len + strlen(more) + 1);
		if (grown) {
			items = grown;
			memcpy(items + len, more, strlen(more) + 1);
		}
	}
	if (items)
		y += paragraph(p, MARGIN, y, CONTENT_W, &st_small, m(MSG_REP_BATCH_LIST, items)) + 12;
	free(items);

	/* Method. */
	y += heading(p, y, "H2", &st_h2, m(MSG_REP_H_METHOD)) + 4;
	{
		char *method = flash_method_text(f);

		yy = paragraph(p, MARGIN, y, CONTENT_W, &st_body, method ? method : "");
		free(method);
		(void)yy;
	}
	pdf_tag_end(p, "Sect");
	footer(p, f, 2);
}

int flash_draw(const struct flash *f, struct outbuf *out, const char **why)
{
	struct pdf p;
	struct pdf_meta meta;
	char title[512], subject[512], start[40], end[40];
	int rc = -1;

	snprintf(title, sizeof title, "%s", m(MSG_REP_DOC_TITLE, f->title));
	flash_date(f->period_start, start, sizeof start);
	flash_date(f->period_end, end, sizeof end);
	snprintf(subject, sizeof subject, "%s", m(MSG_REP_DOC_SUBJECT, f->title, start, end));
	meta.title = title;
	meta.author = f->org_name;
	meta.subject = subject;
	meta.creator = "survey-report " BAROMETRE_VERSION;
	meta.epoch = f->data_epoch;
	if (pdf_begin(&p, &meta) != 0) {
		*why = "cannot create the PDF surface";
		goto out;
	}
	page_one(&p, f);
	pdf_next_page(&p);
	page_two(&p, f);
	if (pdf_end(&p, why) != 0)
		goto out;
	*out = p.out;
	outbuf_init(&p.out, OUTBUF_MAX);
	rc = 0;
out:
	pdf_release(&p);
	report_text_clear();
	return rc;
}

char *flash_method_text(const struct flash *f)
{
	return msg_format(MSG_REP_METHOD,
	                  f->has_prev ? f->prev_title : msg_text(MSG_REP_METHOD_NO_PREV), f->year);
}

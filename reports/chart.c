/* chart.c: bars with intervals and diverging scale bars (see chart.h). Colours come in
 * dark/light pairs of the Okabe-Ito palette, and negative shares are hatched, so that the charts
 * also read when printed in black and white. */
#include "chart.h"

#include <math.h>
#include <stdlib.h>

#include "msg.h"
#include "stats.h"

#define LABEL_W 150.0
#define VALUE_W 118.0
#define ROW_H 17.0
#define BAR_H 10.0

static const struct pdf_style small = { 7.5, 0, 0, PDF_GREY, PDF_LEFT, };
static const struct pdf_style label_style = { 8.5, 0, 0, PDF_INK, PDF_LEFT, };
static const struct pdf_style value_style = { 8.5, 1, 0, PDF_INK, PDF_LEFT, };
static const struct pdf_style note_style = { 8, 0, 1, PDF_GREY, PDF_LEFT, };

/* A row label: one line at 8.5 pt, or 7.5 pt, when it fits; else two smaller lines. */
static void row_label(struct pdf *p, double x, double y, const char *text)
{
	double w, h;

	const struct pdf_style smaller = { 7.5, 0, 0, PDF_INK, PDF_LEFT };

	pdf_text_size(p, &label_style, text, &w, &h);
	if (w <= LABEL_W - 6) {
		pdf_text(p, x, y + 3, 0, &label_style, text);
		return;
	}
	pdf_text_size(p, &smaller, text, &w, &h);
	if (w <= LABEL_W - 6)
		pdf_text(p, x, y + 3.5, 0, &smaller, text);
	else
		pdf_text_lines(p, x, y - 0.5, LABEL_W - 6,
		               &(struct pdf_style){ 7, 0, 0, PDF_INK, PDF_LEFT }, text, 2);
}

double chart_bars(struct pdf *p, double x, double y, double w, const struct chart_bar *bars,
                  size_t nbars, double objective_pct)
{
	double ax = x + LABEL_W, aw = w - LABEL_W - VALUE_W, top = y + 12, yy, lo, hi, rate;
	char pct[FR_NUM_SIZE], num[FR_NUM_SIZE], *s;
	size_t i;
	int t;

	/* Axis: 0, 25, 50, 75, 100 % with light grid lines. */
	for (t = 0; t <= 100; t += 25) {
		fr_percent_value(t, pct, sizeof pct);
		pdf_line(p, ax + aw * t / 100.0, top, ax + aw * t / 100.0, top + ROW_H * nbars, 0.4,
		         PDF_LIGHT, 0);
		pdf_text(p, ax + aw * t / 100.0, y, 0, &(struct pdf_style){ 7, 0, 0, PDF_GREY, PDF_CENTER },
		         pct);
	}
	for (i = 0; i < nbars; i++) {
		yy = top + ROW_H * i;
		pdf_tag_begin(p, "TR");
		pdf_tag_begin(p, "TH");
		row_label(p, x, yy, bars[i].label);
		pdf_tag_end(p, "TH");
		pdf_tag_begin(p, "TD");
		fr_int((long long)llround(bars[i].n), num, sizeof num);
		if (bars[i].n < STATS_MIN_N || wilson(bars[i].k, bars[i].n, STATS_Z95, &lo, &hi) != 0) {
			s = msg_format(MSG_REP_INSUFFICIENT, num);
			pdf_text(p, ax + 4, yy + 3, 0, &note_style, s ? s : "");
			free(s);
		} else {
			rate = bars[i].k / bars[i].n;
			pdf_fill_rect(p, ax, yy + (ROW_H - BAR_H) / 2, aw * rate, BAR_H, PDF_SKY);
			/* The interval: a dark whisker with end caps. */
			pdf_line(p, ax + aw * lo, yy + ROW_H / 2, ax + aw * hi, yy + ROW_H / 2, 1.2,
			         PDF_INK, 0);
			pdf_line(p, ax + aw * lo, yy + ROW_H / 2 - 3.5, ax + aw * lo, yy + ROW_H / 2 + 3.5,
			         1.2, PDF_INK, 0);
			pdf_line(p, ax + aw * hi, yy + ROW_H / 2 - 3.5, ax + aw * hi, yy + ROW_H / 2 + 3.5,
			         1.2, PDF_INK, 0);
			fr_percent(rate, pct, sizeof pct);
			s = msg_format(MSG_REP_BAR_VALUE, pct, num);
			pdf_text(p, ax + aw + 6, yy + 3, 0, &value_style, s ? s : "");
			free(s);
		}
		if (bars[i].objective >= 0) {
			double ox = ax + aw * bars[i].objective / 100.0;

			pdf_line(p, ox, yy + 1, ox, yy + ROW_H - 1, 2.0, PDF_VERMILLION, 0);
		}
		pdf_tag_end(p, "TD");
		pdf_tag_end(p, "TR");
	}
	if (objective_pct >= 0) {
		double ox = ax + aw * objective_pct / 100.0;

		pdf_line(p, ox, top - 2, ox, top + ROW_H * nbars + 2, 1.3, PDF_VERMILLION, 3);
		fr_percent_value(objective_pct, pct, sizeof pct);
		s = msg_format(MSG_REP_OBJECTIVE_MARK, pct);
		pdf_text(p, ox, top + ROW_H * nbars + 3, 0,
		         &(struct pdf_style){ 7, 1, 0, PDF_VERMILLION, PDF_CENTER }, s ? s : "");
		free(s);
	}
	return 12 + ROW_H * nbars + 14;
}

/* Segment colours by distance from the centre: positives dark blue (outer) / sky (inner),
 * negatives orange (inner) / vermillion, hatched (outer). */
static unsigned seg_colour(int positive, int rank_from_centre)
{
	if (positive)
		return rank_from_centre == 0 ? PDF_SKY : PDF_BLUE;
	return rank_from_centre == 0 ? PDF_ORANGE : PDF_VERMILLION;
}

static void draw_segment(struct pdf *p, double sx, double y, double sw, double share,
                         int positive, int rank)
{
	unsigned c = seg_colour(positive, rank);
	char pct[FR_NUM_SIZE];
	double tw, th;

	pdf_fill_rect(p, sx, y, sw, BAR_H + 2, c);
	if (!positive && rank > 0)
		pdf_hatch_rect(p, sx, y, sw, BAR_H + 2, PDF_WHITE);
	fr_percent_value(round(share * 100.0), pct, sizeof pct);
	pdf_text_size(p, &small, pct, &tw, &th);
	if (tw + 3 <= sw) {
		unsigned ink = (c == PDF_BLUE || c == PDF_VERMILLION) ? PDF_WHITE : PDF_INK;

		if (!positive && rank > 0)
			pdf_fill_rect(p, sx + sw / 2 - tw / 2 - 1, y + 1, tw + 2, BAR_H, c);
		pdf_text(p, sx + sw / 2, y + (BAR_H + 2 - th) / 2, 0,
		         &(struct pdf_style){ 7.5, 1, 0, ink, PDF_CENTER }, pct);
	}
}

double chart_scale_legend(struct pdf *p, double x, double y, double w, const char *const *labels,
                          int nseg, int npos)
{
	double cx = x, tw, th;
	int i, positive, rank;

	for (i = 0; i < nseg; i++) {
		positive = i < npos;
		rank = positive ? npos - 1 - i : i - npos;
		pdf_fill_rect(p, cx, y + 1, 10, 8, seg_colour(positive, rank));
		if (!positive && rank > 0)
			pdf_hatch_rect(p, cx, y + 1, 10, 8, PDF_WHITE);
		pdf_text(p, cx + 13, y, 0, &small, labels[i]);
		pdf_text_size(p, &small, labels[i], &tw, &th);
		cx += 13 + tw + 12;
		if (cx > x + w)
			break;
	}
	return 14;
}

double chart_scales(struct pdf *p, double x, double y, double w, const struct chart_scale *rows,
                    size_t nrows)
{
	double ax = x + LABEL_W, aw = w - LABEL_W - VALUE_W, maxneg = 0, maxpos = 0, scale, centre;
	double tot, pos, neg, yy, sx;
	char buf[FR_NUM_SIZE], nob[FR_NUM_SIZE], *s;
	size_t r;
	int i;

	for (r = 0; r < nrows; r++) {
		tot = pos = neg = 0;
		for (i = 0; i < rows[r].nseg; i++) {
			tot += rows[r].count[i];
			if (i < rows[r].npos)
				pos += rows[r].count[i];
			else
				neg += rows[r].count[i];
		}
		if (tot > 0) {
			maxpos = fmax(maxpos, pos / tot);
			maxneg = fmax(maxneg, neg / tot);
		}
	}
	/* Room on each side rounded up to a tenth, at least a tenth. */
	maxpos = fmax(0.1, ceil(maxpos * 10 - 1e-9) / 10);
	maxneg = fmax(0.1, ceil(maxneg * 10 - 1e-9) / 10);
	scale = aw / (maxpos + maxneg);
	centre = ax + maxneg * scale;
	for (r = 0; r < nrows; r++) {
		yy = y + r * (ROW_H + 4);
		pdf_tag_begin(p, "TR");
		pdf_tag_begin(p, "TH");
		row_label(p, x, yy, rows[r].label);
		pdf_tag_end(p, "TH");
		pdf_tag_begin(p, "TD");
		tot = 0;
		for (i = 0; i < rows[r].nseg; i++)
			tot += rows[r].count[i];
		fr_int((long long)llround(tot), buf, sizeof buf);
		fr_int((long long)llround(rows[r].no_opinion), nob, sizeof nob);
		if (tot < STATS_MIN_N) {
			s = msg_format(MSG_REP_INSUFFICIENT, buf);
			pdf_text(p, ax + 4, yy + 3, 0, &note_style, s ? s : "");
			free(s);
		} else {
			/* Positives: inner first (the last positive option), outward. */
			sx = centre;
			for (i = rows[r].npos - 1; i >= 0; i--) {
				double sw = rows[r].count[i] / tot * scale;

				draw_segment(p, sx, yy + 2, sw, rows[r].count[i] / tot, 1,
				             rows[r].npos - 1 - i);
				sx += sw;
			}
			sx = centre;
			for (i = rows[r].npos; i < rows[r].nseg; i++) {
				double sw = rows[r].count[i] / tot * scale;

				sx -= sw;
				draw_segment(p, sx, yy + 2, sw, rows[r].count[i] / tot, 0, i - rows[r].npos);
			}
		}
		s = rows[r].no_opinion > 0 ? msg_format(MSG_REP_SCALE_N_NOOP, buf, nob)
		                           : msg_format(MSG_REP_SCALE_N, buf);
		pdf_text(p, ax + aw + 6, yy + 3, 0, &small, s ? s : "");
		free(s);
		pdf_tag_end(p, "TD");
		pdf_tag_end(p, "TR");
	}
	pdf_line(p, centre, y - 2, centre, y + nrows * (ROW_H + 4) - 2, 0.8, PDF_INK, 0);
	return nrows * (ROW_H + 4);
}

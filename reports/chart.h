/* chart.h: the two charts of the reports, drawn on a pdf page: horizontal bars of a rate with
 * its 95 % Wilson interval and an objective line, and diverging stacked bars of an answer
 * scale. Every bar carries its figures; a rate on fewer than STATS_MIN_N answers is not drawn. */
#ifndef REPORTS_CHART_H
#define REPORTS_CHART_H

#include <stddef.h>

#include "pdf.h"

struct chart_bar {
	const char *label;   /* borrowed */
	double n, k;         /* answers that count, positive answers */
	double objective;    /* this bar's own objective in percent (a tick), < 0: none */
};

/* Draws one bar per entry from (x, y) over width w. objective_pct < 0: no common objective
 * line. Returns the height used. */
double chart_bars(struct pdf *p, double x, double y, double w, const struct chart_bar *bars,
                  size_t nbars, double objective_pct);

/* One scale question: the counts of its counted options in definition order (positive ones
 * first, most positive first, then the negative ones, mildest first), and the uncounted
 * "sans avis" answers. */
#define CHART_MAX_SEG 6
struct chart_scale {
	const char *label;          /* borrowed */
	double count[CHART_MAX_SEG];
	int npos;                   /* the first npos counts are positive */
	int nseg;
	double no_opinion;
};

/* The legend of the scale chart: option labels in definition order (nseg of them, npos
 * positive), drawn on one line. Returns the height used. */
double chart_scale_legend(struct pdf *p, double x, double y, double w, const char *const *labels,
                          int nseg, int npos);

/* Diverging stacked bars, one row per question: positive shares to the right of a common
 * centre, negative ones to the left. Returns the height used. */
double chart_scales(struct pdf *p, double x, double y, double w, const struct chart_scale *rows,
                    size_t nrows);

#endif

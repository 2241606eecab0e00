/* rake.c: iterative proportional fitting of cell weights to margins, trimming, Kish deff
 * (see rake.h for the method and the handling of respondents without a category). */
#include "rake.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rake_opts_default(struct rake_opts *o)
{
	o->max_iter = 100;
	o->tolerance = 1e-12;
	o->trim_lo = 0;
	o->trim_hi = 0;
	o->max_trim_rounds = 200;
}

double rake_kish_deff(const double *count, const double *weight, size_t ncell)
{
	double n = 0, s = 0, s2 = 0;
	size_t c;

	for (c = 0; c < ncell; c++) {
		n += count[c];
		s += count[c] * weight[c];
		s2 += count[c] * weight[c] * weight[c];
	}
	if (!(s > 0))
		return NAN;
	return n * s2 / (s * s);
}

/* The targets of one margin, indexed 0..ncat (index ncat: the cells without a category). */
static void margin_targets(const struct rake_cells *cells, const struct rake_margin *mg,
                           size_t m, double *target)
{
	double n = 0, missing = 0;
	size_t c, k;

	for (c = 0; c < cells->ncell; c++) {
		n += cells->count[c];
		if (cells->cat[c * cells->nmargins + m] < 0)
			missing += cells->count[c];
	}
	for (k = 0; k < mg->ncat; k++)
		target[k] = mg->share[k] * (n - missing);
	target[mg->ncat] = missing;
}

/* Current weighted totals of margin m into total[0..ncat]. */
static void margin_totals(const struct rake_cells *cells, size_t m, size_t ncat,
                          const double *w, double *total)
{
	size_t c;
	int k;

	memset(total, 0, (ncat + 1) * sizeof *total);
	for (c = 0; c < cells->ncell; c++) {
		k = cells->cat[c * cells->nmargins + m];
		total[k < 0 ? ncat : (size_t)k] += cells->count[c] * w[c];
	}
}

/* Largest relative gap between totals and targets over every margin. */
static double max_gap(const struct rake_cells *cells, const struct rake_margin *mg,
                      double targets[][RAKE_MAX_CATS + 1], const double *w)
{
	double total[RAKE_MAX_CATS + 1], gap = 0, g;
	size_t m, k;

	for (m = 0; m < cells->nmargins; m++) {
		margin_totals(cells, m, mg[m].ncat, w, total);
		for (k = 0; k <= mg[m].ncat; k++) {
			if (!(targets[m][k] > 0))
				continue;
			g = fabs(total[k] / targets[m][k] - 1.0);
			if (g > gap)
				gap = g;
		}
	}
	return gap;
}

/* Plain raking from the current weights. Returns RAKE_OK or RAKE_NO_CONVERGENCE. */
static enum rake_status ipf(const struct rake_cells *cells, const struct rake_margin *mg,
                            double targets[][RAKE_MAX_CATS + 1], const struct rake_opts *o,
                            double *w, int *iterations, double *gap_out)
{
	double total[RAKE_MAX_CATS + 1], f[RAKE_MAX_CATS + 1];
	double gap = max_gap(cells, mg, targets, w);
	size_t m, k, c;
	int it = 0, cat;

	while (gap > o->tolerance && it < o->max_iter) {
		for (m = 0; m < cells->nmargins; m++) {
			margin_totals(cells, m, mg[m].ncat, w, total);
			for (k = 0; k <= mg[m].ncat; k++)
				f[k] = total[k] > 0 ? targets[m][k] / total[k] : 1.0;
			for (c = 0; c < cells->ncell; c++) {
				cat = cells->cat[c * cells->nmargins + m];
				w[c] *= f[cat < 0 ? mg[m].ncat : (size_t)cat];
			}
		}
		it++;
		gap = max_gap(cells, mg, targets, w);
	}
	*iterations += it;
	*gap_out = gap;
	return gap > o->tolerance ? RAKE_NO_CONVERGENCE : RAKE_OK;
}

/* 1 when every weight lies within the bounds (relative slack for rounding). */
static int within_bounds(const double *w, size_t n, double lo, double hi)
{
	size_t c;

	for (c = 0; c < n; c++) {
		if (lo > 0 && w[c] < lo * (1.0 - 1e-9))
			return 0;
		if (hi > 0 && w[c] > hi * (1.0 + 1e-9))
			return 0;
	}
	return 1;
}

enum rake_status rake_run(const struct rake_cells *cells, const struct rake_margin *margins,
                          const struct rake_opts *o, double *weight, struct rake_result *res)
{
	double targets[RAKE_MAX_MARGINS][RAKE_MAX_CATS + 1];
	double total[RAKE_MAX_CATS + 1];
	enum rake_status st;
	size_t m, k, c;
	int cat;

	memset(res, 0, sizeof *res);
	if (cells->ncell == 0 || cells->nmargins == 0 || cells->nmargins > RAKE_MAX_MARGINS)
		return RAKE_INVALID;
	for (m = 0; m < cells->nmargins; m++)
		if (margins[m].ncat == 0 || margins[m].ncat > RAKE_MAX_CATS)
			return RAKE_INVALID;
	for (c = 0; c < cells->ncell; c++) {
		if (!(cells->count[c] > 0))
			return RAKE_INVALID;
		for (m = 0; m < cells->nmargins; m++) {
			cat = cells->cat[c * cells->nmargins + m];
			if (cat >= (int)margins[m].ncat)
				return RAKE_INVALID;
		}
	}
	if (o->trim_lo > 0 && o->trim_hi > 0 && o->trim_lo >= o->trim_hi)
		return RAKE_INVALID;

	/* Every category the census gives a share must have respondents. */
	for (m = 0; m < cells->nmargins; m++) {
		for (c = 0; c < cells->ncell; c++)
			weight[c] = 1.0;
		margin_totals(cells, m, margins[m].ncat, weight, total);
		for (k = 0; k < margins[m].ncat; k++) {
			if (margins[m].share[k] > 0 && !(total[k] > 0)) {
				res->bad_margin = m;
				res->bad_cat = k;
				return RAKE_EMPTY_CATEGORY;
			}
		}
		margin_targets(cells, &margins[m], m, targets[m]);
	}

	st = ipf(cells, margins, targets, o, weight, &res->iterations, &res->max_gap);
	if (st == RAKE_OK && (o->trim_lo > 0 || o->trim_hi > 0)) {
		/* Trimming: clip to the bounds, rake again, until the raked weights fit. */
		while (!within_bounds(weight, cells->ncell, o->trim_lo, o->trim_hi)) {
			if (res->trim_rounds >= o->max_trim_rounds) {
				st = RAKE_TRIM_FAILED;
				break;
			}
			res->trim_rounds++;
			for (c = 0; c < cells->ncell; c++) {
				if (o->trim_lo > 0 && weight[c] < o->trim_lo)
					weight[c] = o->trim_lo;
				if (o->trim_hi > 0 && weight[c] > o->trim_hi)
					weight[c] = o->trim_hi;
			}
			st = ipf(cells, margins, targets, o, weight, &res->iterations,
			         &res->max_gap);
			if (st != RAKE_OK) {
				st = RAKE_TRIM_FAILED;
				break;
			}
		}
	}

	res->w_min = INFINITY;
	res->w_max = -INFINITY;
	res->w_sum = 0;
	for (c = 0; c < cells->ncell; c++) {
		if (weight[c] < res->w_min)
			res->w_min = weight[c];
		if (weight[c] > res->w_max)
			res->w_max = weight[c];
		res->w_sum += cells->count[c] * weight[c];
	}
	res->deff = rake_kish_deff(cells->count, weight, cells->ncell);
	return st;
}

/* wstats.c: weighted proportions by linearisation and their tests (see wstats.h). */
#include "wstats.h"

#include <math.h>

#include "stats.h"

void west_compute(const struct wagg *a, struct west *e)
{
	double p, v, nn, half;

	e->n = a->n;
	e->p = e->se = e->lo = e->hi = e->neff = 0;
	e->valid = a->n > 0 && a->w > 0 && a->w2 > 0;
	e->shown = e->prudent = 0;
	if (!e->valid)
		return;
	e->neff = a->w * a->w / a->w2;
	/* The effective sample of equal weights is n itself, whatever the rounding. */
	if (a->w2 == a->w && a->w == a->n)
		e->neff = a->n;
	e->shown = e->neff >= STATS_MIN_N;
	e->prudent = e->shown && e->neff < WSTATS_PRUDENT;
	p = a->k / a->w;
	nn = a->design_n;
	v = (a->k2 * (1 - p) * (1 - p) + (a->w2 - a->k2) * p * p) / (a->w * a->w);
	v = nn > 1 ? v * nn / (nn - 1) : 0;
	if (v < 0)
		v = 0;
	e->p = p;
	e->se = sqrt(v);
	if ((a->w2 == a->w && a->w == a->n) || !(p > 0 && p < 1) || !(e->se > 0)) {
		/* Unweighted, or a weighted 0 or 1: Wilson (on the effective sample). */
		if (wilson(p * e->neff, e->neff, STATS_Z95, &e->lo, &e->hi) != 0)
			e->lo = e->hi = p;
		return;
	}
	half = STATS_Z95 * e->se / (p * (1 - p));
	e->lo = 1.0 / (1.0 + exp(-(log(p / (1 - p)) - half)));
	e->hi = 1.0 / (1.0 + exp(-(log(p / (1 - p)) + half)));
}

struct wagg wagg_minus(const struct wagg *a, const struct wagg *b)
{
	struct wagg r;

	r.n = a->n - b->n;
	r.w = a->w - b->w;
	r.k = a->k - b->k;
	r.w2 = a->w2 - b->w2;
	r.k2 = a->k2 - b->k2;
	r.design_n = a->design_n;
	if (r.k < 0)
		r.k = 0;
	if (r.k2 < 0)
		r.k2 = 0;
	return r;
}

double west_diff_test(const struct west *e1, const struct west *e0, double *z)
{
	double se;

	*z = 0;
	if (!e1->valid || !e0->valid)
		return 1.0;
	se = sqrt(e1->se * e1->se + e0->se * e0->se);
	if (!(se > 0))
		return 1.0;
	*z = (e1->p - e0->p) / se;
	return 2.0 * normal_cdf(-fabs(*z));
}

int west_compare(const struct west *e1, const struct west *e0)
{
	double z;

	if (!e1->shown || !e0->shown)
		return 0;
	if (west_diff_test(e1, e0, &z) >= STATS_ALPHA)
		return 0;
	return z > 0 ? 1 : -1;
}

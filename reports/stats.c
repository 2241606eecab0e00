/* stats.c: Wilson interval and the stratified comparison of two waves (see stats.h). Formulas
 * from Wilson (1927), Mantel and Haenszel (1959); erfc from the C library. */
#include "stats.h"

#include <math.h>

double normal_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

int wilson(double k, double n, double z, double *lo, double *hi)
{
	double p, z2, den, centre, half;

	if (!(n > 0) || k < 0 || k > n)
		return -1;
	p = k / n;
	z2 = z * z;
	den = 1.0 + z2 / n;
	centre = (p + z2 / (2.0 * n)) / den;
	half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / den;
	*lo = centre - half < 0 ? 0 : centre - half;
	*hi = centre + half > 1 ? 1 : centre + half;
	return 0;
}

void strat_compare(const struct stratum *s, size_t ns, struct strat_test *t)
{
	double num = 0, den = 0, var = 0;
	size_t i;

	t->diff = t->stat = 0;
	t->p = 1.0;
	t->n0 = t->n1 = 0;
	t->strata = 0;
	for (i = 0; i < ns; i++) {
		double n = s[i].n0 + s[i].n1, m1 = s[i].k0 + s[i].k1, m0 = n - m1;

		if (!(s[i].n0 > 0) || !(s[i].n1 > 0))
			continue;
		t->strata++;
		t->n0 += s[i].n0;
		t->n1 += s[i].n1;
		num += (s[i].k1 * s[i].n0 - s[i].k0 * s[i].n1) / n;
		den += s[i].n0 * s[i].n1 / n;
		if (n > 1)
			var += s[i].n0 * s[i].n1 * m1 * m0 / (n * n * (n - 1));
	}
	if (den > 0)
		t->diff = num / den;
	if (var > 0) {
		t->stat = num * num / var;
		t->p = erfc(sqrt(t->stat / 2.0));
	}
}

int strat_change(const struct strat_test *t)
{
	if (t->n0 < STATS_MIN_N || t->n1 < STATS_MIN_N || t->strata == 0)
		return 0;
	if (!(t->p < STATS_ALPHA))
		return 0;
	return t->diff > 0 ? 1 : t->diff < 0 ? -1 : 0;
}

void bh_adjust(const double *p, double *q, size_t n)
{
	size_t i, j, l, r;
	double v;

	for (i = 0; i < n; i++) {
		q[i] = 1.0;
		for (j = 0; j < n; j++) {
			if (p[j] < p[i])
				continue;
			for (r = 0, l = 0; l < n; l++)
				r += p[l] <= p[j];
			v = (double)n * p[j] / (double)r;
			if (v < q[i])
				q[i] = v;
		}
	}
}

/* stats.h: the few statistics the reports sign: a proportion with its 95 % Wilson interval,
 * and the Cochran–Mantel–Haenszel test that decides whether a change between two surveys is
 * marked, the waves being compared within strata (channels) so that a change of the channel
 * mix is not taken for a change of satisfaction. Pure functions, no allocation; counts are
 * doubles so that weighted counts work too. */
#include <stddef.h>

#ifndef REPORTS_STATS_H
#define REPORTS_STATS_H

/* Below this many answers a rate is not shown ("effectif insuffisant"). */
#define STATS_MIN_N 30

/* z for a two-sided 95 % interval. */
#define STATS_Z95 1.959963984540054

/* Significance level of the change test. */
#define STATS_ALPHA 0.05

/* A proportion: k positive answers among n answers that count (n may be weighted). */
struct prop {
	double n;
	double k;
};

/* Standard normal cumulative distribution function, P(Z <= x). */
double normal_cdf(double x);

/* The Wilson score interval of k successes among n at the given z (use STATS_Z95), written to
 * *lo and *hi (in [0, 1]). Returns 0, or -1 when n <= 0 or k is outside [0, n]: *lo and *hi
 * are then left unchanged. */
int wilson(double k, double n, double z, double *lo, double *hi);

/* One stratum (a channel) of a comparison between two waves: k0 positive answers among n0
 * before, k1 among n1 after. */
struct stratum {
	double n0, k0, n1, k1;
};

/* The result of a stratified comparison. */
struct strat_test {
	double diff;      /* Mantel–Haenszel rate difference, after minus before (a ratio) */
	double stat;      /* CMH chi-square statistic, 1 df, without continuity correction */
	double p;         /* its two-sided p-value; 1.0 when not testable */
	double n0, n1;    /* answers before and after in the strata present in both waves */
	int strata;       /* strata present in both waves (n0 > 0 and n1 > 0) */
};

/* Compares two waves within strata: the Cochran–Mantel–Haenszel test (R:
 * mantelhaen.test(x, correct = FALSE), x the 2 x 2 x K table of wave by answer by stratum)
 * over the strata present in both waves, and the Mantel–Haenszel rate difference
 * sum((k1 n0 - k0 n1) / N) / sum(n0 n1 / N), N = n0 + n1, whose numerator is the one of the
 * CMH statistic: the sign of the difference is the direction of the test. Strata missing from
 * a wave are left out. Fills *t; never fails. */
void strat_compare(const struct stratum *s, size_t ns, struct strat_test *t);

/* Direction of a stratified change at level STATS_ALPHA: +1 significant rise, -1 significant
 * fall, 0 stable or not testable (fewer than STATS_MIN_N answers in either wave within the
 * common strata). */
int strat_change(const struct strat_test *t);

/* Benjamini–Hochberg adjusted p-values of the n p-values p, written to q (not p itself):
 * q[i] = min over p[j] >= p[i] of min(1, n p[j] / r[j]), r[j] the number of p-values <= p[j];
 * the same as R's p.adjust(p, method = "BH"). A comparison is marked when q < STATS_ALPHA, which
 * keeps the expected share of false marks among the marks at 5 %. O(n^3) for the few
 * hundred comparisons of a report, no allocation. */
void bh_adjust(const double *p, double *q, size_t n);

#endif

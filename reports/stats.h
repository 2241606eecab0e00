/* stats.h: the few statistics the reports sign: a proportion with its 95 % Wilson interval,
 * and the two-proportion z test that decides whether a change between two surveys is marked.
 * Pure functions, no allocation; counts are doubles so that weighted counts work too. */
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

/* Two-sided p-value of the pooled two-proportion z test of k1/n1 against k2/n2. Returns 1.0
 * (no evidence of a change) when either n is <= 0 or the pooled rate is 0 or 1. */
double two_prop_test(double k1, double n1, double k2, double n2);

/* Direction of a change from (k1, n1) (before) to (k2, n2) (after) at level STATS_ALPHA:
 * +1 significant rise, -1 significant fall, 0 stable or not testable (either n < STATS_MIN_N). */
int stats_change(double k1, double n1, double k2, double n2);

#endif

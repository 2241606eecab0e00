/* stats.c: Wilson interval and two-proportion z test (see stats.h). Formulas from
 * Wilson (1927) and any textbook pooled z test; erfc from the C library. */
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

double two_prop_test(double k1, double n1, double k2, double n2)
{
	double p, se, z;

	if (!(n1 > 0) || !(n2 > 0))
		return 1.0;
	p = (k1 + k2) / (n1 + n2);
	if (p <= 0 || p >= 1)
		return 1.0;
	se = sqrt(p * (1.0 - p) * (1.0 / n1 + 1.0 / n2));
	z = (k2 / n2 - k1 / n1) / se;
	return 2.0 * normal_cdf(-fabs(z));
}

int stats_change(double k1, double n1, double k2, double n2)
{
	if (n1 < STATS_MIN_N || n2 < STATS_MIN_N)
		return 0;
	if (two_prop_test(k1, n1, k2, n2) >= STATS_ALPHA)
		return 0;
	return k2 / n2 > k1 / n1 ? 1 : -1;
}

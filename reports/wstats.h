/* wstats.h: weighted proportions for the brief: the rate, its standard error by linearisation
 * (Taylor) and its 95 % interval, and the test of a difference between two groups of one survey
 * or between two independent surveys. Pure functions over aggregates that SQL computes
 * (schema/functions/040_brief.sql, brief_cells).
 *
 * The design, as R's survey package names it: for each question, svydesign(ids = ~1,
 * weights = ~weight) over the respondents whose answer counts (N of them; weight 1 in an
 * unweighted survey, a paper tally of n forms being n respondents of weight 1). The weights are
 * taken as given: the variance does not subtract what the raking explains, so intervals are a
 * little wider (prudent) than a calibrated variance. A group (a channel, a site, an age band) is
 * a domain of that design. For a domain with sum of weights W, weighted positives K, and sums
 * of squared weights W2 and K2 (over the domain and its positive answers):
 *     p = K / W,   var(p) = N / (N - 1) * (K2 (1 - p)^2 + (W2 - K2) p^2) / W^2,
 * which is svymean(~y, subset(design, group))'s variance. The 95 % interval is the logit
 * interval expit(logit(p) -/+ 1.959964 se / (p (1 - p))), which stays within [0, 1] without
 * clipping: svyciprop(~y, subset(design, group), method = "logit", df = Inf). In an unweighted
 * survey (every weight 1) the interval is Wilson's, prop.test(k, n, correct = FALSE); a weighted
 * rate of 0 or 1, where the logit is undefined, takes Wilson's interval on the effective sample.
 * Publication rule: a rate is shown when the effective sample of Kish, W^2 / W2, is at least
 * STATS_MIN_N (30), flagged "prudent" under WSTATS_PRUDENT (100).
 * Two groups of one survey: z = (p1 - p0) / sqrt(var1 + var0), the statistic of
 * svyttest(y ~ group) (tested here with the normal law); two weighted surveys: the same with
 * each survey's own variance (independent samples). Two flash surveys are compared by channel
 * (stats.h, strat_compare), as on the dashboard; a flash and a large survey are not compared. */
#ifndef REPORTS_WSTATS_H
#define REPORTS_WSTATS_H

/* Aggregates of one domain. */
struct wagg {
	double n;         /* answers (unweighted) */
	double w, k;      /* sum of weights, of weights of positive answers */
	double w2, k2;    /* the same with squared weights */
	double design_n;  /* N: answers to the question in the whole survey */
};

/* Under this effective sample a published rate is flagged "à interpréter avec prudence". */
#define WSTATS_PRUDENT 100

/* An estimate: rate p, standard error se, 95 % interval [lo, hi] (logit or Wilson, within
 * [0, 1]); neff the Kish effective sample; valid is 0 when the domain is empty; shown is 0
 * when neff < STATS_MIN_N; prudent is 1 when shown and neff < WSTATS_PRUDENT. */
struct west {
	double n, neff, p, se, lo, hi;
	int valid, shown, prudent;
};

/* Fills *e from *a. */
void west_compute(const struct wagg *a, struct west *e);

/* a minus b, term by term (the rest of a survey once a group is removed). */
struct wagg wagg_minus(const struct wagg *a, const struct wagg *b);

/* Two-sided p-value of the difference p1 - p0 with variances se1^2 + se0^2; *z receives the
 * statistic. 1.0 when not testable (either estimate invalid or a zero variance). */
double west_diff_test(const struct west *e1, const struct west *e0, double *z);

/* +1 / -1 when e1 is significantly above / below e0 at 5 %, both shown; else 0. */
int west_compare(const struct west *e1, const struct west *e0);

#endif

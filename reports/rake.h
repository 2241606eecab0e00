/* rake.h: raking (iterative proportional fitting) of respondents' weights to population margins,
 * optional trimming of the weights, and Kish's design effect. Pure computation on "cells"
 * (respondents sharing the same categories on every margin get the same weight, so the caller
 * passes one entry per combination with its number of respondents); no database, no I/O.
 *
 * The same algorithm as R's survey::rake() on svydesign(ids = ~1, weights = ~1): starting from
 * weights 1, each iteration post-stratifies on each margin in turn (every weight of category c
 * multiplied by target_c / current total_c), until a whole cycle changes no margin total by more
 * than the tolerance. Weights therefore sum to the number of respondents (mean weight 1).
 *
 * Respondents without a category on a margin (question not answered, or an option that does not
 * count such as "Je préfère ne pas répondre") form one more group of that margin whose target is
 * their own number: the group keeps its share of the sample and the answered categories are
 * raked to the census shares over the rest. In R this is the same rake() with that group as one
 * more level whose population total is its count (tests/r/rake.R). */
#ifndef REPORTS_RAKE_H
#define REPORTS_RAKE_H

#include <stddef.h>

#define RAKE_MAX_MARGINS 8
#define RAKE_MAX_CATS 64

/* One margin: ncat categories with their population shares (summing to 1). */
struct rake_margin {
	size_t ncat;
	double share[RAKE_MAX_CATS];
};

/* The cells: ncell combinations; cat[c * nmargins + m] is the category of cell c on margin m
 * (0..ncat-1) or -1 (no category); count[c] respondents in the cell (> 0). */
struct rake_cells {
	size_t ncell, nmargins;
	const int *cat;
	const double *count;
};

struct rake_opts {
	int max_iter;        /* iterations (whole cycles over the margins) allowed; default 100 */
	double tolerance;    /* largest relative gap |total/target - 1| accepted; default 1e-12 */
	double trim_lo;      /* 0: no lower bound; else weights >= trim_lo (mean weight is 1) */
	double trim_hi;      /* 0: no upper bound; else weights <= trim_hi */
	int max_trim_rounds; /* rake-then-trim rounds allowed; default 200 */
};

enum rake_status {
	RAKE_OK = 0,
	RAKE_EMPTY_CATEGORY, /* a category with a positive share has no respondent (*bad_*) */
	RAKE_NO_CONVERGENCE, /* max_iter cycles were not enough */
	RAKE_TRIM_FAILED,    /* the bounds could not be met together with the margins */
	RAKE_INVALID         /* bad arguments (no cell, category out of range, ...) */
};

struct rake_result {
	int iterations;      /* cycles of the last raking (summed over trimming rounds) */
	int trim_rounds;     /* rounds of trimming applied (0 without bounds or when none needed) */
	double max_gap;      /* largest relative margin gap at the end */
	double deff;         /* Kish: n * sum(w^2) / (sum w)^2 */
	double w_min, w_max, w_sum;
	size_t bad_margin, bad_cat;   /* for RAKE_EMPTY_CATEGORY */
};

void rake_opts_default(struct rake_opts *o);

/*
 * Rakes the cells to the margins (nmargins == cells->nmargins). weight[c] (ncell entries, caller
 * storage) receives the weight of each respondent of cell c. Returns RAKE_OK and fills *res; on
 * any other status weight[] holds the last iterate (or is untouched for RAKE_INVALID and
 * RAKE_EMPTY_CATEGORY) and *res says how far it went.
 */
enum rake_status rake_run(const struct rake_cells *cells, const struct rake_margin *margins,
                          const struct rake_opts *o, double *weight, struct rake_result *res);

/* Kish's design effect due to weighting, n * sum(count * w^2) / (sum(count * w))^2. */
double rake_kish_deff(const double *count, const double *weight, size_t ncell);

#endif

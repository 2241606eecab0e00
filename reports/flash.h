/* flash.h: the data of one flash dashboard, as fetched from the aggregates of
 * schema/functions/030_report.sql, with the statistics derived from it; shared by the command
 * (flash.c) and the page layout (flash_draw.c). */
#ifndef REPORTS_FLASH_H
#define REPORTS_FLASH_H

#include <libpq-fe.h>
#include <stddef.h>

#include "outbuf.h"
#include "stats.h"

enum flash_status { FS_NONE, FS_MET, FS_NOT_MET, FS_INCONCLUSIVE, FS_INSUFFICIENT };
enum flash_change { FC_NONE, FC_NA, FC_STABLE, FC_UP, FC_DOWN };

/* A rate: n answers that count, k positive; lo/hi its 95 % Wilson interval; shown = n >= 30. */
struct flash_rate {
	double n, k, rate, lo, hi;
	int shown;
};

/* The largest move of the answer mix (channels or sites) between two waves, in points of
 * share, above which the dashboard says that the overall change depends on it. */
#define FLASH_MIX_SHIFT 10.0

struct flash_indicator {
	const char *code, *label, *channel;   /* borrowed from the query result; channel "" = all */
	double objective;                     /* percent, < 0 when none for the year */
	struct flash_rate cur, prev;
	enum flash_status status;
	enum flash_change change;             /* judged within channels (test below) */
	struct strat_test test;               /* the two waves compared channel by channel */
	size_t first, nstrata;                /* its strata in struct flash strata[] */
};

/* One indicator in one channel or one site, in both waves. */
struct flash_stratum {
	const char *indicator, *scope, *code, *label;   /* scope "canal" or "site" */
	struct flash_rate cur, prev;
	struct strat_test test;               /* this stratum alone (channels only) */
	double q;                             /* Benjamini–Hochberg adjusted p-value, 1 if none */
	int tested;                           /* both waves have STATS_MIN_N answers (channels) */
	enum flash_change change;             /* after the Benjamini–Hochberg adjustment */
};

/* A move of the answer mix: the channel or site whose share of the headline question's
 * answers rose most, when it rose by more than FLASH_MIX_SHIFT points. */
struct flash_mix {
	const char *label;                    /* NULL when the mix did not move that much */
	double before, after;                 /* shares, in [0, 1] */
};

struct flash_scope {
	const char *scope, *code, *label;     /* scope "canal" or "site"; code "" = no site */
	struct flash_rate r;
};

struct flash_question {
	const char *code, *wording, *short_label;
	const char *labels[6];
	const char *no_opinion_label;         /* label of the uncounted option, or NULL */
	double count[6];                      /* counted options, definition order */
	int nseg, npos;
	double no_opinion;
};

struct flash_source {
	const char *collector, *format;
	long long batches, forms;
};

struct flash_batch {
	const char *id, *day;                 /* day "YYYY-MM-DD" */
	long long forms;
};

struct flash_channel {
	const char *code, *label;
	long long forms;
};

#define FLASH_MAX_QUESTIONS 16

struct flash {
	PGresult *res[8];                     /* owned: every string below points into these */
	const char *survey_code, *kind, *title, *period_start, *period_end, *org_name;
	const char *data_day, *prev_code, *prev_title, *prev_start;
	const char *headline_code, *headline_label;
	long long data_epoch;                 /* the document date (SOURCE_DATE_EPOCH or data) */
	int year, prev_year, has_prev;
	struct flash_indicator *ind;
	size_t nind;
	int headline;                         /* index in ind of the headline indicator, or -1 */
	struct flash_scope *scopes;
	size_t nscopes;
	struct flash_question q[FLASH_MAX_QUESTIONS];
	size_t nq;
	struct flash_source *sources;
	size_t nsources;
	struct flash_batch *batches;
	size_t nbatches;
	struct flash_channel *channels;
	size_t nchannels;
	struct flash_stratum *strata;
	size_t nstrata;
	size_t ntested;                       /* channel strata tested (comparisons made) */
	struct flash_mix channel_mix, site_mix;
	long long forms;                      /* questionnaires in all */
};

/* Computes the rate, interval and display rule of (n, k). */
void flash_rate_set(struct flash_rate *r, double n, double k);

/* "1er mars 2025" from "2025-03-01"; the text itself when it is not a date. */
void flash_date(const char *iso, char *buf, size_t size);

/* The French label of a source (collector and format). malloc'd, the caller frees. */
char *flash_source_label(const char *collector, const char *format);

/* Lays out the two pages into a PDF in out. Returns 0, or -1 with *why set. */
int flash_draw(const struct flash *f, struct outbuf *out, const char **why);

/* The method text, as printed on the report (malloc'd, the caller frees). */
char *flash_method_text(const struct flash *f);

#endif

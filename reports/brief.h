/* brief.h: the data of the multi-year brief to the council, as fetched from the aggregates of
 * schema/functions/040_brief.sql (and 030_report.sql for the survey, sources and channels),
 * with the weighted statistics of wstats.h; shared by the command (brief.c), the pages
 * (brief_draw.c) and the sentences of the summary (brief_text.c). */
#ifndef REPORTS_BRIEF_H
#define REPORTS_BRIEF_H

#include <libpq-fe.h>
#include <stddef.h>

#include "outbuf.h"
#include "wstats.h"

#define BRIEF_MAX_SURVEYS 12
#define BRIEF_MAX_IND 12
#define BRIEF_MAX_Q 10
#define BRIEF_MAX_GROUPS 12
#define BRIEF_NDIMS 6
#define BRIEF_MAX_SOURCES 12
#define BRIEF_MAX_POINTS 5

struct brief_survey {
	const char *code, *kind, *title, *start, *end;
	int year, id;
};

/* One indicator in one survey of the series. */
struct brief_point {
	struct west e;
	double objective;        /* percent, < 0 when none for that year */
	int change;              /* against the previous survey where it is shown: +1, -1, 0 */
	int prev;                /* index of that survey, or -1 */
	int rupture;             /* that survey is of another kind: not compared */
	double pval;             /* p-value of the comparison, 1 when none */
};

struct brief_indicator {
	const char *code, *label, *question, *channel;   /* channel "" = all */
	struct brief_point pt[BRIEF_MAX_SURVEYS];
	double raw;              /* unweighted rate in this survey, < 0 when none */
};

/* A rated question of this survey, overall. */
struct brief_question {
	const char *code, *label;   /* label: the indicator's label, else the code */
	struct wagg all;
	struct west e;
	double raw;                 /* unweighted rate */
};

struct brief_group {
	const char *code, *label;
	struct west e[BRIEF_MAX_Q];  /* per question of struct brief */
	struct west rest[BRIEF_MAX_Q];  /* the other respondents (all answers minus the group) */
	int diff[BRIEF_MAX_Q];       /* against the rest, after Benjamini–Hochberg: +1, -1, 0 */
	double pval[BRIEF_MAX_Q];    /* p-value of the Wald test against the rest, 1 when none */
	double q[BRIEF_MAX_Q];       /* its Benjamini–Hochberg adjustment within the dimension */
};

struct brief_dim {
	const char *key;             /* canal, site, parcours, PROFIL_AGE, ... */
	const char *title;           /* French heading */
	struct brief_group g[BRIEF_MAX_GROUPS];
	size_t ng;
	size_t dropped;              /* groups beyond BRIEF_MAX_GROUPS, not shown */
	size_t ntests;               /* comparisons made in the table (both rates shown) */
};

struct brief_mirror {
	const char *question, *label;
	struct west users, agents;   /* described side by side, never tested: the agents are not
	                              * a sample (often nearly all the staff) */
};

struct brief_source {
	const char *collector, *format, *batch, *day;
	long long forms;
	int is_batch;
};

struct brief {
	PGresult *res[48];           /* owned: every string below points into these */
	size_t nres;
	const char *survey_code, *kind, *title, *period_start, *period_end, *org_name;
	const char *data_day;
	long long data_epoch;
	int survey_id;
	struct brief_survey s[BRIEF_MAX_SURVEYS];
	size_t ns;
	int cur;                     /* index of this survey in s, -1 when not in the series */
	struct brief_indicator ind[BRIEF_MAX_IND];
	size_t nind;
	struct brief_question q[BRIEF_MAX_Q];
	size_t nq;
	struct brief_dim dim[BRIEF_NDIMS];
	struct brief_mirror mir[BRIEF_MAX_Q];
	size_t nmir;
	const char *mirror_code, *mirror_title;
	long long mirror_responses;
	/* method */
	long long responses;
	const char *first_day, *last_day;
	int weighted;
	const char *margins_json;
	double deff, w_min, w_max;
	int iterations;
	struct brief_source src[BRIEF_MAX_SOURCES];
	size_t nsrc;
	const char *channels;        /* "Accueil physique : 380, Téléphone : 218, ..." malloc'd */
	/* summary */
	char *points[BRIEF_MAX_POINTS];   /* the five sentences, malloc'd */
	size_t npoints;
};

/* Loads everything the brief needs. Returns 0 (EXIT_DONE), 1 when the survey is unknown
 * (message printed), or 3 on a database error. */
int brief_load(PGconn *conn, int org, const char *code, struct brief *b);
void brief_release(struct brief *b);

/* The five sentences of the summary, from the figures (brief_text.c). 0 or -1. */
int brief_summary(struct brief *b);

/* The method text (malloc'd): printed on the method page and in the bundle's note. */
char *brief_method_text(const struct brief *b);

/* Lays out the pages into a PDF in out. Returns 0, or -1 with *why set. */
int brief_draw(const struct brief *b, struct outbuf *out, const char **why);

/* The open-data CSV of the brief. 0 or -1. */
int brief_csv(const struct brief *b, struct outbuf *out);

#endif

/* survey.h: one survey's definition, loaded once from the database into memory, with the
 * tolerant look-ups that collectors use: questions by code or wording, options by code or
 * label, sites and channels by code or name. */
#ifndef CORE_SURVEY_H
#define CORE_SURVEY_H

#include <libpq-fe.h>
#include <stddef.h>

struct option_def {
	char *code, *label;
	char *fold;              /* folded label */
	int positive, counted;
};

struct question_def {
	int id;
	char *code, *wording, *qtype;   /* qtype: scale4, choice, yesno, multi, text */
	char *fold_code, *fold_wording;
	struct option_def *opts;
	size_t nopts;
};

struct place_def {                  /* a site or a channel */
	int id;
	char *code, *name;
	char *fold_code, *fold_name;
};

struct survey_def {
	int org_id, survey_id;
	char *org_code, *org_name;
	char *code, *kind, *title;
	char start[11], end[11];        /* YYYY-MM-DD */
	long start_days, end_days;      /* date_days() of start and end */
	struct question_def *qs;        /* the questions this survey asks, in order */
	size_t nq;
	struct place_def *sites, *channels;
	size_t nsites, nchannels;
	char *salt;                     /* the installation's secret salt */
};

/* Loads survey `code` of organisation org_id. Returns NULL after printing a French message
 * ("prog: enquête inconnue ..."). The result is freed with survey_def_free. */
struct survey_def *survey_def_load(PGconn *conn, const char *prog, int org_id, const char *code);
void survey_def_free(struct survey_def *s);

/* Look-ups: exact code first, then folded code, then folded wording/label/name.
 * NULL when nothing matches. */
const struct question_def *survey_question(const struct survey_def *s, const char *text);
const struct option_def *question_option(const struct question_def *q, const char *text);
const struct place_def *survey_site(const struct survey_def *s, const char *text);
const struct place_def *survey_channel(const struct survey_def *s, const char *text);

/* "« Très satisfait » (1), « Plutôt satisfait » (2), …": the accepted answers of q, for error
 * messages. Returns a malloc'd string. */
char *question_accepted(const struct question_def *q);
/* "SATISF_GLOBALE, ACCESSIBILITE, …": the codes of the survey's questions (without the free-text
 * ones when closed_only), for error messages. Returns a malloc'd string. */
char *survey_question_list(const struct survey_def *s, int closed_only);
/* "HDV, CCAS, MEDIA, …": the site (or channel) codes, malloc'd. */
char *survey_site_list(const struct survey_def *s);
char *survey_channel_list(const struct survey_def *s);
/* The site (site != 0) or channel named by code, for a command-line option; NULL after printing
 * "site inconnu : « X ». Sites définis : …" (or the channel's message) on stderr. */
const struct place_def *survey_place_option(const char *prog, const struct survey_def *s,
                                            const char *code, int site);

#endif

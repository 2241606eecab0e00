/* wide.h: the shared engine of "wide" exports, one row per respondent and one column per
 * question: the online tools (LimeSurvey, Google Forms, Microsoft Forms, Framaforms,
 * KoboToolbox) and the phone collector's agent-typed interviews. An adapter names its fixed
 * columns (response id, dates, status); the engine classifies every other header (a question by
 * code, wording or map file; a sub-question, "other" or comment column; one option of a
 * multi-select; the map's site, channel and journey columns; personal columns, which are never
 * read), then turns each data row into one response with its answers and comments.
 *
 * Use: wide_run() with the adapter's hooks, which reads the header, checks the response id
 * column and stages every data row. Underneath: wide_init(); read the header row(s) with
 * import_next(); wide_header(); then for each data row decide whether it counts (incomplete,
 * draft... -> import_skip) and call wide_row() with the row's source id and the column of its
 * date; wide_release() at the end. */
#ifndef CORE_WIDE_H
#define CORE_WIDE_H

#include <stddef.h>

#include "collect.h"

enum wide_role {
	WIDE_IGNORED = 0,  /* maps to nothing */
	WIDE_PERSONAL,     /* e-mail, name, IP address, token, phone...: never read */
	WIDE_FIXED,        /* one of the adapter's fixed columns (see wide_col.tag) */
	WIDE_SITE,         /* the map's site_column */
	WIDE_CHANNEL,      /* the map's channel_column */
	WIDE_JOURNEY,      /* the map's journey_column */
	WIDE_ANSWER,       /* the answer to a question (several, separated, for a multi-select) */
	WIDE_OPTION,       /* one option of a multi-select question, ticked or not */
	WIDE_TEXT          /* free text: a text question, an "other" or a comment column */
};

/* A fixed column of an export: its header as the tool writes it (compared folded: case,
 * accents and spaces do not matter) and the adapter's tag for it (> 0). A list ends with
 * { NULL, 0 }. */
struct wide_fixed {
	const char *name;
	int tag;
};

/* Tags that make a fixed column the response's site, channel or journey, as the map file's
 * site_column, channel_column and journey_column do (an interview sheet's "Site", "Canal"). */
enum { WIDE_TAG_SITE = 1000, WIDE_TAG_CHANNEL, WIDE_TAG_JOURNEY };

/* The adapter's description of its export. */
struct wide_spec {
	const struct wide_fixed *fixed;
	const char *multi_seps;   /* characters that separate the answers of a multi-select in one
	                           * cell (";" for Google Forms, " " for Kobo names), or NULL */
};

struct wide_col {
	enum wide_role role;
	int tag;                          /* WIDE_FIXED: the adapter's tag */
	const struct question_def *q;     /* WIDE_ANSWER, WIDE_OPTION, WIDE_TEXT */
	const struct option_def *opt;     /* WIDE_OPTION */
};

/* Names of the ignored and personal columns, for the summary (capped). */
#define WIDE_NAMES_MAX 400

struct wide {
	const struct wide_spec *spec;
	struct wide_col *cols;            /* one per header column */
	size_t ncols;
	size_t nanswers;                  /* columns that carry answers or comments */
	long header_line;
	char ignored[WIDE_NAMES_MAX], personal[WIDE_NAMES_MAX];
	size_t nignored, npersonal;
	const char *respondent;           /* "agent" for a mirror survey, else NULL (usager) */
};

/* Sets up w (caller's storage) for an export described by spec (borrowed). */
void wide_init(struct wide *w, const struct wide_spec *spec);

/* Frees what w holds (not w itself). */
void wide_release(struct wide *w);

/*
 * Classifies the header row hdr. groups, when not NULL, is a row of group titles above the
 * header (Framaforms' second header row: a multi-select question's name above its option
 * columns; an empty group cell continues the group on its left over the group's options and
 * ends it above any other column, as Webform writes it). Checks the map file against
 * the survey (a map naming an unknown question is a problem) and that at least one column
 * carries a question. Problems go to imp->diag; returns 0, or -1 when the rows cannot be read
 * (reported). Prints the ignored and personal columns on stdout unless --quiet.
 */
int wide_header(struct wide *w, struct import *imp, const struct row *hdr,
                const struct row *groups);

/* The 0-based index of the first column with fixed tag `tag`, or -1. */
int wide_find(const struct wide *w, int tag);

/* Field col of row r, or "" when the row is shorter (or col < 0). Never NULL. */
const char *wide_cell(const struct row *r, int col);

/*
 * Stages one data row as a response: date_col (or -1) is the column of its date, source_id the
 * tool's id of the response (copied). A response dated outside the survey's period is set aside
 * (import_skip) and returns 1. Answers that match no option are reported with the accepted ones;
 * every cell is checked so that every problem is listed. Returns 0 when staged, 1 when set aside,
 * -1 when a problem was reported or the database failed.
 */
int wide_row(struct wide *w, struct import *imp, const struct row *r, int date_col,
             const char *source_id);

/* Hex of the first 16 bytes of the SHA-256 of the row's cells, personal columns left out (for
 * tools without a response id: Google Forms). out holds 33 bytes. */
void wide_row_hash(const struct wide *w, const struct row *r, char out[33]);

/* The column of the first cell of hdr whose tag in list is tag, or -1: read from the header
 * itself, for a column the engine classes as personal (a caller's number) and never reads. */
int wide_find_header(const struct wide_fixed *list, const struct row *hdr, int tag);

/* ---- one whole export: wide_run() and the adapter's hooks ---- */

/* What a row hook decides for one data row. */
enum wide_verdict {
	WIDE_STAGE,   /* a response: staged with pick->key, dated by pick->date_col */
	WIDE_ASIDE,   /* set aside (import_skip) for pick->reason, counted in the summary */
	WIDE_DROP     /* not a response (a Kobo HXL row), or a problem the hook reported */
};

/* One data row as the row hook sees it and fills it in. */
#define WIDE_KEY_MAX 160
struct wide_pick {
	const char *id;          /* in: the response id cell ("" when there is no id column) */
	int id_col;              /* in: the response id column, or -1 */
	int date_col;            /* out: the column of the response's date, or -1 (set: -1) */
	const char *key;         /* out, WIDE_STAGE: the source id (into buf or the row) */
	enum msg_id reason;      /* out, WIDE_ASIDE: why the row is set aside */
	char buf[WIDE_KEY_MAX];  /* room for a key the hook builds (snprintf) */
};

/* What differs between the exports wide_run() reads. Every hook gets the adapter's ctx. */
struct wide_hooks {
	/* Reads the header row(s): returns 1 with *hdr (valid until the next import_next()) and
	 * *groups (a row of group titles, or NULL; see wide_header()), 0 when reported, -1 on a
	 * failure. NULL: the first row is the header (MSG_NO_HEADER on an empty file). */
	int (*header)(void *ctx, struct import *imp, const struct row **hdr,
	              const struct row **groups);
	/* The fixed tag of the response id column and its name in messages; 0: no id column
	 * (the row hook makes the key, e.g. from wide_row_hash()). Without that column the file is
	 * rejected (MSG_ONLINE_MISSING_COLUMN), unless id_missing_ok: then every row is reported
	 * (MSG_ONLINE_NO_ID). A row whose id cell is empty is reported (MSG_ONLINE_NO_ID) after
	 * the row hook, when the hook would stage it. */
	int id_tag;
	const char *id_name;
	int id_missing_ok;
	/* Optional, after the id column check: finds the adapter's other columns in w (hdr is the
	 * header given to wide_header()); returns 0, or -1 when a missing one was reported. */
	int (*columns)(void *ctx, struct wide *w, struct import *imp, const struct row *hdr);
	/* Decides for one data row; fills pick (see enum wide_verdict). */
	enum wide_verdict (*row)(void *ctx, struct wide *w, struct import *imp,
	                         const struct row *r, struct wide_pick *pick);
};

/*
 * Reads a whole wide export described by spec with the adapter's hooks: the header, the id
 * column, then every data row (wide_row() for those the row hook stages). Stops at the first
 * failure (imp->failed). Returns 0, or -1 when the header could not be used, the rows could not
 * be read or the database failed (problems with rows are in imp->diag and return 0).
 */
int wide_run(struct import *imp, const struct wide_spec *spec, const struct wide_hooks *hooks,
             void *ctx);

/* ---- pure header classification (no survey needed; fuzzed) ---- */

/* 1 when a header names personal data (e-mail, name, IP address, token, phone...). */
int wide_is_personal(const char *header);

/* The tag of header in list (folded comparison; "CODE. text" by its code), or 0. */
int wide_fixed_tag(const struct wide_fixed *list, const char *header);

/* Splits "BASE[SUB]" or "Question [Row]": returns 1 and the lengths of the base (trailing
 * spaces dropped) and of the sub part (*sub points into h), or 0 when h has no such suffix. */
int wide_split_sub(const char *h, size_t *baselen, const char **sub, size_t *sublen);

/* "CODE. text" (LimeSurvey's "code and text" headers): returns 1 and the code's length when h
 * starts with a code made of letters, digits and '_' (then also '[', ']', '#': "Q02[SQ001]")
 * followed by ". ", else 0. wide_fixed_tag() also finds a fixed column by this code. */
int wide_split_code(const char *h, size_t *codelen);

/* A group path "grp_accueil/service": returns 1 and the offset of the last segment, else 0. */
int wide_split_path(const char *h, size_t *last);

/* A multi-select option cell: 1 ticked ("X", "1", "Y", "Oui", "Yes", "true"), 0 not ticked
 * ("", "0", "N", "Non", "No", "false", "N/A"), -1 anything else. */
int wide_ticked(const char *cell);

#endif

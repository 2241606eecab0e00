/* collect.h: what the three collectors share. A collector is a thin main() over a table of
 * format adapters; collect_main() parses the common options, connects, loads the survey, and for
 * each file runs the protocol: open the row stream, skip a file already imported, pick the
 * adapter, validate and stage every row, merge in one transaction, print the summary.
 * Adapters turn rows into responses, answers, comments or tallies through the import_*
 * functions below, which validate against the survey's definition and report problems as
 * FILE:LINE:COLUMN: message in French. */
#ifndef CORE_COLLECT_H
#define CORE_COLLECT_H

#include <stdint.h>

#include "batch.h"
#include "date.h"
#include "map.h"
#include "rowstream.h"
#include "survey.h"

struct import;
struct wide_spec;

struct adapter {
	const char *name;            /* the --format value: "tally", "limesurvey", "ivr" */
	const char *label;           /* shown in the summary: "LimeSurvey" */
	const char *source_system;   /* response.source_system: "limesurvey" */
	int no_header;               /* 1: the file has no header row (Asterisk CDR) */
	const struct wide_spec *spec;  /* a wide export's fixed columns (wide.h), or NULL */
	/* For --format auto: how surely the first row (the header) is this format,
	 * 0 = not at all .. 100 = certain. May be NULL (never chosen automatically). */
	int (*detect)(const struct row *first, enum rs_container container);
	/* Reads every row from import_next() and stages them with import_*(). Reports problems
	 * on imp->diag and goes on to the next row, so that every problem is listed; returns -1 only
	 * when it cannot go on (already reported). */
	int (*run)(struct import *imp);
};

/* A collector program and its format table (NULL-terminated). */
struct collector {
	const char *prog;                    /* "collect-phone" */
	const struct adapter *const *adapters;
};

struct collect_opts {
	const char *survey, *format, *site, *channel, *map_path, *db, *org;
	int dry_run, include_incomplete, quiet;
};

struct import {
	const char *prog;
	const char *file;                    /* as given */
	const struct collect_opts *opts;
	const struct adapter *adapter;
	const struct survey_def *survey;
	const struct map *map;               /* --map, or NULL */
	const struct place_def *site;        /* --site (or map's site), or NULL */
	const struct place_def *channel;     /* --channel, map's channel, or the collector's default */
	struct rowstream *rs;
	struct diag *diag;
	struct batch *batch;                 /* the open batch (never NULL while run() runs) */
	uint64_t rows_read;                  /* rows returned by import_next */
	uint64_t rows_skipped;
	uint64_t undated;                    /* responses staged without a date */
	uint64_t tallies;                    /* tallies staged */
	struct {                             /* responses and tallies by site and channel */
		const struct place_def *site, *channel;
		uint64_t responses, tallies;
	} places[32];
	size_t nplaces;
	struct {                             /* forms counted by the tallies, per question */
		const struct question_def *q;
		uint64_t forms;
	} qforms[64];
	size_t nqforms;
	struct { const char *reason; uint64_t n; } skips[16];
	size_t nskips;
	long next_rownum;
	void *state;                         /* the adapter's own */
	int failed;                          /* a database error happened: stop */
	int progress, progress_shown;        /* progress bar on stderr (a terminal), last % drawn */
};

/* The next row of the file (1), the end (0), or a fatal error (-1, reported). Counts rows read,
 * drives the progress bar. */
int import_next(struct import *imp, const struct row **row);

/* Counts a row that is set aside, with a French reason ("réponse incomplète"); the summary
 * lists each reason with its count. reason must be a string literal or catalogue text. */
void import_skip(struct import *imp, const char *reason);

/* Starts a response; returns its rownum (> 0), or -1 on a database error. site may be NULL;
 * channel NULL means the import's channel. date may be NULL. source_id must be unique within
 * the source system (the tool's response id); personal keys must go through import_hash. */
long import_response(struct import *imp, const struct place_def *site,
                     const struct place_def *channel, const char *journey,
                     const struct datetime *date, const char *respondent, const char *source_id);

/* Stages the answer `text` to q for response rownum: empty text (or "N/A") is no answer;
 * otherwise it must match an option (code or label, tolerant); else the problem is reported at
 * line:col with the accepted answers, and -1 is returned. Returns 0 when staged or empty. */
int import_answer(struct import *imp, long rownum, const struct question_def *q,
                  const char *text, long line, long col);
/* Stages an already resolved option. */
int import_option(struct import *imp, long rownum, const struct question_def *q,
                  const struct option_def *opt);
/* Stages free text (kept apart from answers). Empty text is ignored. */
int import_comment(struct import *imp, long rownum, const struct question_def *q,
                   const char *text);
/* Stages a paper tally. */
int import_tally(struct import *imp, long line, const struct place_def *site,
                 const struct place_def *channel, const struct datetime *from,
                 const struct datetime *to, const struct question_def *q,
                 const struct option_def *opt, long n);

/* Parses a date cell; reports MSG_BAD_DATE at line:col and returns -1 when it is not a date. */
int import_date(struct import *imp, const char *text, long line, long col, struct datetime *out);
/* 1 when dt lies inside the survey's period. */
int import_in_period(const struct import *imp, const struct datetime *dt);
/* Looks up a site or channel by code or name; reports the accepted codes and returns NULL. */
const struct place_def *import_site(struct import *imp, const char *text, long line, long col);
const struct place_def *import_channel(struct import *imp, const char *text, long line, long col);
/* Looks up a question by code or wording (NULL when none, nothing reported). */
const struct question_def *import_question(struct import *imp, const char *text);

/* Salted SHA-256 (hex, 65 bytes with the NUL) of a personal key such as a caller's number, so
 * that the same call is recognised without keeping the number. */
void import_hash(const struct import *imp, const char *key, char out[65]);

/*
 * The whole program: options, connection, survey, then every FILE. usage is the French help
 * text (from the catalogue). default_channel is a channel code ("en_ligne"), or NULL. all
 * lists every collector (ends with { NULL, NULL }): a file that none of this program's formats
 * recognises but another program's does is refused naming that program and format.
 * Returns the exit status: the worst of the files'.
 */
int collect_main(int argc, char **argv, const char *prog, const char *usage,
                 const struct adapter *const *adapters, const char *default_format,
                 const char *default_channel, const struct collector *all);

/* The adapter of adapters that recognises file best (--format auto), or NULL; *score gets its
 * score (0 when none). */
const struct adapter *collect_detect(const char *file, const struct adapter *const *adapters,
                                     int *score);

#endif

/* batch.h: the import-batch protocol of DESIGN.md on the client side. One file = one batch =
 * one transaction: BEGIN, a temporary staging table filled by COPY as rows are validated,
 * one call to the SQL function batch_merge (which records the batch and merges its rows, or
 * finds the same file already imported), COMMIT. Any error: ROLLBACK, nothing written. */
#ifndef CORE_BATCH_H
#define CORE_BATCH_H

#include <libpq-fe.h>
#include <stdint.h>

struct batch;

struct batch_info {
	const char *collector;      /* "collect-paper" */
	const char *format;         /* adapter name, "tally" */
	const char *file_name;      /* as given on the command line */
	const char *sha256;         /* of the file */
	const char *encoding;       /* as detected */
	char delimiter;             /* 0 when none (XLSX) */
	const char *source_system;  /* response.source_system */
	uint64_t rows_read, rows_skipped;
};

struct batch_result {
	int batch_id;               /* the new batch, or 0 */
	int already_batch;          /* the batch that already held this file, or 0 */
	char already_at[32];        /* its date, French ("3 mars 2025") */
	long long responses, responses_already, answers, comments, tallies;
	long overlap_line;          /* the first line whose tally another batch holds, or 0 */
	int overlap_batch;          /* that batch */
	char overlap_at[32];        /* its date, French */
};

/* Looks for a live batch holding a file with this SHA-256 for this survey. Returns 1 and fills
 * res->already_*, 0 when none, -1 on a database error (printed). */
int batch_find(PGconn *conn, const char *prog, int org_id, int survey_id, const char *sha256,
               struct batch_result *res);

/* BEGIN, creates the staging table and opens COPY. Returns NULL after printing an error. */
struct batch *batch_begin(PGconn *conn, const char *prog, int org_id, int survey_id);

/* Staged rows (buffered, sent by COPY in large chunks). NULL strings and ids <= 0 are NULL.
 * Each returns 0, or -1 after a database error (printed): then only batch_abort remains. */
int batch_response(struct batch *b, long rownum, int site_id, int channel_id, const char *journey,
                   const char *date_iso, const char *respondent, const char *source_id);
int batch_answer(struct batch *b, long rownum, int question_id, const char *option_code);
int batch_comment(struct batch *b, long rownum, int question_id, const char *body);
int batch_tally(struct batch *b, long line, int site_id, int channel_id, const char *start_iso,
                const char *end_iso, int question_id, const char *option_code, long n);

/* Ends COPY and merges; commits unless dry_run (then rolls back after the merge, so that the
 * dry run checks everything the database checks). Frees b. Returns 0; -2 when the file's tallies
 * overlap another batch's (res->overlap_*, nothing printed); -1 after printing an error
 * (everything rolled back in both cases). */
int batch_commit(struct batch *b, const struct batch_info *info, int dry_run,
                 struct batch_result *res);

/* Abandons the import: ends COPY with an error and rolls back. Frees b; accepts NULL. */
void batch_abort(struct batch *b);

#endif

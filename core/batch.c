/* batch.c: the client side of the import-batch protocol (see batch.h): one transaction per file,
 * rows streamed by COPY into the temporary table "stage", one call to batch_merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "date.h"
#include "db.h"

#define COPY_BUFFER (256 * 1024)

struct batch {
	PGconn *conn;
	const char *prog;
	int org_id, survey_id;
	char *buf;
	size_t len;
	int failed;
};

static int batch_flush(struct batch *b)
{
	if (b->failed)
		return -1;
	if (b->len && PQputCopyData(b->conn, b->buf, (int)b->len) != 1) {
		db_report(b->conn, NULL, b->prog, NULL);
		b->failed = 1;
		return -1;
	}
	b->len = 0;
	return 0;
}

/* Appends s escaped for COPY's text format; NULL is \N. */
static int put_text(struct batch *b, const char *s, int last)
{
	const char *p;

	if (b->failed)
		return -1;
	if (s) {
		for (p = s; *p; p++) {
			char esc = 0;

			if (b->len + 4 > COPY_BUFFER && batch_flush(b) < 0)
				return -1;
			switch (*p) {
			case '\\': esc = '\\'; break;
			case '\t': esc = 't'; break;
			case '\n': esc = 'n'; break;
			case '\r': esc = 'r'; break;
			default: break;
			}
			if (esc) {
				b->buf[b->len++] = '\\';
				b->buf[b->len++] = esc;
			} else {
				b->buf[b->len++] = *p;
			}
		}
	} else {
		if (b->len + 4 > COPY_BUFFER && batch_flush(b) < 0)
			return -1;
		b->buf[b->len++] = '\\';
		b->buf[b->len++] = 'N';
	}
	if (b->len + 2 > COPY_BUFFER && batch_flush(b) < 0)
		return -1;
	b->buf[b->len++] = last ? '\n' : '\t';
	return 0;
}

static int put_long(struct batch *b, long v, int null_if_nonpositive)
{
	char num[24];

	if (null_if_nonpositive && v <= 0)
		return put_text(b, NULL, 0);
	snprintf(num, sizeof(num), "%ld", v);
	return put_text(b, num, 0);
}

/* One staged row; the 14 columns of stage in order. */
static int put_row(struct batch *b, char kind, long rownum, int site_id, int channel_id,
                   const char *journey, const char *date_iso, const char *respondent,
                   const char *source_id, int question_id, const char *option_code,
                   const char *body, const char *start, const char *end, long n, int has_n)
{
	char k[2] = { kind, '\0' };

	put_text(b, k, 0);
	put_long(b, rownum, 0);
	put_long(b, site_id, 1);
	put_long(b, channel_id, 1);
	put_text(b, journey, 0);
	put_text(b, date_iso, 0);
	put_text(b, respondent, 0);
	put_text(b, source_id, 0);
	put_long(b, question_id, 1);
	put_text(b, option_code, 0);
	put_text(b, body, 0);
	put_text(b, start, 0);
	put_text(b, end, 0);
	if (has_n) {
		char num[24];

		snprintf(num, sizeof(num), "%ld", n);
		return put_text(b, num, 1);
	}
	return put_text(b, NULL, 1);
}

int batch_response(struct batch *b, long rownum, int site_id, int channel_id, const char *journey,
                   const char *date_iso, const char *respondent, const char *source_id)
{
	return put_row(b, 'R', rownum, site_id, channel_id, journey, date_iso, respondent, source_id,
	               0, NULL, NULL, NULL, NULL, 0, 0);
}

int batch_answer(struct batch *b, long rownum, int question_id, const char *option_code)
{
	return put_row(b, 'A', rownum, 0, 0, NULL, NULL, NULL, NULL, question_id, option_code, NULL,
	               NULL, NULL, 0, 0);
}

int batch_comment(struct batch *b, long rownum, int question_id, const char *body)
{
	return put_row(b, 'C', rownum, 0, 0, NULL, NULL, NULL, NULL, question_id, NULL, body, NULL,
	               NULL, 0, 0);
}

int batch_tally(struct batch *b, long line, int site_id, int channel_id, const char *start_iso,
                const char *end_iso, int question_id, const char *option_code, long n)
{
	return put_row(b, 'T', line, site_id, channel_id, NULL, NULL, NULL, NULL, question_id,
	               option_code, NULL, start_iso, end_iso, n, 1);
}

/* "2025-03-03 10:00:00+01" -> "3 mars 2025" */
static void french_date_of(const char *ts, char *out, size_t size)
{
	struct datetime dt;
	char day[11];

	snprintf(day, sizeof(day), "%.10s", ts ? ts : "");
	if (date_parse_iso(day, &dt) == 0)
		date_french(dt.year, dt.month, dt.day, out, size);
	else
		snprintf(out, size, "%s", day);
}

int batch_find(PGconn *conn, const char *prog, int org_id, int survey_id, const char *sha256,
               struct batch_result *res)
{
	char org[16], survey[16];
	const char *params[3] = { org, survey, sha256 };
	PGresult *r;
	int found;

	snprintf(org, sizeof(org), "%d", org_id);
	snprintf(survey, sizeof(survey), "%d", survey_id);
	r = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT batch_id, finished_at FROM batch_find($1, $2, $3)", 3, params);
	if (!r)
		return -1;
	found = PQntuples(r) > 0;
	if (found) {
		res->already_batch = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
		french_date_of(PQgetvalue(r, 0, 1), res->already_at, sizeof(res->already_at));
	}
	PQclear(r);
	return found;
}

struct batch *batch_begin(PGconn *conn, const char *prog, int org_id, int survey_id)
{
	struct batch *b = calloc(1, sizeof(*b));
	PGresult *r;

	if (!b)
		return NULL;
	b->buf = malloc(COPY_BUFFER);
	if (!b->buf) {
		free(b);
		return NULL;
	}
	b->conn = conn;
	b->prog = prog;
	b->org_id = org_id;
	b->survey_id = survey_id;
	if (db_exec(conn, prog, "BEGIN", 0, NULL) < 0)
		goto fail;
	r = db_query(conn, prog, PGRES_TUPLES_OK, "SELECT stage_create()", 0, NULL);
	if (!r)
		goto fail_rollback;
	PQclear(r);
	r = PQexec(conn, "COPY stage FROM STDIN");
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		db_report(conn, r, prog, NULL);
		PQclear(r);
		goto fail_rollback;
	}
	PQclear(r);
	return b;
fail_rollback:
	PQclear(PQexec(conn, "ROLLBACK"));
fail:
	free(b->buf);
	free(b);
	return NULL;
}

/* Ends COPY (with an error message when abort is set) and collects its result. */
static int batch_end_copy(struct batch *b, int abort)
{
	PGresult *r;
	int ok = 1;

	if (!abort && batch_flush(b) < 0)
		abort = 1;
	if (PQputCopyEnd(b->conn, abort ? "import abandonné" : NULL) != 1) {
		db_report(b->conn, NULL, b->prog, NULL);
		ok = 0;
	}
	while ((r = PQgetResult(b->conn)) != NULL) {
		if (!abort && PQresultStatus(r) != PGRES_COMMAND_OK) {
			db_report(b->conn, r, b->prog, NULL);
			ok = 0;
		}
		PQclear(r);
	}
	return ok && !abort ? 0 : -1;
}

/* The merge refused tallies that another batch holds (batch.tally_overlap, DETAIL
 * "line|batch|date"): fills res->overlap_* and returns 0; -1 for any other error. */
static int merge_overlap(const PGresult *r, struct batch_result *res)
{
	const char *key = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
	char *end;

	if (!key || !detail || strcmp(key, "batch.tally_overlap") != 0)
		return -1;
	res->overlap_line = strtol(detail, &end, 10);
	if (*end != '|')
		return -1;
	res->overlap_batch = (int)strtol(end + 1, &end, 10);
	if (*end != '|')
		return -1;
	french_date_of(end + 1, res->overlap_at, sizeof(res->overlap_at));
	return 0;
}

int batch_commit(struct batch *b, const struct batch_info *info, int dry_run,
                 struct batch_result *res)
{
	char org[16], survey[16], read[24], skipped[24], delim[2] = { info->delimiter, '\0' };
	const char *params[13];
	PGresult *r = NULL;
	int ret = -1;

	memset(res, 0, sizeof(*res));
	if (batch_end_copy(b, 0) < 0)
		goto out;
	snprintf(org, sizeof(org), "%d", b->org_id);
	snprintf(survey, sizeof(survey), "%d", b->survey_id);
	snprintf(read, sizeof(read), "%llu", (unsigned long long)info->rows_read);
	snprintf(skipped, sizeof(skipped), "%llu", (unsigned long long)info->rows_skipped);
	params[0] = org;
	params[1] = survey;
	params[2] = info->collector;
	params[3] = info->format;
	params[4] = info->file_name;
	params[5] = info->sha256;
	params[6] = info->encoding;
	params[7] = info->delimiter ? delim : NULL;
	params[8] = read;
	params[9] = skipped;
	params[10] = db_operator();
	params[11] = NULL;   /* started: the transaction's start, now() in the function's default */
	params[12] = info->source_system;
	/* a dry run takes no batch number (batch_merge reads this setting) */
	if (dry_run && db_exec(b->conn, b->prog, "SET LOCAL barometre.dry_run = 'on'", 0, NULL) < 0)
		goto out;
	r = PQexecParams(b->conn,
	                 "SELECT batch_id, already_batch, already_at, responses, responses_already, "
	                 "answers, comments, tallies FROM batch_merge($1, $2, $3, $4, $5, $6, $7, $8, "
	                 "$9, $10, $11, COALESCE($12::timestamptz, now()), $13)",
	                 13, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		if (merge_overlap(r, res) == 0)
			ret = -2;
		else
			db_report(b->conn, r, b->prog, NULL);
		goto out;
	}
	if (PQntuples(r) != 1)
		goto out;
	res->batch_id = PQgetisnull(r, 0, 0) ? 0 : (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
	res->already_batch = PQgetisnull(r, 0, 1) ? 0 : (int)strtol(PQgetvalue(r, 0, 1), NULL, 10);
	if (res->already_batch)
		french_date_of(PQgetvalue(r, 0, 2), res->already_at, sizeof(res->already_at));
	res->responses = strtoll(PQgetvalue(r, 0, 3), NULL, 10);
	res->responses_already = strtoll(PQgetvalue(r, 0, 4), NULL, 10);
	res->answers = strtoll(PQgetvalue(r, 0, 5), NULL, 10);
	res->comments = strtoll(PQgetvalue(r, 0, 6), NULL, 10);
	res->tallies = strtoll(PQgetvalue(r, 0, 7), NULL, 10);
	if (db_exec(b->conn, b->prog, dry_run ? "ROLLBACK" : "COMMIT", 0, NULL) < 0)
		goto out_norollback;
	ret = 0;
	goto out_norollback;
out:
	PQclear(PQexec(b->conn, "ROLLBACK"));
out_norollback:
	PQclear(r);
	free(b->buf);
	free(b);
	return ret;
}

void batch_abort(struct batch *b)
{
	if (!b)
		return;
	batch_end_copy(b, 1);
	PQclear(PQexec(b->conn, "ROLLBACK"));
	free(b->buf);
	free(b);
}

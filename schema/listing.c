/* listing.c: `survey-admin status`, `batches` and `undo`: what is loaded per survey, site,
 * channel and source; the import log; withdrawing one batch (it stays in the log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

#define LIST_MAX 2048

/* Checks that --survey names a survey of org. 0, or an exit status after printing why. */
static int survey_check(PGconn *conn, const char *prog, int org, const char *code)
{
	char orgs[16], list[LIST_MAX];
	const char *params[1];
	PGresult *r;
	size_t used = 0;
	int i, found = 0;

	if (!code)
		return 0;
	snprintf(orgs, sizeof(orgs), "%d", org);
	params[0] = orgs;
	r = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT code FROM survey WHERE org_id = $1::integer ORDER BY code", 1, params);
	if (!r)
		return EXIT_DB;
	list[0] = '\0';
	for (i = 0; i < PQntuples(r); i++) {
		const char *c = PQgetvalue(r, i, 0);
		int w;

		if (strcmp(c, code) == 0)
			found = 1;
		w = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", c);
		if (w > 0 && (size_t)w < sizeof(list) - used)
			used += (size_t)w;
	}
	PQclear(r);
	if (found)
		return 0;
	msg_print(stderr, prog, MSG_UNKNOWN_SURVEY, code, list[0] ? list : "-");
	return EXIT_USAGE;
}

static const char *kind_text(const char *kind)
{
	if (strcmp(kind, "flash") == 0)
		return msg_text(MSG_KIND_FLASH);
	if (strcmp(kind, "large") == 0)
		return msg_text(MSG_KIND_LARGE);
	if (strcmp(kind, "mirror") == 0)
		return msg_text(MSG_KIND_MIRROR);
	return kind;
}

int admin_status(struct admin *a)
{
	const char *heads[6];
	const char *cells[6];
	const char *params[2];
	char orgs[16], forms[64], digits[32];
	struct table t;
	PGconn *conn;
	PGresult *r = NULL;
	long long total = 0;
	int org, i, ret, rows = 0;

	memset(&t, 0, sizeof(t));
	ret = admin_open(a, &conn, &org);
	if (ret != EXIT_DONE)
		return ret;
	ret = survey_check(conn, a->prog, org, a->survey);
	if (ret != 0)
		goto out;
	ret = EXIT_DB;
	snprintf(orgs, sizeof(orgs), "%d", org);
	params[0] = orgs;
	params[1] = a->survey;
	r = db_query(conn, a->prog, PGRES_TUPLES_OK,
	             "SELECT survey, kind, site, channel, source, forms"
	             " FROM survey_status($1::integer, $2::text)", 2, params);
	if (!r)
		goto out;
	if (PQntuples(r) == 0) {
		printf("%s\n", msg_text(MSG_ADMIN_NO_SURVEYS));
		ret = EXIT_DONE;
		goto out;
	}
	heads[0] = msg_text(MSG_COL_SURVEY);
	heads[1] = msg_text(MSG_COL_KIND);
	heads[2] = msg_text(MSG_COL_SITE);
	heads[3] = msg_text(MSG_COL_CHANNEL);
	heads[4] = msg_text(MSG_COL_SOURCE);
	heads[5] = msg_text(MSG_COL_FORMS);
	if (table_init(&t, 6, heads) < 0)
		goto out;
	t.right[5] = 1;
	for (i = 0; i < PQntuples(r); i++) {
		int empty = PQgetisnull(r, i, 4);

		cells[0] = PQgetvalue(r, i, 0);
		cells[1] = kind_text(PQgetvalue(r, i, 1));
		cells[2] = PQgetvalue(r, i, 2);
		cells[3] = PQgetvalue(r, i, 3);
		cells[4] = empty ? msg_text(MSG_ADMIN_NO_DATA) : PQgetvalue(r, i, 4);
		cells[5] = empty ? "0" : table_count(PQgetvalue(r, i, 5), forms, sizeof(forms));
		if (table_add(&t, cells) < 0)
			goto out;
		total += empty ? 0 : strtoll(PQgetvalue(r, i, 5), NULL, 10);
		rows++;
		/* After the last row of a survey that has several, its total. */
		if (rows > 1 && (i + 1 == PQntuples(r) ||
		                 strcmp(PQgetvalue(r, i + 1, 0), PQgetvalue(r, i, 0)) != 0)) {
			snprintf(digits, sizeof(digits), "%lld", total);
			cells[2] = msg_text(MSG_COL_TOTAL);
			cells[3] = cells[4] = "";
			cells[5] = table_count(digits, forms, sizeof(forms));
			if (table_add(&t, cells) < 0)
				goto out;
		}
		if (i + 1 == PQntuples(r) || strcmp(PQgetvalue(r, i + 1, 0), PQgetvalue(r, i, 0)) != 0) {
			total = 0;
			rows = 0;
		}
	}
	table_print(&t, stdout);
	ret = EXIT_DONE;
out:
	table_release(&t);
	PQclear(r);
	PQfinish(conn);
	return ret;
}

int admin_batches(struct admin *a)
{
	enum { NCOLS = 10 };
	const char *heads[NCOLS];
	const char *cells[NCOLS];
	const char *params[2];
	char orgs[16], num[4][64];
	struct table t;
	PGconn *conn;
	PGresult *r = NULL;
	int org, i, c, ret;

	memset(&t, 0, sizeof(t));
	ret = admin_open(a, &conn, &org);
	if (ret != EXIT_DONE)
		return ret;
	ret = survey_check(conn, a->prog, org, a->survey);
	if (ret != 0)
		goto out;
	ret = EXIT_DB;
	snprintf(orgs, sizeof(orgs), "%d", org);
	params[0] = orgs;
	params[1] = a->survey;
	r = db_query(conn, a->prog, PGRES_TUPLES_OK,
	             "SELECT b.batch_id, to_char(b.finished_at, 'YYYY-MM-DD HH24:MI'), s.code,"
	             " b.collector || '/' || b.format, b.file_name, b.rows_read, b.responses,"
	             " b.rows_already, b.tallies, to_char(b.undone_at, 'YYYY-MM-DD HH24:MI')"
	             " FROM batch b JOIN survey s ON s.org_id = b.org_id AND s.survey_id = b.survey_id"
	             " WHERE b.org_id = $1::integer AND ($2::text IS NULL OR s.code = $2::text)"
	             " ORDER BY b.batch_id", 2, params);
	if (!r)
		goto out;
	if (PQntuples(r) == 0) {
		printf("%s\n", msg_text(MSG_ADMIN_NO_BATCHES));
		ret = EXIT_DONE;
		goto out;
	}
	heads[0] = msg_text(MSG_COL_BATCH);
	heads[1] = msg_text(MSG_COL_DATE);
	heads[2] = msg_text(MSG_COL_SURVEY);
	heads[3] = msg_text(MSG_COL_SOURCE);
	heads[4] = msg_text(MSG_COL_FILE);
	heads[5] = msg_text(MSG_COL_ROWS);
	heads[6] = msg_text(MSG_COL_RESPONSES);
	heads[7] = msg_text(MSG_COL_ALREADY);
	heads[8] = msg_text(MSG_COL_TALLIES);
	heads[9] = msg_text(MSG_COL_UNDONE);
	if (table_init(&t, NCOLS, heads) < 0)
		goto out;
	t.right[0] = t.right[5] = t.right[6] = t.right[7] = t.right[8] = 1;
	for (i = 0; i < PQntuples(r); i++) {
		for (c = 0; c < 5; c++)
			cells[c] = PQgetvalue(r, i, c);
		for (c = 5; c < 9; c++)
			cells[c] = table_count(PQgetvalue(r, i, c), num[c - 5], sizeof(num[0]));
		cells[9] = PQgetisnull(r, i, 9) ? "-" : PQgetvalue(r, i, 9);
		if (table_add(&t, cells) < 0)
			goto out;
	}
	table_print(&t, stdout);
	ret = EXIT_DONE;
out:
	table_release(&t);
	PQclear(r);
	PQfinish(conn);
	return ret;
}

int admin_undo(struct admin *a)
{
	const char *arg = a->argv[0];
	const char *params[3];
	char orgs[16], batch[16];
	char *end;
	long id;
	PGconn *conn;
	PGresult *r = NULL;
	int org, ret;

	id = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || id <= 0 || id > 2147483647L) {
		msg_print(stderr, a->prog, MSG_ADMIN_BAD_BATCH, arg);
		return EXIT_USAGE;
	}
	ret = admin_open(a, &conn, &org);
	if (ret != EXIT_DONE)
		return ret;
	ret = EXIT_DB;
	snprintf(orgs, sizeof(orgs), "%d", org);
	snprintf(batch, sizeof(batch), "%ld", id);
	params[0] = orgs;
	params[1] = batch;
	params[2] = db_operator();
	if (db_exec(conn, a->prog, "BEGIN", 0, NULL) < 0)
		goto out;
	r = PQexecParams(conn, "SELECT responses, tallies FROM batch_undo($1::integer, $2::integer, $3)",
	                 3, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		db_report(conn, r, a->prog, NULL);
		if (admin_keyed_error(r))
			ret = EXIT_REJECTED;
		PQclear(PQexec(conn, "ROLLBACK"));
		goto out;
	}
	if (db_exec(conn, a->prog, "COMMIT", 0, NULL) < 0)
		goto out;
	msg_print(stdout, a->prog, MSG_UNDO_DONE, (int)id, strtoll(PQgetvalue(r, 0, 0), NULL, 10),
	          strtoll(PQgetvalue(r, 0, 1), NULL, 10));
	ret = EXIT_DONE;
out:
	PQclear(r);
	PQfinish(conn);
	return ret;
}

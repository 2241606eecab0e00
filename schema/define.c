/* define.c: `survey-admin define FILE`: reads the YAML definitions (anchors and aliases
 * resolved), hands them as JSON to define_load() in one transaction, and says what the
 * organisation now holds. A rejected file changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "yaml.h"

static int schema_ready(PGconn *conn, const char *prog)
{
	PGresult *r = db_query(conn, prog, PGRES_TUPLES_OK,
	                       "SELECT to_regprocedure('define_load(jsonb)') IS NOT NULL", 0, NULL);
	int ok;

	if (!r)
		return -1;
	ok = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!ok) {
		msg_print(stderr, prog, MSG_DB_NO_SCHEMA);
		return -1;
	}
	return 0;
}

/* Prints what org now holds (MSG_DEF_LOADED). */
static int print_counts(PGconn *conn, const char *prog, const char *org)
{
	PGresult *r = db_query(conn, prog, PGRES_TUPLES_OK,
	    "SELECT o.code,"
	    " (SELECT count(*) FROM channel c WHERE c.org_id = o.org_id),"
	    " (SELECT count(*) FROM site s WHERE s.org_id = o.org_id),"
	    " (SELECT count(*) FROM question q WHERE q.org_id = o.org_id),"
	    " (SELECT count(*) FROM survey s WHERE s.org_id = o.org_id),"
	    " (SELECT count(*) FROM indicator i WHERE i.org_id = o.org_id)"
	    " FROM org o WHERE o.org_id = $1::integer", 1, &org);

	if (!r)
		return -1;
	if (PQntuples(r) == 1)
		msg_print(stdout, prog, MSG_DEF_LOADED, PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1),
		          PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3), PQgetvalue(r, 0, 4),
		          PQgetvalue(r, 0, 5));
	PQclear(r);
	return 0;
}

/* The current name of the organisation the document names (malloc'd), or NULL when it names
 * none or a new one. */
static char *org_name_before(PGconn *conn, const char *json)
{
	PGresult *r = PQexecParams(conn,
	    "SELECT o.name FROM org o WHERE o.code = btrim($1::jsonb -> 'organisation' ->> 'code')",
	    1, NULL, &json, NULL, NULL, 0);
	char *name = NULL;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		name = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return name;
}

/* Says so when the document renamed its organisation (never silently). */
static void say_renamed(PGconn *conn, const char *prog, const char *org, const char *before)
{
	PGresult *r;

	if (!before)
		return;
	r = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT code, name FROM org WHERE org_id = $1::integer", 1, &org);
	if (r && PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 1), before) != 0)
		msg_print(stdout, prog, MSG_DEF_ORG_RENAMED, PQgetvalue(r, 0, 0), before,
		          PQgetvalue(r, 0, 1));
	PQclear(r);
}

int admin_define(struct admin *a)
{
	const char *path = a->argv[0];
	struct fy_document *doc;
	char *json = NULL, *prefix = NULL, *before = NULL;
	const char *param;
	PGconn *conn = NULL;
	PGresult *r = NULL;
	size_t plen;
	int ret = EXIT_REJECTED;

	plen = strlen(path) + 3;
	prefix = malloc(plen);
	if (!prefix)
		return EXIT_DB;
	snprintf(prefix, plen, "%s: ", path);
	doc = yaml_load(a->prog, path);
	if (!doc)
		goto out;
	if (!fy_document_root(doc)) {
		fprintf(stderr, "%s: %s%s\n", a->prog, prefix, msg_text(MSG_ADMIN_DEF_EMPTY));
		goto out;
	}
	json = yaml_to_json(doc);
	if (!json) {
		ret = EXIT_DB;
		goto out;
	}
	ret = EXIT_DB;
	conn = db_connect(a->prog, a->conninfo);
	if (!conn || schema_ready(conn, a->prog) < 0)
		goto out;
	if (db_exec(conn, a->prog, "BEGIN", 0, NULL) < 0)
		goto out;
	before = org_name_before(conn, json);
	param = json;
	r = PQexecParams(conn, "SELECT define_load($1::jsonb)", 1, NULL, &param, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		db_report(conn, r, a->prog, prefix);
		if (admin_keyed_error(r))
			ret = EXIT_REJECTED;
		PQclear(PQexec(conn, "ROLLBACK"));
		goto out;
	}
	if (db_exec(conn, a->prog, "COMMIT", 0, NULL) < 0)
		goto out;
	if (print_counts(conn, a->prog, PQgetvalue(r, 0, 0)) < 0)
		goto out;
	say_renamed(conn, a->prog, PQgetvalue(r, 0, 0), before);
	ret = EXIT_DONE;
out:
	PQclear(r);
	PQfinish(conn);
	free(json);
	free(before);
	if (doc)
		fy_document_destroy(doc);
	free(prefix);
	return ret;
}

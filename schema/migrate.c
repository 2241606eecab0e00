/* migrate.c: `survey-admin init`: creates or migrates the schema. Each embedded
 * migrations/NNN_*.sql runs once, in its own transaction, and is recorded in schema_version;
 * then every functions/NNN_*.sql (CREATE OR REPLACE) runs again, all in one transaction. Running it
 * twice changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "schema_sql.h"

#define MIGRATIONS "migrations/"
#define FUNCTIONS "functions/"

/* Serialises concurrent inits (any constant shared by every survey-admin). */
#define INIT_LOCK "SELECT pg_advisory_lock(7142025)"
#define INIT_UNLOCK "SELECT pg_advisory_unlock(7142025)"

/* The number NNN of "migrations/NNN_name.sql", or -1. */
static long migration_version(const char *name)
{
	const char *p = name + strlen(MIGRATIONS);
	char *end;
	long v = strtol(p, &end, 10);

	if (end == p || *end != '_' || v <= 0 || v > 1000000)
		return -1;
	return v;
}

/* Runs one file's text (several statements) inside the current transaction. */
static int run_file(PGconn *conn, const char *prog, const struct sql_file *f)
{
	PGresult *r = PQexec(conn, f->text);
	char prefix[256];
	int ret = 0;

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
		snprintf(prefix, sizeof(prefix), "%s: ", f->name);
		db_report(conn, r, prog, prefix);
		ret = -1;
	}
	PQclear(r);
	return ret;
}

static void rollback(PGconn *conn)
{
	PQclear(PQexec(conn, "ROLLBACK"));
}

/* 1 when version is recorded, 0 when not, -1 on error. */
static int migration_done(PGconn *conn, const char *prog, const char *version)
{
	PGresult *r = db_query(conn, prog, PGRES_TUPLES_OK,
	                       "SELECT 1 FROM schema_version WHERE version = $1::integer", 1, &version);
	int done;

	if (!r)
		return -1;
	done = PQntuples(r) > 0;
	PQclear(r);
	return done;
}

static int migration_apply(PGconn *conn, const char *prog, const struct sql_file *f, long v)
{
	char version[32];
	const char *params[2];
	int done;

	snprintf(version, sizeof(version), "%ld", v);
	params[0] = version;
	params[1] = f->name + strlen(MIGRATIONS);
	done = migration_done(conn, prog, version);
	if (done != 0)
		return done < 0 ? -1 : 0;
	if (db_exec(conn, prog, "BEGIN", 0, NULL) < 0)
		return -1;
	if (run_file(conn, prog, f) < 0 ||
	    db_exec(conn, prog, "INSERT INTO schema_version (version, name, applied_at)"
	                        " VALUES ($1::integer, $2, now())", 2, params) < 0) {
		rollback(conn);
		return -1;
	}
	if (db_exec(conn, prog, "COMMIT", 0, NULL) < 0)
		return -1;
	msg_print(stdout, prog, MSG_ADMIN_MIGRATED, params[1]);
	return 0;
}

static int functions_apply(PGconn *conn, const char *prog)
{
	size_t i;

	if (db_exec(conn, prog, "BEGIN", 0, NULL) < 0)
		return -1;
	for (i = 0; schema_sql[i].name; i++) {
		if (strncmp(schema_sql[i].name, FUNCTIONS, strlen(FUNCTIONS)) != 0)
			continue;
		if (run_file(conn, prog, &schema_sql[i]) < 0) {
			rollback(conn);
			return -1;
		}
	}
	return db_exec(conn, prog, "COMMIT", 0, NULL);
}

int admin_init(struct admin *a)
{
	PGconn *conn;
	PGresult *r = NULL;
	size_t i;
	long v;
	int ret = EXIT_DB;

	conn = db_connect(a->prog, a->conninfo);
	if (!conn)
		return EXIT_DB;
	if (db_exec(conn, a->prog, INIT_LOCK, 0, NULL) < 0)
		goto out;
	if (db_exec(conn, a->prog,
	            "CREATE TABLE IF NOT EXISTS schema_version ("
	            " version integer PRIMARY KEY,"
	            " name text NOT NULL,"
	            " applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL) < 0)
		goto out;
	for (i = 0; schema_sql[i].name; i++) {
		if (strncmp(schema_sql[i].name, MIGRATIONS, strlen(MIGRATIONS)) != 0)
			continue;
		v = migration_version(schema_sql[i].name);
		if (v < 0) {
			fprintf(stderr, "%s: %s: bad migration name (expected NNN_name.sql)\n", a->prog,
			        schema_sql[i].name);
			goto out;
		}
		if (migration_apply(conn, a->prog, &schema_sql[i], v) < 0)
			goto out;
	}
	if (functions_apply(conn, a->prog) < 0)
		goto out;
	r = db_query(conn, a->prog, PGRES_TUPLES_OK,
	             "SELECT COALESCE(max(version), 0) FROM schema_version", 0, NULL);
	if (!r)
		goto out;
	msg_print(stdout, a->prog, MSG_INIT_DONE, (int)strtol(PQgetvalue(r, 0, 0), NULL, 10));
	ret = EXIT_DONE;
out:
	PQclear(r);
	if (PQstatus(conn) == CONNECTION_OK)
		PQclear(PQexec(conn, INIT_UNLOCK));
	PQfinish(conn);
	return ret;
}

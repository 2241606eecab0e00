/* db.c: the connection rules shared by every program (--db, then the PG* environment, then the
 * embedded cluster), the organisation look-up, parameter-only query helpers, and the
 * translation of database errors into the French catalogue. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "db.h"

/* The embedded cluster listens on a private socket directory only; the port only names the
 * socket file (.s.PGSQL.5432), so it never clashes with another server. */
#define DB_EMBEDDED_PORT "5432"

/* Caps on the lists printed in messages (organisation codes). */
#define DB_LIST_MAX 1024

static char *str_join3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);

	if (!s)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

static int env_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v;
}

char *db_embedded_home(void)
{
	const char *v;
	struct passwd *pw;

	v = getenv("BAROMETRE_HOME");
	if (v && *v)
		return strdup(v);
	if (geteuid() == 0)
		return strdup("/var/lib/barometre");
	v = getenv("XDG_DATA_HOME");
	if (v && v[0] == '/')
		return str_join3(v, "/", "barometre");
	v = getenv("HOME");
	if (!v || !*v) {
		pw = getpwuid(geteuid());
		v = pw ? pw->pw_dir : "/tmp";
	}
	return str_join3(v, "/", ".local/share/barometre");
}

/* Copies a libpq message without its trailing newlines. Returns a malloc'd string. */
static char *chomp_dup(const char *s)
{
	char *c = strdup(s ? s : "");
	size_t n;

	if (!c)
		return NULL;
	n = strlen(c);
	while (n > 0 && (c[n - 1] == '\n' || c[n - 1] == '\r' || c[n - 1] == ' '))
		c[--n] = '\0';
	return c;
}

static void print_with_prefix(const char *prog, const char *prefix, const char *text)
{
	char *p = msg_escape(prefix ? prefix : ""), *t = msg_escape(text ? text : "?");

	fprintf(stderr, "%s: %s%s\n", prog, p ? p : "", t ? t : "?");
	free(p);
	free(t);
}

static int session_setup(PGconn *conn, const char *prog)
{
	PGresult *r;
	int ret = -1;

	r = PQexec(conn, "SET client_encoding TO 'UTF8'; SET DateStyle TO 'ISO, DMY';"
	                 " SET client_min_messages TO warning");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		db_report(conn, r, prog, NULL);
		goto out;
	}
	PQclear(r);
	/* A client killed while its session waits (on a batch lock, behind another import) leaves
	 * the server nothing to read: from PostgreSQL 14 on, the server checks the socket every
	 * second while a query runs and rolls the transaction back when the client is gone,
	 * instead of queueing a dead merge. */
	r = PQexec(conn, "SELECT set_config('client_connection_check_interval', '1000', false)"
	                 " WHERE current_setting('server_version_num')::int >= 140000");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		db_report(conn, r, prog, NULL);
		goto out;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

PGconn *db_connect(const char *prog, const char *conninfo)
{
	const char *keys[6];
	const char *vals[6];
	char *home = NULL, *sock = NULL, *run = NULL, *err = NULL;
	PGconn *conn = NULL;
	struct stat st;
	int n = 0;

	if (conninfo) {
		keys[n] = "dbname";
		vals[n++] = conninfo;
	} else if (!env_set("PGHOST") && !env_set("PGDATABASE") && !env_set("PGSERVICE")) {
		home = db_embedded_home();
		run = home ? str_join3(home, "/", "run") : NULL;
		sock = run ? str_join3(run, "/.s.PGSQL.", DB_EMBEDDED_PORT) : NULL;
		if (!sock) {
			fprintf(stderr, "%s: out of memory\n", prog);
			goto out;
		}
		if (stat(sock, &st) != 0) {
			msg_print(stderr, prog, MSG_DB_EMBEDDED_DOWN);
			goto out;
		}
		keys[n] = "host";
		vals[n++] = run;
		keys[n] = "port";
		vals[n++] = DB_EMBEDDED_PORT;
		keys[n] = "dbname";
		vals[n++] = "barometre";
		keys[n] = "user";
		vals[n++] = "barometre";
	}
	keys[n] = "fallback_application_name";
	vals[n++] = prog;
	keys[n] = NULL;
	vals[n] = NULL;
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn || PQstatus(conn) != CONNECTION_OK) {
		err = chomp_dup(conn ? PQerrorMessage(conn) : "out of memory");
		msg_print(stderr, prog, MSG_DB_CONNECT, err ? err : "?");
		PQfinish(conn);
		conn = NULL;
		goto out;
	}
	if (session_setup(conn, prog) < 0) {
		PQfinish(conn);
		conn = NULL;
	}
out:
	free(err);
	free(sock);
	free(run);
	free(home);
	return conn;
}

/* 1 when the table org exists (the schema was created), 0 when not, -1 on error. */
static int schema_present(PGconn *conn, const char *prog)
{
	PGresult *r;
	int ret;

	r = db_query(conn, prog, PGRES_TUPLES_OK, "SELECT to_regclass('org') IS NOT NULL", 0, NULL);
	if (!r)
		return -1;
	ret = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	return ret;
}

int db_org(PGconn *conn, const char *prog, const char *code)
{
	PGresult *r = NULL;
	char list[DB_LIST_MAX];
	size_t used = 0;
	int i, n, present, ret = -1;

	present = schema_present(conn, prog);
	if (present <= 0) {
		if (present == 0)
			msg_print(stderr, prog, MSG_DB_NO_SCHEMA);
		return -1;
	}
	if (code) {
		r = db_query(conn, prog, PGRES_TUPLES_OK, "SELECT org_id FROM org WHERE code = $1",
		             1, &code);
		if (!r)
			goto out;
		if (PQntuples(r) != 1) {
			msg_print(stderr, prog, MSG_DB_UNKNOWN_ORG, code);
			goto out;
		}
		ret = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
		goto out;
	}
	r = db_query(conn, prog, PGRES_TUPLES_OK, "SELECT org_id, code FROM org ORDER BY code", 0,
	             NULL);
	if (!r)
		goto out;
	n = PQntuples(r);
	if (n == 0) {
		msg_print(stderr, prog, MSG_DB_NO_ORG);
		goto out;
	}
	if (n > 1) {
		list[0] = '\0';
		for (i = 0; i < n; i++) {
			int w = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
			                 PQgetvalue(r, i, 1));

			if (w < 0 || (size_t)w >= sizeof(list) - used) {
				list[used] = '\0';
				break;
			}
			used += (size_t)w;
		}
		msg_print(stderr, prog, MSG_DB_MANY_ORGS, list);
		goto out;
	}
	ret = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
out:
	PQclear(r);
	return ret;
}

PGresult *db_query(PGconn *conn, const char *prog, ExecStatusType expect, const char *sql,
                   int nparams, const char *const *params)
{
	PGresult *r;

	r = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != expect) {
		db_report(conn, r, prog, NULL);
		PQclear(r);
		return NULL;
	}
	return r;
}

int db_exec(PGconn *conn, const char *prog, const char *sql, int nparams,
            const char *const *params)
{
	PGresult *r;
	ExecStatusType st;
	int ret = 0;

	r = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		db_report(conn, r, prog, NULL);
		ret = -1;
	}
	PQclear(r);
	return ret;
}

void db_report(PGconn *conn, const PGresult *res, const char *prog, const char *prefix)
{
	const char *primary = NULL, *detail = NULL;
	char *text = NULL, *plain = NULL, *both = NULL;
	enum msg_id id;

	if (res) {
		primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	}
	if (primary) {
		id = msg_by_key(primary);
		if (id != MSG__COUNT) {
			text = msg_format_joined(id, detail ? detail : "");
			print_with_prefix(prog, prefix, text);
			goto out;
		}
		if (detail) {
			both = str_join3(primary, " : ", detail);
			primary = both ? both : primary;
		}
		text = msg_format(MSG_DB_ERROR, primary);
		print_with_prefix(prog, prefix, text);
		goto out;
	}
	/* No structured error: the connection's message (lost connection, unexpected status). */
	plain = chomp_dup(res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
	                  : conn ? PQerrorMessage(conn) : "");
	if (plain && !*plain && res)
		text = msg_format(MSG_DB_UNEXPECTED, PQresStatus(PQresultStatus(res)));
	else if (conn && PQstatus(conn) == CONNECTION_BAD)
		text = msg_format(MSG_DB_CONNECT, plain ? plain : "?");
	else
		text = msg_format(MSG_DB_ERROR, plain ? plain : "?");
	print_with_prefix(prog, prefix, text);
out:
	free(both);
	free(plain);
	free(text);
}

const char *db_operator(void)
{
	static char buf[64];
	const char *v;
	struct passwd *pw;

	v = getenv("SUDO_USER");
	if (v && *v)
		return v;
	v = getenv("USER");
	if (v && *v)
		return v;
	pw = getpwuid(geteuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	snprintf(buf, sizeof(buf), "uid %lu", (unsigned long)geteuid());
	return buf;
}

int db_use_role(PGconn *conn, const char *prog, const char *role)
{
	const char *params[1] = { role };
	PGresult *r;
	char *ident, *sql;
	size_t n;
	int usable, ret;

	r = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) "
	             "AND pg_has_role(current_user, $1, 'USAGE')", 1, params);
	if (!r)
		return -1;
	usable = PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	if (!usable)
		return 0;
	ident = PQescapeIdentifier(conn, role, strlen(role));
	if (!ident)
		return -1;
	n = strlen(ident) + 16;
	sql = malloc(n);
	if (!sql) {
		PQfreemem(ident);
		return -1;
	}
	snprintf(sql, n, "SET ROLE %s", ident);
	ret = db_exec(conn, prog, sql, 0, NULL);
	free(sql);
	PQfreemem(ident);
	return ret;
}

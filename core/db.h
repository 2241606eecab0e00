/* db.h: the database connection rules shared by every program, the embedded cluster's location,
 * query helpers that take parameters only, and the translation of database errors (including
 * the message keys raised by the project's SQL functions) into the French catalogue. */
#ifndef CORE_DB_H
#define CORE_DB_H

#include <libpq-fe.h>

#include "msg.h"

/* Exit statuses of every program (DESIGN.md). */
enum exit_status { EXIT_DONE = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_DB = 3 };

/*
 * Where the embedded cluster lives: $BAROMETRE_HOME if set; else, as root,
 * /var/lib/barometre; else $XDG_DATA_HOME/barometre or ~/.local/share/barometre.
 * Its data directory is HOME/pgdata and its socket directory HOME/run. Returns a malloc'd path.
 */
char *db_embedded_home(void);

/*
 * Connects following the contract: conninfo when not NULL; else the PG* environment when
 * PGHOST, PGDATABASE or PGSERVICE is set; else the embedded cluster's socket. On failure prints
 * a French message as "prog: ..." on stderr and returns NULL (the caller exits EXIT_DB).
 * The session runs with client_encoding UTF8, DateStyle ISO, and TimeZone as the environment.
 */
PGconn *db_connect(const char *prog, const char *conninfo);

/* The organisation to work on: the one named code, or the only one defined. Prints a message
 * and returns -1 when there is none, several, or the schema is missing. */
int db_org(PGconn *conn, const char *prog, const char *code);

/* Runs sql with text parameters. Returns the result when its status is `expect`
 * (PGRES_COMMAND_OK or PGRES_TUPLES_OK); else prints the error (db_report) and returns NULL
 * (the failed result is cleared). The caller PQclear()s what it gets. */
PGresult *db_query(PGconn *conn, const char *prog, ExecStatusType expect, const char *sql,
                   int nparams, const char *const *params);

/* Runs a command that returns nothing useful; 0 or -1 (error printed). */
int db_exec(PGconn *conn, const char *prog, const char *sql, int nparams,
            const char *const *params);

/* Prints the error of res (or of conn when res is NULL) in French on stderr, as "prog: ...".
 * Errors raised by the project's SQL functions carry a catalogue key and are shown as that
 * message; prefix, when not NULL, is printed first ("FILE: "). */
void db_report(PGconn *conn, const PGresult *res, const char *prog, const char *prefix);

/* The least-privilege roles of schema/functions/090_roles.sql. */
#define DB_ROLE_COLLECTOR "barometre_collector"
#define DB_ROLE_REPORT "barometre_report"

/* Switches the session to role (SET ROLE) when the role exists and the connected user may use
 * it, so that a collector cannot read comments and a report cannot write; otherwise the session
 * stays as it is (a database set up by hand, without the roles). Returns 0, or -1 after
 * printing a database error. */
int db_use_role(PGconn *conn, const char *prog, const char *role);

/* Who runs the program, for the import log: $SUDO_USER, $USER or the uid. Static storage. */
const char *db_operator(void);

#endif

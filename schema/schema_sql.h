/* schema_sql.h: the SQL files embedded in survey-admin at build time (tools/embed-sql.sh):
 * migrations/NNN_*.sql, applied once each in order and recorded in schema_version, and
 * functions/NNN_*.sql, which are CREATE OR REPLACE and applied again by every init. */
#ifndef SCHEMA_SQL_H
#define SCHEMA_SQL_H

struct sql_file {
	const char *name;   /* "migrations/001_base.sql" */
	const char *text;
};

/* Ends with { NULL, NULL }. */
extern const struct sql_file schema_sql[];

#endif

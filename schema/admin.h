/* admin.h: what the survey-admin commands share: the parsed command line, the commands
 * themselves (one file each: dbctl.c, migrate.c, define.c, listing.c), and the aligned text
 * table that status and batches print. */
#ifndef SCHEMA_ADMIN_H
#define SCHEMA_ADMIN_H

#include <stddef.h>
#include <stdio.h>

#include "db.h"

struct admin {
	const char *prog;       /* "survey-admin" */
	const char *conninfo;   /* --db, or NULL */
	const char *org;        /* --org, or NULL */
	const char *survey;     /* --survey, or NULL */
	const char *output;     /* -o, or NULL */
	int argc;               /* arguments after the command name */
	char **argv;
};

/* Each command returns an exit status (enum exit_status). */
int admin_db(struct admin *a);        /* db start|stop|status */
int admin_init(struct admin *a);      /* init */
int admin_define(struct admin *a);    /* define FILE */
int admin_status(struct admin *a);    /* status [--survey CODE] */
int admin_batches(struct admin *a);   /* batches [--survey CODE] */
int admin_undo(struct admin *a);      /* undo BATCH */
int admin_draft(struct admin *a);     /* draft EXPORT [--survey CODE] -o FILE (draft.c) */

/* Connects (db_connect) and finds the organisation (db_org). Returns EXIT_DONE with *conn
 * and *org set, or EXIT_DB after printing why (*conn is then NULL). */
int admin_open(struct admin *a, PGconn **conn, int *org);

/* 1 when res is an error raised by the project's SQL functions with a catalogue key: the
 * input was rejected (exit 1) rather than the database failing (exit 3). */
int admin_keyed_error(const PGresult *res);

/* A text table: cells are copied; columns are aligned on their width in characters. */
#define TABLE_MAX_COLS 12
#define TABLE_MAX_ROWS 1000000

struct table {
	size_t ncols, nrows, cap;
	int right[TABLE_MAX_COLS];   /* 1: right-aligned (numbers) */
	char **cells;                /* nrows * ncols */
};

/* Sets up t with ncols (at most TABLE_MAX_COLS) header cells. 0 or -1 (out of memory). */
int table_init(struct table *t, size_t ncols, const char *const *headers);
/* Adds one row of ncols cells (NULL is shown empty). 0, or -1 when out of memory or past
 * TABLE_MAX_ROWS (the table is unchanged). */
int table_add(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *out);
void table_release(struct table *t);

/* "1234567" -> "1 234 567" (a space between groups of three digits) into buf. Returns buf. */
char *table_count(const char *digits, char *buf, size_t size);

#endif

/* command.h: what the PDF report commands (flash, brief) share: their options, the date of the
 * document (SOURCE_DATE_EPOCH), writing the PDF, CSV and ZIP bundle asked for, and short-lived
 * catalogue texts for page layout code. */
#ifndef REPORTS_COMMAND_H
#define REPORTS_COMMAND_H

#include <libpq-fe.h>

#include "msg.h"
#include "outbuf.h"

struct report_args {
	const char *survey, *pdf, *csv, *zip, *conninfo, *org;
	long long epoch;            /* SOURCE_DATE_EPOCH, or -1 when unset */
};

/* Parses the options of a report command (argv[0] is its name); usage is the catalogue help
 * text, formatted with the program name. Returns -1 when the command should go on, else the
 * exit status to return at once (help shown: 0; usage error, message printed: 2). */
int report_args_parse(int argc, char **argv, enum msg_id usage, struct report_args *a);

/* Connects as a says, finds the organisation and takes the read-only report role. Returns the
 * connection and *org, or NULL after a message (the caller exits REPORT_DBERROR). */
PGconn *report_connect(const struct report_args *a, int *org);

/* Writes what a asks for, each file atomically: the PDF, the CSV, and a bundle of both with the
 * method note (named CODE.pdf, CODE.csv, methode.txt, dated epoch). Returns 0, or -1 after a
 * message. */
int report_write(const struct report_args *a, const char *code, const struct outbuf *pdf,
                 const struct outbuf *csv, const char *note, long long epoch);

/* A formatted catalogue text that stays valid for the next 15 calls, so that layout code can
 * use a few in one expression; "" when out of memory. report_text_clear() frees them. */
const char *report_text(enum msg_id id, ...);
void report_text_clear(void);

#endif

/* msg.h: the one catalogue of messages that staff read, in French, and the diagnostics list
 * that every reader and collector reports problems to as FILE:LINE:COLUMN: message. */
#ifndef CORE_MSG_H
#define CORE_MSG_H

#include <stdarg.h>
#include <stdio.h>

enum msg_id {
#define M(id, key, text) id,
#include "messages.def"
#undef M
	MSG__COUNT
};

/* The French printf-style template of a message (never NULL). */
const char *msg_text(enum msg_id id);

/* The message whose key (as raised by the SQL functions, e.g. "def.missing") is key, or
 * MSG__COUNT when unknown. */
enum msg_id msg_by_key(const char *key);

/* s with what a terminal would act on shown as text: C0 and C1 control characters (a newline
 * becomes \n, ESC \x1B), and bidirectional controls (U+202E becomes \u202E), so that an input
 * cell can neither drive the terminal nor break a FILE:LINE:COLUMN line. Returns a malloc'd
 * string (free), or NULL when out of memory. Every printed message goes through it. */
char *msg_escape(const char *s);

/* Prints "where: text" (or text alone when where is NULL) and a newline, both escaped by
 * msg_escape: how every line that can hold input text is printed. */
void msg_say(FILE *out, const char *where, const char *text);

/* Formats a message into a malloc'd string that the caller frees (NULL when out of memory). */
char *msg_format(enum msg_id id, ...);
char *msg_vformat(enum msg_id id, va_list ap);

/* Formats a message whose arguments are all strings, given as one string joined by '|'
 * (the DETAIL of an SQL error). Returns a malloc'd string. */
char *msg_format_joined(enum msg_id id, const char *joined);

/*
 * A diagnostics list: problems found in one input, printed to `out` (stderr) as they are
 * found, one per line, as "FILE:LINE:COLUMN: message". After `max_shown` problems, the rest are
 * counted but not printed; diag_finish() prints how many were left out.
 */
struct diag {
	const char *file;      /* the name shown, borrowed */
	FILE *out;
	unsigned long count;   /* problems reported */
	unsigned long shown;
	unsigned long max_shown;
};

void diag_init(struct diag *d, const char *file, FILE *out);

/* A problem at a position: line 1-based, col 1-based (0 = no column). */
void diag_at(struct diag *d, long line, long col, enum msg_id id, ...);

/* A problem about the whole file ("FILE: message"). */
void diag_file(struct diag *d, enum msg_id id, ...);

/* A message that is not about a file ("program: message"). */
void msg_print(FILE *out, const char *prog, enum msg_id id, ...);

/* Prints the count of problems left out, if any. */
void diag_finish(struct diag *d);

#endif

/* csvout.h: open-data CSV as French spreadsheets open it: UTF-8 with a byte-order mark, ';'
 * between fields, CRLF line ends, quotes where needed, and values that a spreadsheet would run
 * as a formula (starting with = + - @, tab or carriage return) neutralised with a leading ' (a plain
 * negative number such as -7,25 is left as it is: it is a number, not a formula). */
#ifndef REPORTS_CSVOUT_H
#define REPORTS_CSVOUT_H

#include <stddef.h>

#include "outbuf.h"

/* Starts a document: the byte-order mark, then the header line (fields separated by ';'). */
int csv_begin(struct outbuf *out, const char *header);

/* Appends one row of n fields (NULL is an empty field). Returns 0 or -1 (out->failed). */
int csv_row(struct outbuf *out, const char *const *fields, size_t n);

/* Appends one field, quoted and neutralised as needed; first = 1 for the first of a row. */
int csv_field(struct outbuf *out, const char *value, int first);

#endif

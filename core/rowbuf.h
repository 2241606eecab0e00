/* rowbuf.h: the queue of parsed rows between a format reader (CSV via libcsv, XLSX via expat)
 * and the row stream. Readers append fields and end rows; the stream pops whole rows. Caps on
 * field length, row width and row count are enforced here, once for every reader. */
#ifndef CORE_ROWBUF_H
#define CORE_ROWBUF_H

#include <stddef.h>
#include <stdint.h>

#include "caps.h"
#include "msg.h"

/* One row: n UTF-8 fields (NUL-terminated, with their lengths), and the line (CSV) or the
 * row number (XLSX) where it starts. Owned by the rowbuf; valid until the next pop.
 * A row that broke a cap has error != MSG__COUNT (and error_col, 1-based) and no fields:
 * the row stream reports it and never hands it to an adapter. */
struct row {
	size_t n;
	char **f;
	size_t *len;
	long line;
	enum msg_id error;
	long error_col;
};

struct rowbuf_row;  /* internal: one row's fields in one buffer */

struct rowbuf {
	const struct limits *lim;
	struct rowbuf_row *cur;                  /* the row being built */
	struct rowbuf_row *head, *tail, *spare;  /* completed rows, FIFO; recycled nodes */
	struct rowbuf_row *popped_node;
	struct row popped;
	uint64_t rows;                           /* rows completed so far */
	int full;                                /* the row cap was hit: nothing more is kept */
};

void rowbuf_init(struct rowbuf *rb, const struct limits *lim);

/* Appends a field to the current row (the bytes are copied). Returns 0, or -1 when a cap is hit:
 * the row is then marked in error (reported when popped) and its further fields are dropped.
 * -1 also when out of memory (the row is marked MSG_FILE_TOO_BIG). */
int rowbuf_field(struct rowbuf *rb, const char *s, size_t len);

/* Sets field number col (0-based) of the current row, padding the columns before it with
 * empty fields (XLSX skips empty cells). A col before the current width is an error (-1). */
int rowbuf_field_at(struct rowbuf *rb, size_t col, const char *s, size_t len);

/* Ends the current row, which started at line. A row whose fields are all empty is dropped
 * (blank lines at the end of exports). Returns 0, or -1 when the row cap is hit (rb->full:
 * a last row in error MSG_TOO_MANY_ROWS is queued, and nothing after it). */
int rowbuf_end(struct rowbuf *rb, long line);

/* 1 and *out set when a completed row was waiting (valid until the next call), else 0. */
int rowbuf_pop(struct rowbuf *rb, const struct row **out);

/* Frees everything the rowbuf holds (not the struct itself). */
void rowbuf_release(struct rowbuf *rb);

/* A copy of r that outlives the stream (a header row kept while the data rows are read), or
 * NULL when out of memory. Free it with row_copy_free() (which accepts NULL). */
struct row *row_copy(const struct row *r);
void row_copy_free(struct row *r);

#endif

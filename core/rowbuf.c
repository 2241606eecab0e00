/* rowbuf.c: the queue of parsed rows between a format reader and the row stream, with the caps
 * on field length, row width and row count. Each row keeps its fields in one buffer, and
 * nodes are recycled, so that a long file costs no allocation per row. */
#include <stdlib.h>
#include <string.h>

#include "rowbuf.h"

struct rowbuf_row {
	char *data;          /* the fields, each NUL-terminated, one after the other */
	size_t used, cap;
	size_t *off, *len;   /* per field: offset in data, length */
	char **f;            /* filled at pop time */
	size_t n, nalloc;
	long line;
	enum msg_id error;
	long error_col;
	struct rowbuf_row *next;
};

static struct rowbuf_row *row_new(void)
{
	struct rowbuf_row *r = calloc(1, sizeof(*r));

	if (r)
		r->error = MSG__COUNT;
	return r;
}

static void row_reset(struct rowbuf_row *r)
{
	r->used = 0;
	r->n = 0;
	r->line = 0;
	r->error = MSG__COUNT;
	r->error_col = 0;
	r->next = NULL;
}

static void row_free(struct rowbuf_row *r)
{
	if (!r)
		return;
	free(r->data);
	free(r->off);
	free(r->len);
	free(r->f);
	free(r);
}

void rowbuf_init(struct rowbuf *rb, const struct limits *lim)
{
	memset(rb, 0, sizeof(*rb));
	rb->lim = lim;
}

static struct rowbuf_row *rowbuf_current(struct rowbuf *rb)
{
	if (!rb->cur) {
		if (rb->spare) {
			rb->cur = rb->spare;
			rb->spare = rb->spare->next;
			row_reset(rb->cur);
		} else {
			rb->cur = row_new();
		}
	}
	return rb->cur;
}

static void row_fail(struct rowbuf_row *r, enum msg_id error, long col)
{
	if (r->error == MSG__COUNT) {
		r->error = error;
		r->error_col = col;
	}
}

static int row_append(struct rowbuf_row *r, const char *s, size_t len)
{
	if (r->n == r->nalloc) {
		size_t nalloc = r->nalloc ? r->nalloc * 2 : 32;
		size_t *off = realloc(r->off, nalloc * sizeof(*off));
		size_t *lens;
		char **f;

		if (!off)
			return -1;
		r->off = off;
		lens = realloc(r->len, nalloc * sizeof(*lens));
		if (!lens)
			return -1;
		r->len = lens;
		f = realloc(r->f, nalloc * sizeof(*f));
		if (!f)
			return -1;
		r->f = f;
		r->nalloc = nalloc;
	}
	if (r->used + len + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 1024;
		char *data;

		while (cap < r->used + len + 1)
			cap *= 2;
		data = realloc(r->data, cap);
		if (!data)
			return -1;
		r->data = data;
		r->cap = cap;
	}
	if (len)
		memcpy(r->data + r->used, s, len);
	r->data[r->used + len] = '\0';
	r->off[r->n] = r->used;
	r->len[r->n] = len;
	r->n++;
	r->used += len + 1;
	return 0;
}

int rowbuf_field(struct rowbuf *rb, const char *s, size_t len)
{
	struct rowbuf_row *r = rowbuf_current(rb);

	if (!r)
		return -1;
	if (r->error != MSG__COUNT)
		return -1;
	if (len > rb->lim->max_field) {
		row_fail(r, MSG_FIELD_TOO_LONG, (long)r->n + 1);
		return -1;
	}
	if (r->n >= rb->lim->max_fields) {
		row_fail(r, MSG_TOO_MANY_FIELDS, (long)r->n + 1);
		return -1;
	}
	if (row_append(r, s, len) < 0) {
		row_fail(r, MSG_FILE_TOO_BIG, (long)r->n + 1);
		return -1;
	}
	return 0;
}

int rowbuf_field_at(struct rowbuf *rb, size_t col, const char *s, size_t len)
{
	struct rowbuf_row *r = rowbuf_current(rb);

	if (!r)
		return -1;
	if (r->error != MSG__COUNT)
		return -1;
	if (col < r->n)
		return -1;
	if (col >= rb->lim->max_fields) {
		row_fail(r, MSG_TOO_MANY_FIELDS, (long)col + 1);
		return -1;
	}
	while (r->n < col)
		if (rowbuf_field(rb, "", 0) < 0)
			return -1;
	return rowbuf_field(rb, s, len);
}

static int row_blank(const struct rowbuf_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->len[i])
			return 0;
	return 1;
}

int rowbuf_end(struct rowbuf *rb, long line)
{
	struct rowbuf_row *r = rowbuf_current(rb);

	if (!r)
		return -1;
	if (rb->full) {
		row_reset(r);
		return -1;
	}
	if (r->error == MSG__COUNT && row_blank(r)) {
		row_reset(r);
		return 0;
	}
	r->line = line;
	if (rb->rows >= rb->lim->max_rows) {
		r->n = 0;
		r->error = MSG_TOO_MANY_ROWS;
		r->error_col = 0;
		rb->full = 1;
	}
	if (r->error != MSG__COUNT)
		r->n = 0;
	rb->rows++;
	rb->cur = NULL;
	if (rb->tail)
		rb->tail->next = r;
	else
		rb->head = r;
	rb->tail = r;
	return rb->full ? -1 : 0;
}

int rowbuf_pop(struct rowbuf *rb, const struct row **out)
{
	struct rowbuf_row *r = rb->head;
	size_t i;

	if (rb->popped_node) {
		/* recycled: a chunk of input completes many rows at once */
		rb->popped_node->next = rb->spare;
		rb->spare = rb->popped_node;
		rb->popped_node = NULL;
	}
	if (!r)
		return 0;
	rb->head = r->next;
	if (!rb->head)
		rb->tail = NULL;
	r->next = NULL;
	for (i = 0; i < r->n; i++)
		r->f[i] = r->data + r->off[i];
	rb->popped.n = r->n;
	rb->popped.f = r->f;
	rb->popped.len = r->len;
	rb->popped.line = r->line;
	rb->popped.error = r->error;
	rb->popped.error_col = r->error_col;
	rb->popped_node = r;
	*out = &rb->popped;
	return 1;
}

void rowbuf_release(struct rowbuf *rb)
{
	struct rowbuf_row *r, *next;

	for (r = rb->head; r; r = next) {
		next = r->next;
		row_free(r);
	}
	row_free(rb->cur);
	for (r = rb->spare; r; r = next) {
		next = r->next;
		row_free(r);
	}
	row_free(rb->popped_node);
	memset(rb, 0, sizeof(*rb));
}

void row_copy_free(struct row *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
	free(r->len);
	free(r);
}

struct row *row_copy(const struct row *r)
{
	struct row *c = calloc(1, sizeof(*c));
	size_t i;

	if (!c)
		return NULL;
	c->f = calloc(r->n + 1, sizeof(*c->f));
	c->len = calloc(r->n + 1, sizeof(*c->len));
	if (!c->f || !c->len)
		goto fail;
	for (i = 0; i < r->n; i++) {
		c->f[i] = strdup(r->f[i]);
		if (!c->f[i])
			goto fail;
		c->len[i] = r->len[i];
		c->n = i + 1;
	}
	c->line = r->line;
	c->error = MSG__COUNT;
	return c;
fail:
	row_copy_free(c);
	return NULL;
}

/* outbuf.h: a capped in-memory output (a PDF, a CSV, a ZIP entry) and the atomic write of a
 * file: written to a temporary name beside it, synced, then renamed into place, so that a
 * crash never leaves a half-written report. */
#ifndef REPORTS_OUTBUF_H
#define REPORTS_OUTBUF_H

#include <stddef.h>

/* Reports are small: 64 MiB is far above any page of figures. */
#define OUTBUF_MAX ((size_t)64 << 20)

struct outbuf {
	unsigned char *data;  /* owned; NUL-terminated when len < cap */
	size_t len, cap, max;
	int failed;           /* set when an append hit the cap or the allocator */
};

void outbuf_init(struct outbuf *b, size_t max);

/* Appends n bytes. Returns 0, or -1 (b->failed set, contents unchanged) past the cap. */
int outbuf_add(struct outbuf *b, const void *p, size_t n);
int outbuf_adds(struct outbuf *b, const char *s);
int outbuf_addf(struct outbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Frees the contents; b can be initialised again. Accepts an unused buffer. */
void outbuf_release(struct outbuf *b);

/* Writes len bytes to path atomically (temporary file in the same directory, fsync, rename).
 * Returns 0, or -1 with errno set; then path is untouched and no temporary file remains. */
int file_write_atomic(const char *path, const void *data, size_t len);

#endif

/* fuzz_rowstream.c: libFuzzer target for the row stream (core/rowstream.c, rowbuf.c and the CSV,
 * ZIP and XLSX readers behind it) on arbitrary bytes. The first byte picks the options (delimiter,
 * no header, small caps); the rest is the file. Checks what rowstream.h promises of every row
 * (caps respected, fields NUL-terminated at their length, valid UTF-8, lines never going back),
 * and that reading the same bytes one small chunk at a time gives the same rows. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rowstream.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FNV-1a over everything an adapter can see of the rows, and the problem count. */
struct digest {
	uint64_t h;
	uint64_t rows;
	unsigned long problems;
	int status;       /* last rowstream_next result, or -2 when open failed */
};

static void mix(struct digest *g, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		g->h ^= b[i];
		g->h *= 1099511628211ull;
	}
}

static FILE *sink(void)
{
	static FILE *null;

	if (!null)
		null = fopen("/dev/null", "w");
	return null ? null : stderr;
}

static void read_all(const uint8_t *data, size_t size, const struct rowstream_opts *o,
                     struct digest *g)
{
	struct rowstream *rs = NULL;
	const struct row *row;
	struct diag d;
	long last_line = 0;
	int r;

	memset(g, 0, sizeof(*g));
	g->h = 14695981039346656037ull;
	diag_init(&d, "fuzz.csv", sink());
	if (rowstream_open_mem(&rs, data, size, o, &d) < 0) {
		g->status = -2;
		g->problems = d.count;
		return;
	}
	assert(strlen(rowstream_sha256(rs)) == 64);
	assert(rowstream_encoding(rs) != NULL);
	assert(rowstream_delimiter_name(rs) != NULL);
	while ((r = rowstream_next(rs, &row, &d)) == 1) {
		size_t i;

		assert(row != NULL);
		assert(row->error == MSG__COUNT);     /* rows in error are never handed out */
		assert(row->n <= o->lim.max_fields);
		assert(row->line >= last_line);
		assert(g->rows < o->lim.max_rows);
		last_line = row->line;
		mix(g, &row->line, sizeof(row->line));
		mix(g, &row->n, sizeof(row->n));
		for (i = 0; i < row->n; i++) {
			assert(row->f[i] != NULL);
			assert(row->len[i] <= o->lim.max_field);
			assert(row->f[i][row->len[i]] == '\0');
			assert(utf8_valid(row->f[i], row->len[i]));
			mix(g, row->f[i], row->len[i] + 1);
		}
		g->rows++;
		assert(rowstream_done(rs) <= rowstream_total(rs) || rowstream_total(rs) == 0);
	}
	g->status = r;
	g->problems = d.count;
	rowstream_free(rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[4] = { 0, ';', ',', '\t' };
	struct rowstream_opts o;
	struct digest whole, bytes;
	unsigned char cfg;

	if (size < 1)
		return 0;
	cfg = data[0];
	data++;
	size--;
	rowstream_opts_default(&o);
	o.delimiter = delims[cfg & 3];
	o.no_header = (cfg >> 2) & 1;
	if (cfg & 8) {              /* small caps, so that the fuzzer reaches them */
		o.lim.max_field = 64;
		o.lim.max_fields = 8;
		o.lim.max_rows = 20;
		o.lim.max_file = 1u << 20;
		o.lim.max_strings = 4096;
	}
	read_all(data, size, &o, &whole);
	/* The same bytes read 1 to 8 bytes at a time give the same rows and problems. */
	o.chunk = 1 + ((cfg >> 4) & 7);
	read_all(data, size, &o, &bytes);
	assert(whole.status == bytes.status);
	if (whole.status == -1) {
		/* A fatal error (bad encoding, corrupt archive) stops reading where the reader was:
		 * how many rows came before it depends on the chunk size. The file is rejected both
		 * ways. */
		assert(whole.problems > 0 && bytes.problems > 0);
		return 0;
	}
	assert(whole.rows == bytes.rows);
	assert(whole.problems == bytes.problems);
	assert(whole.h == bytes.h);
	return 0;
}

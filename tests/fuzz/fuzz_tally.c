/* fuzz_tally.c: libFuzzer target for the tally sheet's pure parsing (collectors/paper/tally.c):
 * arbitrary bytes go through the row stream (rowstream_open_mem, whole and in small chunks,
 * which must give the same rows and problems), the first row through tally_header_parse and
 * every other row through tally_row_parse and tally_count_parse, checking their invariants.
 * Build: clang -g -fsanitize=fuzzer,address,undefined -Icore -Icollectors/paper
 *        tests/fuzz/fuzz_tally.c collectors/paper/tally.c core/(every .c) (libraries of the Makefile) */
// fuzz-sources: collectors/paper/tally.c
// fuzz-corpus: samples/paper tests/data/paper
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

/* A parsed count, written back in digits, parses to itself. */
static void check_count(const char *s)
{
	long n = -1, again = -1;
	char buf[32];
	enum msg_id r = tally_count_parse(s, &n);

	if (r != MSG__COUNT) {
		assert(r == MSG_PAPER_COUNT_NEGATIVE || r == MSG_PAPER_COUNT_DECIMAL ||
		       r == MSG_PAPER_COUNT_BAD || r == MSG_PAPER_COUNT_TOO_BIG);
		assert(n == -1);
		return;
	}
	assert(n >= 0 && n <= TALLY_MAX_COUNT);
	snprintf(buf, sizeof(buf), "%ld", n);
	assert(tally_count_parse(buf, &again) == MSG__COUNT && again == n);
}

/* One pass over the input read chunk bytes at a time (0: the default); counts rows and
 * problems so that passes at different chunk sizes can be compared. */
static int run_once(const uint8_t *data, size_t size, size_t chunk, unsigned long *rows,
                    unsigned long *problems)
{
	struct rowstream_opts o;
	struct rowstream *rs = NULL;
	struct tally_header h;
	struct tally_cells c;
	const struct row *r;
	struct diag d;
	size_t i;
	int got, found, first = 1;

	*rows = 0;
	rowstream_opts_default(&o);
	o.chunk = chunk;
	o.lim.max_field = 4096;
	o.lim.max_rows = 10000;
	diag_init(&d, "fuzz", sink);
	if (rowstream_open_mem(&rs, data, size, &o, &d) < 0) {
		*problems = d.count;
		return -1;
	}
	memset(&h, 0, sizeof(h));
	while ((got = rowstream_next(rs, &r, &d)) == 1) {
		unsigned long before = d.count;
		int ret;

		(*rows)++;
		/* (a field may hold a NUL decoded from UTF-16: the adapter then sees the text
		 * before it, as every C string function does) */
		for (i = 0; i < r->n; i++)
			check_count(r->f[i]);
		if (first) {
			long seen[TC__COUNT];
			int k, j;

			found = tally_header_parse(r, &h, &d);
			assert(found >= 0 && found <= TC__COUNT);
			for (k = 0, j = 0; k < TC__COUNT; k++) {
				assert(h.col[k] >= -1 && h.col[k] < (long)r->n);
				if (h.col[k] >= 0)
					seen[j++] = h.col[k];
			}
			assert(j == found);
			for (k = 0; k < j; k++)
				for (i = 0; i < (size_t)k; i++)
					assert(seen[i] != seen[k]);
			/* every missing column is reported */
			assert(d.count - before >= (unsigned long)(TC__COUNT - found));
			first = 0;
			continue;
		}
		ret = tally_row_parse(&h, r, &c, &d);
		assert(ret == -1 || ret == 0 || ret == 1);
		assert(c.site && c.channel && c.question && c.answer);
		if (ret == -1)
			assert(d.count > before);
		else
			assert(d.count == before);
		if (ret == 0) {
			assert(c.dates_ok);
			assert(date_days(&c.from) <= date_days(&c.to));
			assert(c.n >= 0 && c.n <= TALLY_MAX_COUNT);
		}
	}
	assert(got == 0 || got == -1);
	*problems = d.count;
	rowstream_free(rs);
	return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long rows_a, rows_b, problems_a, problems_b;
	int a, b;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		return 0;
	/* the whole input at once, then in small chunks: the same rows and problems when both
	 * read to the end (a stream that stops on an error may stop earlier with big chunks) */
	a = run_once(data, size, 0, &rows_a, &problems_a);
	b = run_once(data, size, 1 + size % 13, &rows_b, &problems_b);
	if (a == 0 && b == 0)
		assert(rows_a == rows_b && problems_a == problems_b);
	return 0;
}

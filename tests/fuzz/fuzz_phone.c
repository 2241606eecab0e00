/* fuzz_phone.c: libFuzzer target for the pure parsing of collect-phone (collectors/phone/cdr.c):
 * arbitrary bytes go through the row stream as an Asterisk Master.csv (no header), and every
 * row through cdr_detect, cdr_call_read, the userfield parser and the phone-number mask, with
 * the invariants each one promises. The whole input is also parsed as one userfield.
 * Build: clang -fsanitize=fuzzer,address,undefined -Icore -Icollectors/phone
 *        tests/fuzz/fuzz_phone.c collectors/phone/cdr.c and the core sources. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdr.h"
#include "rowstream.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A masked text never shows 8 digits in a row, fits, and stays valid UTF-8. */
static void check_mask(const char *s)
{
	char out[48];
	size_t i, run = 0, len;

	phone_mask(s, out, sizeof(out));
	len = strlen(out);
	assert(len < sizeof(out));
	for (i = 0; i < len; i++) {
		run = is_digit(out[i]) ? run + 1 : 0;
		assert(run < 8);
	}
	if (utf8_valid(s, strlen(s)))
		assert(utf8_valid(out, len));
	phone_mask(s, out, 1);
	assert(out[0] == '\0');
}

static void check_userfield(const char *s)
{
	struct cdr_answer a[CDR_MAX_ANSWERS];
	size_t n, bad, i, j, k;
	char item[64];
	enum cdr_uf_status st = cdr_userfield_parse(s, a, &n, &bad);

	assert(n <= CDR_MAX_ANSWERS);
	if (st == CDR_UF_OK) {
		assert(bad == 0);
		for (i = 0; i < n; i++) {
			assert(a[i].klen > 0 && a[i].vlen <= 8);
			assert(a[i].key >= s && a[i].key + a[i].klen <= s + strlen(s));
			for (k = 0; k < a[i].vlen; k++)
				assert(is_digit(a[i].val[k]) || a[i].val[k] == '*' || a[i].val[k] == '#');
			for (j = 0; j < i; j++)
				assert(a[j].klen != a[i].klen || memcmp(a[j].key, a[i].key, a[i].klen));
		}
	} else {
		assert(bad >= 1);
		cdr_userfield_item(s, bad, item, sizeof(item));
		assert(strlen(item) < sizeof(item));
	}
	check_mask(s);
}

static void check_row(const struct row *row)
{
	struct cdr_call call;
	char queue[64];
	long col;
	enum msg_id id;
	size_t i;

	(void)cdr_detect(row);
	for (i = 0; i < row->n; i++)
		(void)cdr_is_datetime(row->f[i]);
	id = cdr_call_read(row, &call, &col);
	if (id == MSG_PHONE_CDR_WIDTH) {
		assert(col == 0);
		return;
	}
	assert(call.dcontext && call.start && call.disposition && call.uniqueid && call.userfield);
	if (id != MSG__COUNT) {
		assert(id == MSG_PHONE_CDR_DISPOSITION && col == CDR_DISPOSITION + 1);
		return;
	}
	assert(call.userfield_col == 0 || (size_t)call.userfield_col <= row->n);
	cdr_queue(&call, queue, sizeof(queue));
	assert(strlen(queue) < sizeof(queue));
	check_userfield(call.userfield);
	check_mask(call.dcontext);
	if (cdr_detect(row) > 0)
		assert(cdr_is_datetime(call.start));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rowstream_opts o;
	struct rowstream *rs;
	const struct row *row;
	struct diag d;
	FILE *null = fopen("/dev/null", "w");
	char *s;
	int r;

	if (!null)
		return 0;
	s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
		check_userfield(s);
		free(s);
	}
	rowstream_opts_default(&o);
	o.no_header = 1;
	o.chunk = size ? 1 + data[0] % 64 : 1;
	o.lim.max_field = 4096;
	o.lim.max_fields = 64;
	o.lim.max_rows = 10000;
	diag_init(&d, "fuzz", null);
	if (rowstream_open_mem(&rs, data, size, &o, &d) == 0) {
		for (;;) {
			r = rowstream_next(rs, &row, &d);
			if (r != 1)
				break;
			check_row(row);
		}
		rowstream_free(rs);
	}
	fclose(null);
	return 0;
}

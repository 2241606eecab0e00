/* fuzz_online.c: libFuzzer target for the online collector's pure parts: arbitrary bytes go
 * through the row stream (rowstream_open_mem, at a chunk size taken from the first byte); every
 * adapter's detect() sees the first row (as --format auto does) and every row's cells go through
 * the header classification of core/wide.c, checking the invariants they promise. */
// fuzz-sources: collectors/online/limesurvey.c collectors/online/framaforms.c
// fuzz-sources: collectors/online/googleforms.c collectors/online/msforms.c collectors/online/kobo.c
// fuzz-corpus: samples/online tests/data/online
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "online.h"
#include "wide.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static const struct adapter *const adapters[] = {
	&adapter_limesurvey, &adapter_framaforms, &adapter_google_forms, &adapter_ms_forms,
	&adapter_kobo, NULL
};

static const struct wide_fixed fixed[] = {
	{ "id", 1 }, { "Date de soumission", 2 }, { "Horodateur", 3 }, { NULL, 0 }
};

static void check_header(const char *h)
{
	size_t n = strlen(h), base = 0, sublen = 0, code = 0, last = 0;
	const char *sub = NULL;
	int r, tag;

	r = wide_is_personal(h);
	assert(r == 0 || r == 1);
	tag = wide_fixed_tag(fixed, h);
	assert(tag >= 0 && tag <= 3);
	if (wide_split_sub(h, &base, &sub, &sublen)) {
		assert(base > 0 && base < n);
		assert(sub > h + base && sub + sublen < h + n + 1);
		assert(sublen > 0 && sub[-1] == '[' && sub[sublen] == ']');
		assert(h[base - 1] != ' ');
	}
	if (wide_split_code(h, &code)) {
		assert(code > 0 && code + 2 <= n);
		assert(h[code] == '.' && h[code + 1] == ' ');
	}
	if (wide_split_path(h, &last)) {
		assert(last >= 2 && last < n);
		assert(h[last - 1] == '/' && h[last] != '\0');
	}
	r = wide_ticked(h);
	assert(r >= -1 && r <= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rowstream_opts o;
	struct rowstream *rs = NULL;
	const struct row *r;
	struct diag d;
	size_t i;
	int got, first = 1;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (size < 1 || !sink)
		return 0;
	assert(wide_ticked("X") == 1 && wide_ticked("") == 0 && wide_ticked("peut-être") == -1);
	assert(wide_is_personal("Adresse de messagerie") && !wide_is_personal("Votre âge"));
	rowstream_opts_default(&o);
	o.chunk = (size_t)data[0] + 1;
	o.lim.max_field = 4096;
	o.lim.max_rows = 10000;
	diag_init(&d, "fuzz", sink);
	if (rowstream_open_mem(&rs, data + 1, size - 1, &o, &d) < 0)
		return 0;
	for (;;) {
		got = rowstream_next(rs, &r, &d);
		if (got != 1)
			break;
		if (first) {
			for (i = 0; adapters[i]; i++) {
				int score = adapters[i]->detect(r, rowstream_container(rs));

				assert(score >= 0 && score <= 100);
			}
			first = 0;
		}
		for (i = 0; i < r->n; i++)
			check_header(r->f[i]);
	}
	assert(got == 0 || got == -1);
	rowstream_free(rs);
	return 0;
}

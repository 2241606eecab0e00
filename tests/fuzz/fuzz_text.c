/* fuzz_text.c: libFuzzer target for core/text.c: utf8_valid, utf8_valid_prefix, text_fold,
 * text_same and text_trim on arbitrary bytes, with the invariants each one promises. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *f, *g;
	size_t incomplete, ok, flen;
	int valid;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;

	valid = utf8_valid(s, size);
	ok = utf8_valid_prefix(s, size, &incomplete);
	assert(ok <= size && incomplete <= 3 && incomplete <= ok);
	assert(valid == (ok == size && incomplete == 0));
	assert(utf8_valid(s, ok - incomplete));
	if (ok == size && incomplete)
		assert(!utf8_valid(s, size));

	f = text_fold(s, size);
	if (f) {
		flen = strlen(f);
		assert(flen <= 2 * size + 1);
		/* valid text folds to valid text, and folding twice changes nothing */
		if (valid)
			assert(utf8_valid(f, flen));
		if (valid) {
			g = text_fold(f, flen);
			assert(g && strcmp(f, g) == 0);
			free(g);
		}
		assert(flen == 0 || (f[0] != ' ' && f[flen - 1] != ' '));
		assert(strstr(f, "  ") == NULL);
		free(f);
	}
	assert(text_same(s, s));

	text_trim(s);
	assert(strlen(s) <= size);
	free(s);
	return 0;
}

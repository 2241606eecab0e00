/* table.c: the aligned text tables that survey-admin prints (status, batches): columns as
 * wide as their widest cell counted in characters, numbers right-aligned. */
#include <stdlib.h>
#include <string.h>

#include "admin.h"

int table_init(struct table *t, size_t ncols, const char *const *headers)
{
	memset(t, 0, sizeof(*t));
	if (ncols == 0 || ncols > TABLE_MAX_COLS)
		return -1;
	t->ncols = ncols;
	return table_add(t, headers);
}

int table_add(struct table *t, const char *const *cells)
{
	size_t i, j;
	char **grown;

	if (t->nrows >= TABLE_MAX_ROWS)
		return -1;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;

		grown = realloc(t->cells, cap * t->ncols * sizeof(*grown));
		if (!grown)
			return -1;
		t->cells = grown;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++) {
		char *c = strdup(cells[i] ? cells[i] : "");

		if (!c) {
			for (j = 0; j < i; j++)
				free(t->cells[t->nrows * t->ncols + j]);
			return -1;
		}
		t->cells[t->nrows * t->ncols + i] = c;
	}
	t->nrows++;
	return 0;
}

/* Width in characters of a UTF-8 string (continuation bytes do not count). */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void pad(FILE *out, size_t n)
{
	while (n-- > 0)
		fputc(' ', out);
}

void table_print(const struct table *t, FILE *out)
{
	size_t width[TABLE_MAX_COLS] = { 0 };
	size_t r, c, w, total = 0;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			w = text_width(t->cells[r * t->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			size_t gap = width[c] - text_width(cell);

			if (c > 0)
				fputs("  ", out);
			if (t->right[c])
				pad(out, gap);
			fputs(cell, out);
			if (!t->right[c] && c + 1 < t->ncols)
				pad(out, gap);
		}
		fputc('\n', out);
		if (r == 0) {
			for (c = 0; c < t->ncols; c++)
				total += width[c] + (c > 0 ? 2 : 0);
			while (total-- > 0)
				fputc('-', out);
			fputc('\n', out);
		}
	}
}

void table_release(struct table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

char *table_count(const char *digits, char *buf, size_t size)
{
	size_t n = strlen(digits), i, o = 0, lead;
	size_t start = digits[0] == '-' ? 1 : 0;

	if (size == 0)
		return buf;
	lead = (n - start) % 3;
	for (i = 0; i < n && o + 2 < size; i++) {
		if (i > start && (i - start) % 3 == lead % 3)
			buf[o++] = ' ';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* csvout.c: CSV writer for open data (see csvout.h). */
#include "csvout.h"

#include <string.h>

int csv_begin(struct outbuf *out, const char *header)
{
	outbuf_add(out, "\xEF\xBB\xBF", 3);
	outbuf_adds(out, header);
	return outbuf_adds(out, "\r\n");
}

/* 1 when v is a plain negative number ("-7,25"): a spreadsheet reads it as a number, not as a
 * formula, so it needs no neutralising quote. */
static int negative_number(const char *v)
{
	const char *s = v + 1;
	int digits = 0, comma = 0;

	if (v[0] != '-')
		return 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == ',' && digits && !comma)
			comma = 1;
		else
			return 0;
	}
	return digits > 0 && s[-1] != ',';
}

int csv_field(struct outbuf *out, const char *value, int first)
{
	const char *v = value ? value : "";
	int risky = (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' ||
	             v[0] == '\r') && !negative_number(v);
	int quote = strpbrk(v, ";\"\r\n") != NULL;
	const char *s;

	if (!first)
		outbuf_add(out, ";", 1);
	if (quote)
		outbuf_add(out, "\"", 1);
	if (risky)
		outbuf_add(out, "'", 1);
	for (s = v; *s; s++) {
		if (*s == '"')
			outbuf_add(out, "\"\"", 2);
		else
			outbuf_add(out, s, 1);
	}
	if (quote)
		outbuf_add(out, "\"", 1);
	return out->failed ? -1 : 0;
}

int csv_row(struct outbuf *out, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		csv_field(out, fields[i], i == 0);
	return outbuf_adds(out, "\r\n");
}

/* frfmt.c: French number formatting (see frfmt.h). Rounding is the C library's printf
 * rounding, so that a figure printed here equals the same figure printed by awk or psql's
 * round-half-even-free printf of the same double. */
#include "frfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Inserts U+202F every three digits of the integer part of a plain number "-1234,5". */
static void group_thousands(const char *plain, char *buf, size_t size)
{
	const char *p = plain, *end;
	size_t o = 0, digits, i;

	if (size == 0)
		return;
	if (*p == '-' || *p == '+') {
		if (o + 1 < size)
			buf[o++] = *p;
		p++;
	}
	end = p;
	while (*end >= '0' && *end <= '9')
		end++;
	digits = (size_t)(end - p);
	for (i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0) {
			if (o + 3 < size) {
				memcpy(buf + o, FR_NNBSP, 3);
				o += 3;
			}
		}
		if (o + 1 < size)
			buf[o++] = p[i];
	}
	for (p = end; *p; p++) {
		if (o + 1 < size)
			buf[o++] = *p == '.' ? ',' : *p;
	}
	buf[o] = '\0';
}

/* printf("%.*f") with a decimal comma and no negative zero. */
static void plain_decimal(double v, int decimals, char *buf, size_t size)
{
	char *dot;

	snprintf(buf, size, "%.*f", decimals, v);
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
}

void fr_int(long long v, char *buf, size_t size)
{
	char plain[32];

	snprintf(plain, sizeof plain, "%lld", v);
	group_thousands(plain, buf, size);
}

void fr_decimal(double v, int decimals, char *buf, size_t size)
{
	char plain[FR_NUM_SIZE];

	plain_decimal(v, decimals, plain, sizeof plain);
	group_thousands(plain, buf, size);
}

void fr_percent(double ratio, char *buf, size_t size)
{
	char num[FR_NUM_SIZE];

	fr_decimal(ratio * 100.0, 1, num, sizeof num);
	snprintf(buf, size, "%s" FR_NBSP "%%", num);
}

void fr_percent_value(double pct, char *buf, size_t size)
{
	char num[FR_NUM_SIZE];

	if (fabs(pct - round(pct)) < 0.05)
		fr_decimal(pct, 0, num, sizeof num);
	else
		fr_decimal(pct, 1, num, sizeof num);
	snprintf(buf, size, "%s" FR_NBSP "%%", num);
}

void fr_points(double diff, char *buf, size_t size)
{
	char num[FR_NUM_SIZE];

	fr_decimal(fabs(diff) * 100.0, 1, num, sizeof num);
	snprintf(buf, size, "%s%s" FR_NBSP "point%s",
	         strcmp(num, "0,0") == 0 ? "" : diff > 0 ? "+" : "\xe2\x88\x92", num,
	         fabs(diff * 100.0) >= 1.95 ? "s" : "");
}

void fr_csv_decimal(double v, int decimals, char *buf, size_t size)
{
	plain_decimal(v, decimals, buf, size);
}

/* frfmt.h: French typography for numbers in reports: "1 234" (narrow no-break space U+202F
 * between thousands), "85,3 %" (decimal comma, no-break space U+00A0 before the sign),
 * "+4,2 points". Every function writes a NUL-terminated string into buf, truncated to size. */
#ifndef REPORTS_FRFMT_H
#define REPORTS_FRFMT_H

#include <stddef.h>

#define FR_NBSP "\xc2\xa0"       /* U+00A0 no-break space, before % and units */
#define FR_NNBSP "\xe2\x80\xaf"  /* U+202F narrow no-break space, thousands separator */

/* Room enough for any number these functions write. */
#define FR_NUM_SIZE 48

/* A whole number with thousands separated by U+202F: 1234567 -> "1 234 567". */
void fr_int(long long v, char *buf, size_t size);

/* A number with `decimals` decimals and a decimal comma, thousands separated: "1 234,5".
 * Never "-0,0": a value that rounds to zero is written without a sign. */
void fr_decimal(double v, int decimals, char *buf, size_t size);

/* A ratio in [0, 1] as a percentage with one decimal: 0.8532 -> "85,3 %". */
void fr_percent(double ratio, char *buf, size_t size);

/* A percentage value (0..100) with up to one decimal, dropping ",0": 87 -> "87 %",
 * 82.5 -> "82,5 %" (objectives). */
void fr_percent_value(double pct, char *buf, size_t size);

/* A difference of two ratios in percentage points, signed with + or the minus sign U+2212:
 * +0.042 -> "+4,2 points", -0.1 -> "−10,0 points". */
void fr_points(double diff, char *buf, size_t size);

/* The same numbers for open-data CSV: plain decimal comma, no separators, no unit:
 * 85.25 -> "85,3" (decimals given). */
void fr_csv_decimal(double v, int decimals, char *buf, size_t size);

#endif

/* date.c: reads the date and time shapes that survey exports carry (ISO, French day-first,
 * Google Forms, Framaforms, Excel serials) by hand, without locale or strptime, checks them
 * against the real calendar, and writes dates back in ISO and French long form. */
#include <stdio.h>
#include <string.h>

#include "date.h"

/* Years accepted from text and from serials. */
#define YEAR_MIN 1900
#define YEAR_MAX 9999

/* Excel serials accepted: 61 is 1900-03-01 (serial 60 is Excel's phantom 1900-02-29 and
 * serials below it are one day off), 2958465 is 9999-12-31. */
#define SERIAL_MIN 61
#define SERIAL_MAX 2958465
/* Serial of 1970-01-01 (days since 1899-12-30). */
#define SERIAL_EPOCH 25569

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int valid_date(int y, int m, int d, int ymin)
{
	return y >= ymin && y <= YEAR_MAX && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

static int valid_time(int h, int mi, int s)
{
	return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01, proleptic Gregorian. */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Howard Hinnant's civil_from_days, the inverse of days_from_civil. */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

long date_days(const struct datetime *dt)
{
	return days_from_civil(dt->year, dt->month, dt->day);
}

/* Fills *out from whole days since 1899-12-30 and seconds into that day (0..86400). */
static int serial_split(long days, long secs, struct datetime *out)
{
	struct datetime dt;

	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (days < SERIAL_MIN || days > SERIAL_MAX || secs < 0)
		return -1;
	memset(&dt, 0, sizeof(dt));
	civil_from_days(days - SERIAL_EPOCH, &dt.year, &dt.month, &dt.day);
	dt.hour = (int)(secs / 3600);
	dt.min = (int)(secs / 60 % 60);
	dt.sec = (int)(secs % 60);
	dt.has_time = secs != 0;
	*out = dt;
	return 0;
}

/* Seconds in frac (0 <= frac < 1) of a day, rounded to the nearest second. */
static long frac_seconds(double frac)
{
	return (long)(frac * 86400.0 + 0.5);
}

int date_from_serial(double serial, struct datetime *out)
{
	long days;

	/* also rejects NaN, for which every comparison is false */
	if (!(serial >= SERIAL_MIN && serial < SERIAL_MAX + 1.0))
		return -1;
	days = (long)serial;
	return serial_split(days, frac_seconds(serial - (double)days), out);
}

/* A cursor over the trimmed text [p, end). */
struct cur {
	const char *p, *end;
};

static int at_end(const struct cur *c)
{
	return c->p == c->end;
}

static int peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : -1;
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

/* Reads min..max digits (and fails if a further digit follows) into *val. */
static int get_num(struct cur *c, int min, int max, int *val)
{
	int n = 0, v = 0;

	while (n < max && is_digit(peek(c))) {
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n < min || is_digit(peek(c)))
		return -1;
	*val = v;
	return 0;
}

static int get_char(struct cur *c, int ch)
{
	if (peek(c) != ch)
		return -1;
	c->p++;
	return 0;
}

/* Skips spaces; returns how many there were. */
static int skip_spaces(struct cur *c)
{
	int n = 0;

	while (peek(c) == ' ') {
		c->p++;
		n++;
	}
	return n;
}

/* Case-insensitive match of the ASCII word w; advances past it on success. */
static int get_word(struct cur *c, const char *w)
{
	size_t n = strlen(w), i;

	if ((size_t)(c->end - c->p) < n)
		return -1;
	for (i = 0; i < n; i++) {
		int ch = (unsigned char)c->p[i];

		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		if (ch != w[i])
			return -1;
	}
	c->p += n;
	return 0;
}

/* hh:mm[:ss[.fff]] with a one- or two-digit hour; a fraction of a second is dropped. */
static int get_time(struct cur *c, struct datetime *dt, int fraction)
{
	dt->sec = 0;
	if (get_num(c, 1, 2, &dt->hour) < 0 || get_char(c, ':') < 0 ||
	    get_num(c, 2, 2, &dt->min) < 0)
		return -1;
	if (get_char(c, ':') == 0) {
		if (get_num(c, 2, 2, &dt->sec) < 0)
			return -1;
		if (fraction && (peek(c) == '.' || peek(c) == ',')) {
			c->p++;
			if (!is_digit(peek(c)))
				return -1;
			while (is_digit(peek(c)))
				c->p++;
		}
	}
	dt->has_time = 1;
	return 0;
}

/* An offset after a sign: h, hh, hhmm, h:mm or hh:mm, at most 23:59. */
static int get_offset(struct cur *c)
{
	int h, m = 0;
	const char *start;

	if (peek(c) != '+' && peek(c) != '-')
		return -1;
	c->p++;
	start = c->p;
	if (get_num(c, 1, 4, &h) < 0)
		return -1;
	if (c->p - start == 4) {
		m = h % 100;
		h /= 100;
	} else if (c->p - start == 3) {
		return -1;
	} else if (get_char(c, ':') == 0 && get_num(c, 2, 2, &m) < 0) {
		return -1;
	}
	return h <= 23 && m <= 59 ? 0 : -1;
}

/* Zone abbreviations that Google Forms and spreadsheets write after a time (the responder's
 * or the form owner's zone, as the "Download responses" CSV gives it). */
static const char *const zone_names[] = {
	"CET", "CEST", "WET", "WEST", "EET", "EEST", "MET", "MEST", "BST", "IST", "MSK",
	"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "AST",
	"ADT", "NST", "NDT", "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT", "JST",
	"KST", "HKT", "SGT", "WIB", "SAST", "WAT", "CAT", "EAT", "BRT", "ART", "NCT", "PYT",
	"RET", "GFT", "PMST", "PMDT", NULL
};

static int is_letter(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/* A named zone: a whole word of zone_names (any case). */
static int get_zone_name(struct cur *c)
{
	const char *start = c->p;
	size_t n, i;

	while (is_letter(peek(c)))
		c->p++;
	n = (size_t)(c->p - start);
	for (i = 0; zone_names[i]; i++) {
		struct cur w = { start, c->p };

		if (strlen(zone_names[i]) == n && get_word(&w, zone_names[i]) == 0)
			return 0;
	}
	c->p = start;
	return -1;
}

/* An optional zone, dropped: Z, +01, +0100, +01:00, UTC, GMT, UTC+1, GMT-05:30, or a named
 * zone (CET, CEST, BST, EST, PST...). */
static int get_zone(struct cur *c)
{
	int spaces = skip_spaces(c);

	if (at_end(c))
		return 0;
	if (!spaces && get_char(c, 'Z') == 0)
		return 0;
	if (get_word(c, "UTC") == 0 || get_word(c, "GMT") == 0) {
		if (peek(c) == '+' || peek(c) == '-')
			return get_offset(c);
		return at_end(c) ? 0 : -1;
	}
	if ((spaces || c->p[-1] == ' ') && get_zone_name(c) == 0)
		return at_end(c) ? 0 : -1;
	return get_offset(c);
}

/* ISO: yyyy-mm-dd, then nothing or [T ]hh:mm[:ss[.fff]][zone]. */
static int parse_iso(struct cur *c, struct datetime *dt)
{
	if (get_num(c, 4, 4, &dt->year) < 0 || get_char(c, '-') < 0 ||
	    get_num(c, 2, 2, &dt->month) < 0 || get_char(c, '-') < 0 ||
	    get_num(c, 2, 2, &dt->day) < 0)
		return -1;
	if (at_end(c))
		return 0;
	if (get_char(c, 'T') < 0 && get_char(c, 't') < 0 && skip_spaces(c) == 0)
		return -1;
	if (get_time(c, dt, 1) < 0)
		return -1;
	return get_zone(c);
}

/* Google Forms: yyyy/mm/dd[ h:mm:ss[ AM|PM][ UTC+1|GMT+1]]. */
static int parse_google(struct cur *c, struct datetime *dt)
{
	if (get_num(c, 4, 4, &dt->year) < 0 || get_char(c, '/') < 0 ||
	    get_num(c, 1, 2, &dt->month) < 0 || get_char(c, '/') < 0 ||
	    get_num(c, 1, 2, &dt->day) < 0)
		return -1;
	if (at_end(c))
		return 0;
	if (skip_spaces(c) == 0 || get_time(c, dt, 0) < 0)
		return -1;
	skip_spaces(c);
	if (get_word(c, "AM") == 0 || get_word(c, "PM") == 0) {
		int pm = c->p[-2] == 'P' || c->p[-2] == 'p';

		if (dt->hour < 1 || dt->hour > 12)
			return -1;
		dt->hour = dt->hour % 12 + (pm ? 12 : 0);
	}
	return get_zone(c);
}

/* French, day first: dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy, then nothing, " hh:mm[:ss]",
 * or Framaforms' " - hh:mm". */
static int parse_french(struct cur *c, struct datetime *dt)
{
	int sep;

	if (get_num(c, 1, 2, &dt->day) < 0)
		return -1;
	sep = peek(c);
	if (sep != '/' && sep != '-' && sep != '.')
		return -1;
	c->p++;
	if (get_num(c, 1, 2, &dt->month) < 0 || get_char(c, sep) < 0 ||
	    get_num(c, 4, 4, &dt->year) < 0)
		return -1;
	if (at_end(c))
		return 0;
	if (skip_spaces(c) == 0)
		return -1;
	if (get_char(c, '-') == 0 && skip_spaces(c) == 0)
		return -1;
	if (get_time(c, dt, 0) < 0)
		return -1;
	return at_end(c) ? 0 : -1;
}

/* Excel serial: digits, optionally a '.' or ',' and more digits. */
/* Days between the 1904 date system's day 0 (1904-01-01) and the 1900 system's. */
#define DAYS_1904 1462

static int parse_serial(struct cur *c, struct datetime *dt, long offset)
{
	long days = 0;
	double frac = 0, scale = 1;
	int ndig = 0, has_frac = 0;

	while (is_digit(peek(c))) {
		if (++ndig > 7)
			return -1;
		days = days * 10 + (*c->p++ - '0');
	}
	if (ndig == 0)
		return -1;
	if (peek(c) == '.' || peek(c) == ',') {
		c->p++;
		has_frac = 1;
		if (!is_digit(peek(c)))
			return -1;
		for (ndig = 0; is_digit(peek(c)); ndig++, c->p++) {
			if (ndig < 15) {
				scale /= 10;
				frac += (*c->p - '0') * scale;
			}
		}
	}
	if (!at_end(c) || serial_split(days + offset, frac_seconds(frac), dt) < 0)
		return -1;
	dt->has_time = has_frac;
	return 0;
}

static int is_trim_space(const char *p, const char *end, size_t *n)
{
	unsigned char ch = (unsigned char)*p;

	*n = 1;
	if (ch == ' ' || (ch >= '\t' && ch <= '\r'))
		return 1;
	if (ch == 0xC2 && end - p >= 2 && (unsigned char)p[1] == 0xA0) {
		*n = 2;
		return 1;
	}
	return 0;
}

static int parse_any(const char *s, struct datetime *out, long serial_offset)
{
	struct datetime dt;
	struct cur c;
	int rc;
	size_t n;

	if (!s)
		return -1;
	c.p = s;
	c.end = s + strlen(s);
	while (c.p < c.end && is_trim_space(c.p, c.end, &n))
		c.p += n;
	while (c.end > c.p) {
		if (is_trim_space(c.end - 1, c.end, &n))
			c.end--;
		else if (c.end - c.p >= 2 && is_trim_space(c.end - 2, c.end, &n) && n == 2)
			c.end -= 2;
		else
			break;
	}
	memset(&dt, 0, sizeof(dt));
	if (c.end - c.p >= 5 && is_digit(c.p[0]) && is_digit(c.p[1]) && is_digit(c.p[2]) &&
	    is_digit(c.p[3]) && (c.p[4] == '-' || c.p[4] == '/')) {
		rc = c.p[4] == '-' ? parse_iso(&c, &dt) : parse_google(&c, &dt);
	} else {
		const char *q = c.p;

		while (q < c.end && is_digit(*q))
			q++;
		if (q < c.end && q - c.p <= 2 && (*q == '/' || *q == '-' || *q == '.'))
			rc = parse_french(&c, &dt);
		else
			return parse_serial(&c, out, serial_offset);
	}
	if (rc < 0 || !at_end(&c) || !valid_date(dt.year, dt.month, dt.day, YEAR_MIN) ||
	    !valid_time(dt.hour, dt.min, dt.sec))
		return -1;
	*out = dt;
	return 0;
}

int date_parse(const char *s, struct datetime *out)
{
	return parse_any(s, out, 0);
}

int date_parse_1904(const char *s, struct datetime *out)
{
	return parse_any(s, out, DAYS_1904);
}

void date_iso(const struct datetime *dt, char *buf, size_t size)
{
	if (size == 0)
		return;
	snprintf(buf, size, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
}

void date_french(int year, int month, int day, char *buf, size_t size)
{
	static const char *const months[12] = {
		"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre",
	};

	if (size == 0)
		return;
	if (month < 1 || month > 12)
		snprintf(buf, size, "%02d/%02d/%04d", day, month, year);
	else if (day == 1)
		snprintf(buf, size, "1er %s %d", months[month - 1], year);
	else
		snprintf(buf, size, "%d %s %d", day, months[month - 1], year);
}

int date_parse_iso(const char *s, struct datetime *out)
{
	struct datetime dt;
	struct cur c;

	if (!s)
		return -1;
	c.p = s;
	c.end = s + strlen(s);
	memset(&dt, 0, sizeof(dt));
	if (get_num(&c, 4, 4, &dt.year) < 0 || get_char(&c, '-') < 0 ||
	    get_num(&c, 2, 2, &dt.month) < 0 || get_char(&c, '-') < 0 ||
	    get_num(&c, 2, 2, &dt.day) < 0 || !at_end(&c) ||
	    !valid_date(dt.year, dt.month, dt.day, 1))
		return -1;
	*out = dt;
	return 0;
}

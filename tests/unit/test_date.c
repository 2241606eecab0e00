/* test_date.c: unit tests of core/date.c: every date shape the exports carry, calendar
 * validation, Excel serials, day counts (checked against gmtime), ISO and French output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "date.h"

/* Parses s and checks every field; hour < 0 means "no time expected". */
static void ok_at(const char *s, int y, int mo, int d, int h, int mi, int sec, int line)
{
	struct datetime dt;

	memset(&dt, 0x55, sizeof(dt));
	if (date_parse(s, &dt) != 0)
		fail_msg("line %d: date_parse(\"%s\") failed", line, s);
	if (dt.year != y || dt.month != mo || dt.day != d)
		fail_msg("line %d: \"%s\" gave %04d-%02d-%02d, want %04d-%02d-%02d", line, s,
			 dt.year, dt.month, dt.day, y, mo, d);
	if (h < 0) {
		if (dt.has_time || dt.hour || dt.min || dt.sec)
			fail_msg("line %d: \"%s\" should carry no time", line, s);
	} else if (!dt.has_time || dt.hour != h || dt.min != mi || dt.sec != sec) {
		fail_msg("line %d: \"%s\" gave %d %02d:%02d:%02d, want 1 %02d:%02d:%02d", line, s,
			 dt.has_time, dt.hour, dt.min, dt.sec, h, mi, sec);
	}
}

/* date_parse(s) must fail and leave out unchanged. */
static void bad_at(const char *s, int line)
{
	struct datetime dt, before;

	memset(&dt, 0x5A, sizeof(dt));
	before = dt;
	if (date_parse(s, &dt) != -1)
		fail_msg("line %d: date_parse(\"%s\") accepted %04d-%02d-%02d %02d:%02d:%02d", line,
			 s, dt.year, dt.month, dt.day, dt.hour, dt.min, dt.sec);
	assert_memory_equal(&dt, &before, sizeof(dt));
}

#define OK(s, y, mo, d, h, mi, sec) ok_at((s), (y), (mo), (d), (h), (mi), (sec), __LINE__)
#define OKD(s, y, mo, d) ok_at((s), (y), (mo), (d), -1, 0, 0, __LINE__)
#define BAD(s) bad_at((s), __LINE__)

static void test_iso(void **state)
{
	(void)state;
	OKD("2024-03-12", 2024, 3, 12);
	OK("2024-03-12 10:16:41", 2024, 3, 12, 10, 16, 41);     /* LimeSurvey, Asterisk */
	OK("2024-03-12T10:16:41", 2024, 3, 12, 10, 16, 41);     /* Kobo */
	OK("2024-03-12T10:16:41.123", 2024, 3, 12, 10, 16, 41);
	OK("2024-03-12T10:16:41.123456Z", 2024, 3, 12, 10, 16, 41);
	OK("2024-03-12T10:16:41Z", 2024, 3, 12, 10, 16, 41);
	OK("2024-03-12T10:16:41+01:00", 2024, 3, 12, 10, 16, 41);
	OK("2024-03-12T23:59:59-05:30", 2024, 3, 12, 23, 59, 59);
	OK("2024-03-12T10:16:41+0100", 2024, 3, 12, 10, 16, 41);
	OK("2025-03-03 10:00:00+01", 2025, 3, 3, 10, 0, 0);    /* PostgreSQL timestamptz */
	OK("2024-03-12 10:16:41 UTC", 2024, 3, 12, 10, 16, 41);
	OK("2024-03-12 10:16", 2024, 3, 12, 10, 16, 0);
	OK("2024-03-12 00:00:00", 2024, 3, 12, 0, 0, 0);
	OK("2024-03-12t10:16:41,5", 2024, 3, 12, 10, 16, 41);
	OKD("2024-02-29", 2024, 2, 29);
	OKD("2000-02-29", 2000, 2, 29);
	OKD("9999-12-31", 9999, 12, 31);
	OKD("1900-01-01", 1900, 1, 1);
	BAD("2023-02-29");
	BAD("1900-02-29");
	BAD("2024-02-30");
	BAD("2024-04-31");
	BAD("2024-13-01");
	BAD("2024-00-10");
	BAD("2024-03-00");
	BAD("2024-3-12");
	BAD("2024-03-1");
	BAD("24-03-12");
	BAD("02024-03-12");
	BAD("2024-03-12T");
	BAD("2024-03-12T10");
	BAD("2024-03-12T10:");
	BAD("2024-03-12T10:1");
	BAD("2024-03-12 24:00:00");
	BAD("2024-03-12 10:60:00");
	BAD("2024-03-12 10:16:60");
	BAD("2024-03-12 10:16:41.");
	BAD("2024-03-12 10:16:41 foo");
	BAD("2024-03-12x");
	BAD("2024-03-12T10:16:41+25:00");
	BAD("2024-03-12T10:16:41+01:60");
	BAD("2024-03-12T10:16:41+");
	BAD("2024-03-12T10:16:41+011");
	BAD("2024-03-12T10:16:41 Z");
	BAD("2024-03-12 10:16:41 UTC+");
	BAD("2024-03-12 10:16:41 UTC+1 x");
	BAD("2024-03-12 10:16:4");
	BAD("2024-03-12 10:16:411");
	BAD("1899-12-31");
	BAD("0000-01-01");
}

static void test_french(void **state)
{
	(void)state;
	OKD("12/03/2024", 2024, 3, 12);
	OK("12/03/2024 10:16", 2024, 3, 12, 10, 16, 0);            /* re-saved by Excel */
	OK("12/03/2024 10:16:41", 2024, 3, 12, 10, 16, 41);
	OK("12/03/2024 9:05", 2024, 3, 12, 9, 5, 0);
	OKD("12-03-2024", 2024, 3, 12);
	OKD("12.03.2024", 2024, 3, 12);
	OK("12.03.2024 08:00", 2024, 3, 12, 8, 0, 0);
	OK("12-03-2024 23:59:59", 2024, 3, 12, 23, 59, 59);
	OKD("  03/02/2025 ", 2025, 2, 3);                          /* day first: 3 February */
	OKD("3/2/2025", 2025, 2, 3);
	OKD("01/12/2024", 2024, 12, 1);
	OKD("13/01/2024", 2024, 1, 13);
	OKD("31/12/2024", 2024, 12, 31);
	OKD("29/02/2024", 2024, 2, 29);
	OKD("29/02/2000", 2000, 2, 29);
	OKD("30/04/2024", 2024, 4, 30);
	OKD("\t12/03/2024\r\n", 2024, 3, 12);
	OKD("\xC2\xA0" "12/03/2024\xC2\xA0", 2024, 3, 12);
	BAD("31/02/2025");
	BAD("30/02/2024");
	BAD("29/02/2023");
	BAD("29/02/1900");
	BAD("31/04/2024");
	BAD("32/01/2024");
	BAD("00/01/2024");
	BAD("12/13/2024");
	BAD("12/00/2024");
	BAD("12/03/24");                                            /* two-digit year */
	BAD("12/03/024");
	BAD("12/03/02024");
	BAD("123/03/2024");
	BAD("12/003/2024");
	BAD("12/03-2024");                                          /* mixed separators */
	BAD("12.03/2024");
	BAD("12/03/2024 24:00");
	BAD("12/03/2024 10:60");
	BAD("12/03/2024 10h16");
	BAD("12/03/2024 10:16 PM");                                 /* no AM/PM day first */
	BAD("12/03/2024 10:16:41.5");
	BAD("12/03/2024 10:16:41 UTC");
	BAD("12/03/2024 10:16:41 x");
	BAD("12/03/2024T10:16");
}

static void test_framaforms(void **state)
{
	(void)state;
	OK("12/03/2024 - 10:16", 2024, 3, 12, 10, 16, 0);
	OK("01/01/2025 - 00:00", 2025, 1, 1, 0, 0, 0);
	OK(" 29/02/2024 - 23:59 ", 2024, 2, 29, 23, 59, 0);
	BAD("12/03/2024 - ");
	BAD("12/03/2024 -10:16");
	BAD("12/03/2024 - 10:16 - 11:00");
	BAD("31/02/2024 - 10:16");
	BAD("12/03/2024 - 25:16");
}

static void test_google_forms(void **state)
{
	(void)state;
	OK("2024/03/12 10:16:41 AM UTC+1", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41 PM UTC+1", 2024, 3, 12, 22, 16, 41);
	OK("2024/03/12 10:16:41 AM GMT+1", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41 pm GMT+1", 2024, 3, 12, 22, 16, 41);
	OK("2024/03/12 12:00:00 AM UTC+1", 2024, 3, 12, 0, 0, 0);    /* midnight */
	OK("2024/03/12 12:59:59 AM UTC+1", 2024, 3, 12, 0, 59, 59);
	OK("2024/03/12 12:00:00 PM UTC+1", 2024, 3, 12, 12, 0, 0);   /* noon */
	OK("2024/03/12 12:30:00 PM", 2024, 3, 12, 12, 30, 0);
	OK("2024/03/12 1:05:00 PM", 2024, 3, 12, 13, 5, 0);
	OK("2024/03/12 11:59:59 PM GMT-5", 2024, 3, 12, 23, 59, 59);
	OK("2024/03/12 9:05:00 AM GMT+5:30", 2024, 3, 12, 9, 5, 0);
	OK("2024/03/12 10:16:41 AM UTC", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41 AM", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41AM", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 22:16:41 UTC+1", 2024, 3, 12, 22, 16, 41);    /* 24-hour clock */
	OK("2024/03/12 10:16:41 AM UTC-10", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41 AM UTC+01:00", 2024, 3, 12, 10, 16, 41);
	OKD("2024/03/12", 2024, 3, 12);
	OK("2024/02/29 10:16:41 AM UTC+1", 2024, 2, 29, 10, 16, 41);
	BAD("2023/02/29 10:16:41 AM UTC+1");
	BAD("2024/03/12 13:00:00 PM");
	BAD("2024/03/12 0:10:00 AM");
	BAD("2024/03/12 00:10:00 PM");
	BAD("2024/03/12 10:16:41 XM");
	BAD("2024/03/12 10:16:41 AM UTC+");
	BAD("2024/03/12 10:16:41 AM UTC+1 x");
	/* a named zone, as the "Download responses" CSV writes the form owner's zone */
	OK("2023/11/13 4:20:37 pm CET", 2023, 11, 13, 16, 20, 37);
	OK("2024/06/13 4:20:37 PM CEST", 2024, 6, 13, 16, 20, 37);
	OK("2024/03/12 10:16:41 AM GMT", 2024, 3, 12, 10, 16, 41);
	OK("2024/06/12 10:16:41 AM BST", 2024, 6, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41 AM EST", 2024, 3, 12, 10, 16, 41);
	OK("2024/03/12 10:16:41 PM PST", 2024, 3, 12, 22, 16, 41);
	OK("2024/03/12 22:16:41 CET", 2024, 3, 12, 22, 16, 41);
	OK("2024-03-12 22:16:41 CEST", 2024, 3, 12, 22, 16, 41);
	BAD("2024/03/12 10:16:41 AM CETX");
	BAD("2024/03/12 10:16:41 AM XYZ");
	BAD("2024/03/12 10:16:41 AM CET+1");
	BAD("2024/03/12 10:16:41 AMCET");
	BAD("2024/03/12 CET");
	BAD("2024/03/12 10:16:41 AM UTC+24");
	BAD("2024/03/12 10:16:41 AM AM");
	BAD("2024/13/12 10:16:41 AM");
	BAD("2024/03/32 10:16:41 AM");
	BAD("2024/03/12 10:61:41 AM");
	BAD("2024/03/12 10:16:41.5 AM");
	BAD("2024/03/1210:16:41");
	BAD("2024/03-12");
	BAD("2024/03/12/");
}

static void test_excel_serial_text(void **state)
{
	(void)state;
	OKD("45363", 2024, 3, 12);
	OK("45363.5", 2024, 3, 12, 12, 0, 0);
	OK("45363,5", 2024, 3, 12, 12, 0, 0);
	OK("45363.4284", 2024, 3, 12, 10, 16, 54);                  /* 37013.76 s rounds up */
	OK("45363,428472222222", 2024, 3, 12, 10, 17, 0);
	OK("45363.0", 2024, 3, 12, 0, 0, 0);                        /* a time, at midnight */
	OK("45363.000005", 2024, 3, 12, 0, 0, 0);                   /* 0.43 s rounds down */
	OK("45363.99999999", 2024, 3, 13, 0, 0, 0);                 /* rounds to the next day */
	OK("45363.12345678901234567890123", 2024, 3, 12, 2, 57, 47);
	OKD(" 45363 ", 2024, 3, 12);
	OKD("25569", 1970, 1, 1);
	OKD("61", 1900, 3, 1);
	OKD("0000061", 1900, 3, 1);
	OKD("2958465", 9999, 12, 31);
	OKD("36526", 2000, 1, 1);
	OKD("36585", 2000, 2, 29);
	BAD("60");                     /* Excel's phantom 1900-02-29 */
	BAD("1");
	BAD("0");
	BAD("2958466");
	BAD("2958465.99999999");       /* would round into year 10000 */
	BAD("12345678");
	BAD("99999999999999999999999999");
	BAD("45363.");
	BAD(".5");
	BAD("45363.5.5");
	BAD("45363,5,5");
	BAD("-45363");
	BAD("+45363");
	BAD("4.5363E4");
	BAD("45 363");
	BAD("45363 10:00");
	BAD("0x45363");
	BAD("45363a");
}

static void test_garbage(void **state)
{
	(void)state;
	BAD("");
	BAD("   ");
	BAD("\xC2\xA0");
	BAD("N/A");
	BAD("hier");
	BAD("12 mars 2025");
	BAD("2024-");
	BAD("2024/");
	BAD("12/");
	BAD("12/03");
	BAD("12/03/");
	BAD("/03/2024");
	BAD("--");
	BAD("12/03/2024\xC2");
	BAD("2024-03-12 junk");
	/* a bare number is a serial: a lone year reads as a day of 1905 */
	OKD("2024", 1905, 7, 16);
	assert_int_equal(date_parse(NULL, NULL), -1);
}

/* Every prefix of a long valid value is parsed without reading past its end, and exactly the
 * prefixes that are whole shapes are accepted. */
static void test_every_prefix(void **state)
{
	static const struct {
		const char *s;
		const char *valid;   /* 'y' at index n when the prefix of length n is valid */
	} cases[] = {
		{ "2024/03/12 10:16:41 AM UTC+1",
		  "---yy----yyy----y--yy-yy--y-y" },
		{ "12/03/2024 - 10:16",
		  "----------yy------y" },
		{ "2024-03-12T10:16:41.123+01:00",
		  "---yy-----y-----y--y-yyy-yy--y" },
	};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].s);

		assert_int_equal(strlen(cases[i].valid), len + 1);
		for (n = 0; n <= len; n++) {
			char buf[64];
			struct datetime dt;
			int want = cases[i].valid[n] == 'y' ? 0 : -1;

			memcpy(buf, cases[i].s, n);
			buf[n] = 0;
			if (date_parse(buf, &dt) != want)
				fail_msg("\"%s\": expected %d", buf, want);
		}
	}
}

/* The 1904 date system (old Excel for Mac): serials from 1904-01-01, other shapes unchanged. */
static void test_serial_1904(void **state)
{
	struct datetime dt;

	(void)state;
	assert_int_equal(date_parse_1904("0", &dt), 0);
	assert_int_equal(dt.year * 10000 + dt.month * 100 + dt.day, 19040101);
	assert_int_equal(date_parse_1904("44266", &dt), 0);
	assert_int_equal(dt.year * 10000 + dt.month * 100 + dt.day, 20250312);
	assert_int_equal(date_parse_1904("44266.5", &dt), 0);
	assert_int_equal(dt.hour, 12);
	assert_int_equal(date_parse_1904("12/03/2025", &dt), 0);
	assert_int_equal(dt.year * 10000 + dt.month * 100 + dt.day, 20250312);
	assert_int_equal(date_parse_1904("abc", &dt), -1);
}

static void test_from_serial(void **state)
{
	struct datetime dt, before;

	(void)state;
	assert_int_equal(date_from_serial(45363.0, &dt), 0);
	assert_int_equal(dt.year, 2024);
	assert_int_equal(dt.month, 3);
	assert_int_equal(dt.day, 12);
	assert_int_equal(dt.has_time, 0);
	assert_int_equal(date_from_serial(45363.5, &dt), 0);
	assert_int_equal(dt.day, 12);
	assert_int_equal(dt.hour, 12);
	assert_int_equal(dt.min, 0);
	assert_int_equal(dt.has_time, 1);
	assert_int_equal(date_from_serial(45363.0 + 37020.0 / 86400, &dt), 0);
	assert_int_equal(dt.hour, 10);
	assert_int_equal(dt.min, 17);
	assert_int_equal(dt.sec, 0);
	assert_int_equal(date_from_serial(61, &dt), 0);
	assert_int_equal(dt.year, 1900);
	assert_int_equal(dt.month, 3);
	assert_int_equal(dt.day, 1);
	assert_int_equal(date_from_serial(2958465.5, &dt), 0);
	assert_int_equal(dt.year, 9999);
	assert_int_equal(dt.hour, 12);

	memset(&dt, 0x77, sizeof(dt));
	before = dt;
	assert_int_equal(date_from_serial(60.9, &dt), -1);
	assert_int_equal(date_from_serial(60, &dt), -1);
	assert_int_equal(date_from_serial(0, &dt), -1);
	assert_int_equal(date_from_serial(-45363, &dt), -1);
	assert_int_equal(date_from_serial(2958466, &dt), -1);
	assert_int_equal(date_from_serial(2958465.999999999, &dt), -1);
	assert_int_equal(date_from_serial(1e300, &dt), -1);
	assert_int_equal(date_from_serial(NAN, &dt), -1);
	assert_int_equal(date_from_serial(INFINITY, &dt), -1);
	assert_int_equal(date_from_serial(-INFINITY, &dt), -1);
	assert_memory_equal(&dt, &before, sizeof(dt));
}

static void test_days(void **state)
{
	struct datetime dt = { 1970, 1, 1, 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(date_days(&dt), 0);
	dt.year = 1969; dt.month = 12; dt.day = 31;
	assert_int_equal(date_days(&dt), -1);
	dt.year = 2000; dt.month = 3; dt.day = 1;
	assert_int_equal(date_days(&dt), 11017);
	dt.year = 2024; dt.month = 3; dt.day = 12;
	assert_int_equal(date_days(&dt), 19794);
	dt.year = 1900; dt.month = 3; dt.day = 1;
	assert_int_equal(date_days(&dt), -25508);
	dt.year = 9999; dt.month = 12; dt.day = 31;
	assert_int_equal(date_days(&dt), 2932896);
	dt.year = 1600; dt.month = 2; dt.day = 29;
	assert_int_equal(date_days(&dt), -135081);
	dt.hour = 23;                    /* the time does not count */
	assert_int_equal(date_days(&dt), -135081);
}

/* Every serial from 61 to 2958465: the date agrees with gmtime(), date_days() inverts it, and
 * the ISO text parses back to the same date with both parsers. */
static void test_every_serial_round_trip(void **state)
{
	long serial;

	(void)state;
	for (serial = 61; serial <= 2958465; serial++) {
		struct datetime dt, back;
		char iso[11];
		time_t t = (time_t)(serial - 25569) * 86400;
		struct tm tm;

		assert_int_equal(date_from_serial((double)serial, &dt), 0);
		if (date_days(&dt) != serial - 25569)
			fail_msg("serial %ld: date_days %ld", serial, date_days(&dt));
		assert_non_null(gmtime_r(&t, &tm));
		if (tm.tm_year + 1900 != dt.year || tm.tm_mon + 1 != dt.month || tm.tm_mday != dt.day)
			fail_msg("serial %ld: %d-%d-%d, gmtime says %d-%d-%d", serial, dt.year,
				 dt.month, dt.day, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		date_iso(&dt, iso, sizeof(iso));
		assert_int_equal(date_parse_iso(iso, &back), 0);
		assert_int_equal(date_days(&back), serial - 25569);
		if (serial % 97 == 0) {
			char fr[16];

			assert_int_equal(date_parse(iso, &back), 0);
			assert_int_equal(date_days(&back), serial - 25569);
			snprintf(fr, sizeof(fr), "%02d/%02d/%04d", dt.day, dt.month, dt.year);
			assert_int_equal(date_parse(fr, &back), 0);
			assert_int_equal(date_days(&back), serial - 25569);
		}
	}
}

static void test_iso_output(void **state)
{
	struct datetime dt = { 2024, 3, 12, 10, 16, 41, 1 };
	char buf[11], small[5];

	(void)state;
	date_iso(&dt, buf, sizeof(buf));
	assert_string_equal(buf, "2024-03-12");
	dt.year = 1900; dt.month = 1; dt.day = 1;
	date_iso(&dt, buf, sizeof(buf));
	assert_string_equal(buf, "1900-01-01");
	date_iso(&dt, small, sizeof(small));
	assert_string_equal(small, "1900");
	date_iso(&dt, small, 0);           /* nothing written, no crash */
}

static void check_french(int y, int m, int d, const char *want)
{
	char buf[32];

	memset(buf, 'x', sizeof(buf));
	date_french(y, m, d, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_french_output(void **state)
{
	static const char *const months[12] = {
		"janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin", "juillet",
		"ao\xC3\xBBt", "septembre", "octobre", "novembre", ("d\xC3\xA9" "cembre"),
	};
	char want[32], small[6];
	int m;

	(void)state;
	check_french(2025, 3, 1, "1er mars 2025");
	check_french(2025, 3, 14, "14 mars 2025");
	check_french(2025, 3, 2, "2 mars 2025");
	check_french(2025, 2, 3, "3 f\xC3\xA9vrier 2025");
	check_french(2024, 8, 15, "15 ao\xC3\xBBt 2024");
	check_french(2024, 12, 31, "31 d\xC3\xA9" "cembre 2024");
	check_french(2024, 1, 1, "1er janvier 2024");
	for (m = 1; m <= 12; m++) {
		snprintf(want, sizeof(want), "11 %s 2026", months[m - 1]);
		check_french(2026, m, 11, want);
		snprintf(want, sizeof(want), "1er %s 2026", months[m - 1]);
		check_french(2026, m, 1, want);
	}
	/* the longest output fits in 32 bytes */
	check_french(9999, 9, 30, "30 septembre 9999");
	/* an impossible month does not index out of the table */
	check_french(2025, 13, 1, "01/13/2025");
	check_french(2025, 0, 5, "05/00/2025");
	date_french(2025, 3, 14, small, sizeof(small));
	assert_string_equal(small, "14 ma");
}

static void test_parse_iso_strict(void **state)
{
	struct datetime dt, before;

	(void)state;
	memset(&dt, 0x33, sizeof(dt));
	assert_int_equal(date_parse_iso("2025-03-03", &dt), 0);
	assert_int_equal(dt.year, 2025);
	assert_int_equal(dt.month, 3);
	assert_int_equal(dt.day, 3);
	assert_int_equal(dt.hour, 0);
	assert_int_equal(dt.min, 0);
	assert_int_equal(dt.sec, 0);
	assert_int_equal(dt.has_time, 0);
	assert_int_equal(date_parse_iso("2024-02-29", &dt), 0);
	assert_int_equal(date_parse_iso("0001-01-01", &dt), 0);
	assert_int_equal(date_parse_iso("9999-12-31", &dt), 0);

	memset(&dt, 0x44, sizeof(dt));
	before = dt;
	assert_int_equal(date_parse_iso("2025-02-29", &dt), -1);
	assert_int_equal(date_parse_iso("2025-04-31", &dt), -1);
	assert_int_equal(date_parse_iso(" 2025-03-03", &dt), -1);
	assert_int_equal(date_parse_iso("2025-03-03 ", &dt), -1);
	assert_int_equal(date_parse_iso("2025-03-03 10:00", &dt), -1);
	assert_int_equal(date_parse_iso("2025-03-03T10:00:00", &dt), -1);
	assert_int_equal(date_parse_iso("2025-3-3", &dt), -1);
	assert_int_equal(date_parse_iso("03/03/2025", &dt), -1);
	assert_int_equal(date_parse_iso("2025/03/03", &dt), -1);
	assert_int_equal(date_parse_iso("45719", &dt), -1);
	assert_int_equal(date_parse_iso("0000-01-01", &dt), -1);
	assert_int_equal(date_parse_iso("2025-13-03", &dt), -1);
	assert_int_equal(date_parse_iso("", &dt), -1);
	assert_int_equal(date_parse_iso(NULL, &dt), -1);
	assert_memory_equal(&dt, &before, sizeof(dt));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_french),
		cmocka_unit_test(test_framaforms),
		cmocka_unit_test(test_google_forms),
		cmocka_unit_test(test_excel_serial_text),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_from_serial),
		cmocka_unit_test(test_serial_1904),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_every_serial_round_trip),
		cmocka_unit_test(test_iso_output),
		cmocka_unit_test(test_french_output),
		cmocka_unit_test(test_parse_iso_strict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

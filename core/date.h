/* date.h: the date shapes that exports carry, parsed into a calendar date and time, and
 * French formatting of dates ("14 mars 2025"). */
#ifndef CORE_DATE_H
#define CORE_DATE_H

#include <stddef.h>

struct datetime {
	int year, month, day;
	int hour, min, sec;
	int has_time;   /* 1 when the text carried a time of day */
};

/*
 * Parses one of:
 *   ISO            2024-03-12, 2024-03-12 10:16:41, 2024-03-12T10:16:41(.fff)(Z|+01:00)
 *   French         12/03/2024, 12/03/2024 10:16, 12/03/2024 10:16:41 (day first, always);
 *                  also 12-03-2024 and 12.03.2024
 *   Google Forms   2024/03/12 10:16:41 AM UTC+1 (or GMT+1, PM, no zone, or a named zone:
 *                  4:20:37 pm CET, CEST, GMT, BST, EST, PST...)
 *   Framaforms     12/03/2024 - 10:16
 *   Excel serial   45363 or 45363.4284 (or with a decimal comma), days since 1899-12-30
 * Surrounding spaces are ignored. The time zone, when given, is dropped: the local date and
 * time as written are kept. Returns 0 and fills *out, or -1 (out unchanged) when s is not a
 * valid date of one of these shapes (a 31/02/2025 is not valid).
 */
int date_parse(const char *s, struct datetime *out);

/* The same, for a workbook saved in the 1904 date system (old Excel for Mac): an Excel serial
 * counts days from 1904-01-01. */
int date_parse_1904(const char *s, struct datetime *out);

/* Fills *out from an Excel serial (1900 date system). Returns -1 outside 1900..9999. */
int date_from_serial(double serial, struct datetime *out);

/* Days since 1970-01-01 of the date part (proleptic Gregorian). */
long date_days(const struct datetime *dt);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void date_iso(const struct datetime *dt, char *buf, size_t size);

/* Writes the French long form, "1er mars 2025", "14 mars 2025", into buf (at least 32 bytes). */
void date_french(int year, int month, int day, char *buf, size_t size);

/* Parses "YYYY-MM-DD" exactly (as PostgreSQL prints dates). Returns 0 or -1. */
int date_parse_iso(const char *s, struct datetime *out);

#endif

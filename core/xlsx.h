/* xlsx.h: a streaming reader of the first worksheet of an XLSX workbook, or of the first table
 * of an ODS spreadsheet (libzip + expat).
 * Shared strings, inline strings, booleans and numbers are read; numbers are given as written
 * in the sheet (an Excel date serial stays a number: date_parse() reads serials). */
#ifndef CORE_XLSX_H
#define CORE_XLSX_H

#include <zip.h>

#include "caps.h"
#include "msg.h"
#include "rowbuf.h"

struct xlsx;

/*
 * Opens the first worksheet (in workbook order) of the archive za, which is borrowed and must
 * outlive the reader. Loads the shared strings (capped by lim->max_strings). Returns 0, or -1
 * after reporting on d (MSG_XLSX_BAD, MSG_XLSX_NO_SHEET, MSG_XLSX_BAD_XML, MSG_FILE_TOO_BIG).
 */
int xlsx_open(struct xlsx **out, zip_t *za, const struct limits *lim, struct diag *d);

/*
 * The same for an ODS spreadsheet (OpenDocument, LibreOffice Calc): the first table of
 * content.xml, streamed with the same caps. Numbers and dates are given as stored (office:value,
 * office:date-value "2025-03-01" or "2025-03-01T10:00:00"), other cells as their text; a
 * repeated cell or row is given as many times as it is repeated; empty rows are left out (the
 * line numbers stay the spreadsheet's row numbers).
 */
int xlsx_open_ods(struct xlsx **out, zip_t *za, const struct limits *lim, struct diag *d);

/* 1 when x reads an ODS spreadsheet. */
int xlsx_is_ods(const struct xlsx *x);

/* 1 when the workbook uses the 1904 date system (date_parse_1904() reads its serials). */
int xlsx_date1904(const struct xlsx *x);

/*
 * Parses the next piece of the sheet and appends the rows it completes to rb (each row's line
 * is its spreadsheet row number, from the r attribute). Returns 1 while more may come, 0 at the
 * end of the sheet, -1 on an error reported on d. A cap hit inside rowbuf is not an error here:
 * rowbuf records it, the row stream reports it.
 */
int xlsx_pump(struct xlsx *x, struct rowbuf *rb, struct diag *d);

/* Uncompressed bytes of the sheet consumed so far, and in all (for progress). */
unsigned long long xlsx_done(const struct xlsx *x);
unsigned long long xlsx_total(const struct xlsx *x);

/* Frees the reader (not the archive); accepts NULL. */
void xlsx_free(struct xlsx *x);

#endif

/* rowstream.h: the single row iterator that every format reads from. It opens a plain file, a
 * ZIP that holds one CSV (Google Forms) or the first sheet of an XLSX workbook; detects the
 * encoding (UTF-8 with or without BOM, UTF-16LE/BE with BOM, else Windows-1252) and the
 * delimiter (";", "," or tab, sniffed from the first lines); converts to UTF-8; and yields rows of
 * fields with the line where each row starts. Memory stays flat whatever the file size. */
#ifndef CORE_ROWSTREAM_H
#define CORE_ROWSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "caps.h"
#include "msg.h"
#include "rowbuf.h"

enum rs_container { RS_CSV, RS_ZIP_CSV, RS_XLSX };

struct rowstream_opts {
	struct limits lim;
	char delimiter;        /* 0: sniff; else ';', ',' or '\t' */
	int no_header;         /* the file has no header (Asterisk CDR): sniff on data lines */
	size_t chunk;          /* bytes read at a time (0: 64 KiB); tests vary it from 1 */
};

void rowstream_opts_default(struct rowstream_opts *o);

struct rowstream;

/*
 * Opens path (its name, as shown in messages, is display or path). Reads the whole file once to
 * compute its SHA-256 and to detect the container and encoding, then positions at the first row.
 * Returns 0, or -1 after reporting on d (nothing to free then).
 */
int rowstream_open(struct rowstream **out, const char *path, const struct rowstream_opts *o,
                   struct diag *d);

/* The same over bytes in memory (borrowed; must outlive the stream): for tests and fuzzing. */
int rowstream_open_mem(struct rowstream **out, const void *data, size_t size,
                       const struct rowstream_opts *o, struct diag *d);

/*
 * The next row: returns 1 and sets *row (owned by the stream, valid until the next call),
 * 0 at the end, or -1 on an error that stops reading (reported on d). Rows that break a cap
 * (field too long, too many fields) are reported on d and skipped, so that every problem of a
 * file is listed in one run; check d->count at the end.
 */
int rowstream_next(struct rowstream *rs, const struct row **row, struct diag *d);

enum rs_container rowstream_container(const struct rowstream *rs);
/* 1 for an XLSX workbook saved in the 1904 date system (read its dates with date_parse_1904). */
int rowstream_date1904(const struct rowstream *rs);
/* "UTF-8", "UTF-8 avec BOM", "UTF-16LE", "UTF-16BE", "Windows-1252", "XLSX" or "ODS". */
const char *rowstream_encoding(const struct rowstream *rs);
/* The delimiter used (';', ',' or '\t'), or 0 for XLSX. */
char rowstream_delimiter(const struct rowstream *rs);
/* French name of the delimiter: "point-virgule", "virgule", "tabulation", "aucun". */
const char *rowstream_delimiter_name(const struct rowstream *rs);
/* Lowercase hex SHA-256 of the file as stored (the ZIP or XLSX itself, not its contents). */
const char *rowstream_sha256(const struct rowstream *rs);
/* Progress: bytes consumed so far and in all (of the file, or of the uncompressed entry). */
uint64_t rowstream_done(const struct rowstream *rs);
uint64_t rowstream_total(const struct rowstream *rs);

/* Closes and frees; accepts NULL. */
void rowstream_free(struct rowstream *rs);

#endif

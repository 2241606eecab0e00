/* caps.h: the hard caps every reader enforces, so that a hostile file hits a clear error
 * rather than the allocator. */
#ifndef CORE_CAPS_H
#define CORE_CAPS_H

#include <stddef.h>
#include <stdint.h>

struct limits {
	size_t max_field;      /* bytes in one field, after conversion to UTF-8 */
	size_t max_fields;     /* fields in one row */
	uint64_t max_rows;     /* rows in one file */
	uint64_t max_file;     /* bytes of the file (or of the uncompressed entry) */
	size_t max_strings;    /* XLSX shared strings kept in memory, in bytes */
};

/* The defaults: 1 MiB per field, 4096 fields per row, 100 million rows, 16 GiB per file,
 * 256 MiB of XLSX shared strings. */
void limits_default(struct limits *lim);

#endif

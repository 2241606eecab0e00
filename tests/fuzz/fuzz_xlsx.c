/* fuzz_xlsx.c: libFuzzer target of the XLSX reader (core/xlsx.c). An input that starts like a
 * ZIP is opened as the workbook itself; any other input is the sheet XML, optionally followed by
 * "\0\0" and the shared strings XML, stored into a workbook in memory, so that mutations reach
 * expat and the cell logic rather than dying on a ZIP checksum. Caps are lowered to keep runs
 * fast. Checks that every row has a line, fields NUL-terminated at their length and within the
 * cap, progress never past the total, and every failure reported.
 * Run: FUZZ_TARGETS=xlsx sh tests/fuzz/run.sh (make fuzz); replayed by make check. */
// fuzz-corpus: tests/data/xlsx
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "caps.h"
#include "msg.h"
#include "rowbuf.h"
#include "xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Adds len bytes (borrowed until zip_close) as the entry name, stored uncompressed. */
static int add(zip_t *za, const char *name, const void *data, size_t len)
{
	zip_source_t *part = zip_source_buffer(za, data, len, 0);
	zip_int64_t i;

	if (!part)
		return -1;
	i = zip_file_add(za, name, part, 0);
	if (i < 0) {
		zip_source_free(part);
		return -1;
	}
	return zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* Stores the parts into a new archive in memory; returns it opened read-only, or NULL. */
static zip_t *wrap(const uint8_t *data, size_t size)
{
	static const char wb[] =
		"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
		"<sheets><sheet name=\"f\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		"2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
	size_t sheet_len = size, i;
	zip_source_t *src;
	zip_t *za = NULL, *out = NULL;
	zip_error_t ze;

	for (i = 0; i + 1 < size; i++)
		if (data[i] == 0 && data[i + 1] == 0) {
			sheet_len = i;
			break;
		}
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto done;
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za) {
		zip_source_free(src);
		src = NULL;
		goto done;
	}
	zip_source_keep(src);    /* the archive's bytes outlive zip_close() */
	if (add(za, "xl/workbook.xml", wb, sizeof(wb) - 1) < 0 ||
	    add(za, "xl/_rels/workbook.xml.rels", rels, sizeof(rels) - 1) < 0 ||
	    add(za, "xl/worksheets/sheet1.xml", data, sheet_len) < 0 ||
	    (sheet_len < size &&
	     add(za, "xl/sharedStrings.xml", data + sheet_len + 2, size - sheet_len - 2) < 0))
		goto done;
	if (zip_close(za) < 0)
		goto done;
	za = NULL;
	out = zip_open_from_source(src, ZIP_RDONLY, &ze);
done:
	if (za)
		zip_discard(za);
	if (!out && src)
		zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

static zip_t *open_zip(const uint8_t *data, size_t size)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, size, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!za)
		zip_source_free(src);
	zip_error_fini(&ze);
	return za;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct limits lim;
	struct diag d;
	struct rowbuf rb;
	struct xlsx *x = NULL;
	const struct row *row;
	zip_t *za;
	int r;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (size >= 4 && memcmp(data, "PK\003\004", 4) == 0)
		za = open_zip(data, size);
	else
		za = wrap(data, size);
	if (!za)
		return 0;
	limits_default(&lim);
	lim.max_field = 4096;
	lim.max_fields = 256;
	lim.max_rows = 10000;
	lim.max_file = 8u << 20;
	lim.max_strings = 1u << 20;
	diag_init(&d, "fuzz.xlsx", devnull);
	rowbuf_init(&rb, &lim);
	if (xlsx_open(&x, za, &lim, &d) == 0) {
		do {
			r = xlsx_pump(x, &rb, &d);
			while (rowbuf_pop(&rb, &row) == 1) {
				size_t i;

				if (row->line <= 0)
					abort();
				for (i = 0; i < row->n; i++)
					if (strlen(row->f[i]) != row->len[i] || row->len[i] > lim.max_field)
						abort();
			}
			if (xlsx_done(x) > xlsx_total(x))
				abort();
		} while (r > 0);
		if (r < 0 && d.count == 0)
			abort();         /* an error is always reported */
	} else if (d.count == 0) {
		abort();
	}
	xlsx_free(x);
	rowbuf_release(&rb);
	zip_discard(za);
	return 0;
}

/* test_xlsx.c: the XLSX reader on the workbooks of tests/data/xlsx/ (Excel, Microsoft Forms and
 * KoboToolbox shapes, and broken ones), at every chunk size from one byte, with exact fields,
 * row numbers and messages. The reader's source is included so that the test can lower its
 * chunk size (xlsx_chunk) and call its internal helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "xlsx.c"

static const size_t chunks[] = { 1, 2, 3, 7, 61, 1024, 65536 };
#define NCHUNKS (sizeof(chunks) / sizeof(chunks[0]))
#define EXCEL_SHEET_SIZE 1807

/* What one read gave: the rows as "LINE:f1|f2|..." lines (a row in error as
 * "LINE:!ID@COL"), the messages printed, and how it ended. */
struct result {
	char *rows;
	char *errs;
	int open_rc;          /* xlsx_open() */
	int pump_rc;          /* the last xlsx_pump() */
	unsigned long long done, total;
	unsigned long pumps;
};

static void result_release(struct result *r)
{
	free(r->rows);
	free(r->errs);
	memset(r, 0, sizeof(*r));
}

static char *fixture(const char *name)
{
	const char *top = getenv("TOP");
	size_t n = strlen(top ? top : ".") + strlen(name) + 32;
	char *p = malloc(n);

	assert_non_null(p);
	snprintf(p, n, "%s/tests/data/xlsx/%s", top ? top : ".", name);
	return p;
}

static void pop_all(struct rowbuf *rb, FILE *out)
{
	const struct row *row;

	while (rowbuf_pop(rb, &row) == 1) {
		size_t i;

		fprintf(out, "%ld:", row->line);
		if (row->error != MSG__COUNT) {
			fprintf(out, "!%d@%ld\n", (int)row->error, row->error_col);
			continue;
		}
		for (i = 0; i < row->n; i++) {
			assert_int_equal(strlen(row->f[i]), row->len[i]);
			fprintf(out, "%s%s", i ? "|" : "", row->f[i]);
		}
		fputc('\n', out);
	}
}

/* Reads the first sheet of the archive za (closed here) with the given chunk size and
 * limits. */
static void read_za(zip_t *za, const char *shown, size_t chunk, const struct limits *lim,
		    struct result *res)
{
	struct diag d;
	struct rowbuf rb;
	struct xlsx *x = NULL;
	size_t rows_len = 0, errs_len = 0;
	FILE *rows, *errs;

	memset(res, 0, sizeof(*res));
	rows = open_memstream(&res->rows, &rows_len);
	errs = open_memstream(&res->errs, &errs_len);
	assert_non_null(rows);
	assert_non_null(errs);
	diag_init(&d, shown, errs);
	rowbuf_init(&rb, lim);
	xlsx_chunk = chunk;
	res->open_rc = xlsx_open(&x, za, lim, &d);
	if (res->open_rc == 0) {
		res->total = xlsx_total(x);
		do {
			res->pump_rc = xlsx_pump(x, &rb, &d);
			res->pumps++;
			pop_all(&rb, rows);
			assert_true(xlsx_done(x) <= res->total);
		} while (res->pump_rc > 0);
		/* the end is sticky */
		assert_int_equal(xlsx_pump(x, &rb, &d), res->pump_rc);
		res->done = xlsx_done(x);
	} else {
		assert_null(x);
	}
	xlsx_free(x);
	rowbuf_release(&rb);
	zip_close(za);
	fclose(rows);
	fclose(errs);
	assert_int_equal(d.count, res->errs[0] ? 1 : 0);
	xlsx_chunk = 65536;
}

static void read_path(const char *path, const char *shown, size_t chunk,
		      const struct limits *lim, struct result *res)
{
	int err = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);

	assert_non_null(za);
	read_za(za, shown, chunk, lim, res);
}

static void read_fixture(const char *name, size_t chunk, const struct limits *lim,
			 struct result *res)
{
	char *path = fixture(name);

	read_path(path, name, chunk, lim, res);
	free(path);
}

/* The message id formatted as the diagnostics print it for a whole-file problem. */
static char *expected_msg(const char *file, enum msg_id id, ...)
{
	va_list ap;
	char *m, *s;
	size_t n;
	int len;

	va_start(ap, id);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	len = vsnprintf(NULL, 0, msg_text(id), ap);
	va_end(ap);
	assert_true(len >= 0);
	m = malloc((size_t)len + 1);
	assert_non_null(m);
	va_start(ap, id);
	vsnprintf(m, (size_t)len + 1, msg_text(id), ap);
	va_end(ap);
#pragma GCC diagnostic pop
	n = strlen(file) + strlen(m) + 4;
	s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s: %s\n", file, m);
	free(m);
	return s;
}

/* Reads a good fixture at every chunk size: same rows each time, read to the end. */
static void check_good(const char *name, const char *expected, unsigned long long total)
{
	struct limits lim;
	size_t i;

	limits_default(&lim);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture(name, chunks[i], &lim, &r);
		assert_int_equal(r.open_rc, 0);
		assert_int_equal(r.pump_rc, 0);
		assert_string_equal(r.errs, "");
		assert_string_equal(r.rows, expected);
		assert_int_equal(r.total, total);
		assert_int_equal(r.done, total);
		/* one chunk per call: at 1 byte, one call per byte and the last, empty one */
		if (chunks[i] == 1)
			assert_int_equal(r.pumps, total + 1);
		result_release(&r);
	}
}

/* Reads a bad fixture at every chunk size: rows before the problem, then the message. */
static void check_bad(const char *name, const struct limits *lim, int at_open,
		      const char *rows, const char *msg)
{
	size_t i;

	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture(name, chunks[i], lim, &r);
		if (at_open) {
			assert_int_equal(r.open_rc, -1);
		} else {
			assert_int_equal(r.open_rc, 0);
			assert_int_equal(r.pump_rc, -1);
		}
		assert_string_equal(r.rows, rows);
		assert_string_equal(r.errs, msg);
		result_release(&r);
	}
}

/* ---- good workbooks ---- */

static void test_forms(void **state)
{
	check_good("forms.xlsx",
		   "1:ID|Heure de début|Heure de fin|Adresse de messagerie|Nom|"
		   "Globalement, êtes-vous satisfait(e) de l'accueil ?|"
		   "Le temps d'attente vous a-t-il paru acceptable ?|"
		   "Avez-vous obtenu une réponse à votre demande ?|"
		   "Quels services avez-vous contactés ?|"
		   "Avez-vous une remarque ou une suggestion ?|"
		   "Globalement, êtes-vous satisfait(e) de l'accueil ?2\n"
		   "2:1|45363.428472222222|45363.430555555555|anonymous||Très satisfait|"
		   "Plutôt satisfait|Oui|Oui;Non;|Accueil & état civil, écoute <parfaite>|"
		   "Très satisfait\n"
		   "3:2|45364.3875|45364.390277777777|marie.dupont@example.org|Marie Dupont|"
		   "Plutôt pas satisfait||En partie\n"
		   "4:3|45365.5|45365.501388888886|anonymous|||||Oui\n",
		   1688);
}

static const char excel_rows[] =
	"1:Nom|Commentaire|Note|Validé|Calcul|Erreur\n"
	"2:Dupont Marie|東京|4|1|Dupont Mariex|#N/A\n"
	"5:  espaces  |||2.5|0|#DIV/0!\n"
	"7:|Ligne 1\r\nLigne 2|3||_x0041_ et A\n"
	"8:-1.5E-3|en ligne|a\tb\n";

static void test_excel(void **state)
{
	/* first sheet in workbook order (sheet2.xml), not sheet1.xml; row 6 holds only styled
	 * empty cells and is dropped; the last row has no r attributes at all */
	check_good("excel.xlsx", excel_rows, EXCEL_SHEET_SIZE);
}

static void test_kobo(void **state)
{
	check_good("kobo.xlsx",
		   "1:start|end|Globalement, êtes-vous satisfait(e) de l'accueil ?|Site|_id|_uuid|"
		   "_submission_time|_index\n"
		   "2:2024-03-12T10:16:41.000+01:00|2024-03-12T10:19:02.000+01:00|Très satisfait|"
		   "HDV|201934571|5f0c7a52-9d4e-4b3f-8f7e-2a1c9b8d6e01|2024-03-12T09:19:05|1\n"
		   "3:2024-03-13T14:02:00.000+01:00|2024-03-13T14:05:12.000+01:00||CCAS|"
		   "201934602|0b9e3d1c-7a55-4c21-9f0e-6d2b1a3c4e5f|2024-03-13T13:05:20|2\n",
		   1620);
}

static void test_fallback(void **state)
{
	/* prefixed elements (x:), no relationships, no sheet listed: xl/worksheets/sheet1.xml */
	check_good("fallback.xlsx", "3:|b3\n", 240);
}

/* A sheet as big as wanted, written with libzip into a temporary file. */
static char *make_big(unsigned long nrows, char *path, size_t size)
{
	static const char head[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
		"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
	static const char sst[] =
		"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<si><t>pair</t></si><si><t>impair</t></si></sst>";
	size_t cap = 200 * (size_t)nrows + 256, len = 0;
	char *xml = malloc(cap);
	zip_source_t *src;
	zip_t *za;
	unsigned long i;
	int fd, err = 0;

	assert_non_null(xml);
	snprintf(path, size, "/tmp/test_xlsx_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	len += (size_t)snprintf(xml + len, cap - len, "%s", head);
	for (i = 1; i <= nrows; i++)
		len += (size_t)snprintf(xml + len, cap - len,
					"<row r=\"%lu\"><c r=\"A%lu\"><v>%lu</v></c>"
					"<c r=\"C%lu\" t=\"inlineStr\"><is><t>ligne %lu</t></is></c>"
					"<c t=\"s\"><v>%lu</v></c></row>",
					i + 1, i + 1, i, i + 1, i, i % 2);
	len += (size_t)snprintf(xml + len, cap - len, "</sheetData></worksheet>");
	assert_true(len < cap);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	src = zip_source_buffer(za, xml, len, 1);
	assert_non_null(src);
	assert_true(zip_file_add(za, "xl/worksheets/sheet1.xml", src, 0) >= 0);
	src = zip_source_buffer(za, sst, strlen(sst), 0);
	assert_non_null(src);
	assert_true(zip_file_add(za, "xl/sharedStrings.xml", src, 0) >= 0);
	assert_int_equal(zip_close(za), 0);
	return path;
}

static void test_big(void **state)
{
	const unsigned long nrows = 200000;
	struct limits lim;
	struct result r;
	char path[64], want[96];
	const char *p;
	unsigned long i;

	make_big(nrows, path, sizeof(path));
	limits_default(&lim);
	read_path(path, "big.xlsx", 65536, &lim, &r);
	unlink(path);
	assert_int_equal(r.open_rc, 0);
	assert_int_equal(r.pump_rc, 0);
	assert_string_equal(r.errs, "");
	assert_int_equal(r.done, r.total);
	assert_true(r.pumps > 10);
	p = r.rows;
	for (i = 1; i <= nrows; i++) {
		size_t n = (size_t)snprintf(want, sizeof(want), "%lu:%lu||ligne %lu|%s\n", i + 1, i,
					    i, i % 2 ? "impair" : "pair");

		if (strncmp(p, want, n) != 0)
			fail_msg("row %lu: want %s got %.60s", i, want, p);
		p += n;
	}
	assert_string_equal(p, "");
	result_release(&r);
}

/* ---- broken workbooks ---- */

static void test_not_zip(void **state)
{
	char *path = fixture("notzip.xlsx");
	int err = 0;

	assert_null(zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err));
	assert_int_equal(err, ZIP_ER_NOZIP);
	free(path);
}

static void test_no_sheet(void **state)
{
	struct limits lim;
	char *m = expected_msg("nosheet.xlsx", MSG_XLSX_NO_SHEET);

	limits_default(&lim);
	check_bad("nosheet.xlsx", &lim, 1, "", m);
	free(m);
}

static void test_truncated(void **state)
{
	struct limits lim;
	char *m = expected_msg("truncated.xlsx", MSG_XLSX_BAD_XML, "xl/worksheets/sheet1.xml",
			       4ul, XML_ErrorString(XML_ERROR_UNCLOSED_TOKEN));

	limits_default(&lim);
	check_bad("truncated.xlsx", &lim, 0, "1:un\n2:2\n", m);
	free(m);
}

static void test_bombs(void **state)
{
	struct limits lim;
	char *m = expected_msg("bomb-sheet.xlsx", MSG_XLSX_DTD, "xl/worksheets/sheet1.xml", 2ul);

	limits_default(&lim);
	check_bad("bomb-sheet.xlsx", &lim, 0, "", m);
	free(m);
	m = expected_msg("bomb-sst.xlsx", MSG_XLSX_DTD, "xl/sharedStrings.xml", 2ul);
	check_bad("bomb-sst.xlsx", &lim, 1, "", m);
	free(m);
}

static void test_bad_refs(void **state)
{
	static const char part[] = "xl/worksheets/sheet1.xml";
	struct limits lim;
	char *m;

	limits_default(&lim);
	m = expected_msg("order.xlsx", MSG_XLSX_BAD_REF, part, 4ul, "B2");
	check_bad("order.xlsx", &lim, 0, "1:zéro|un\n", m);
	free(m);
	m = expected_msg("badindex.xlsx", MSG_XLSX_BAD_STRING, part, 4ul, "B2", "2");
	check_bad("badindex.xlsx", &lim, 0, "1:zéro|un\n", m);
	free(m);
	m = expected_msg("rowback.xlsx", MSG_XLSX_BAD_REF, part, 4ul, "2");
	check_bad("rowback.xlsx", &lim, 0, "1:zéro|un\n3:1\n", m);
	free(m);
	m = expected_msg("badcol.xlsx", MSG_XLSX_BAD_REF, part, 4ul, "XFE2");
	check_bad("badcol.xlsx", &lim, 0, "1:zéro|un\n", m);
	free(m);
}

static void test_long_tag(void **state)
{
	struct limits lim;
	char *m;

	/* with the default caps, a 2 MB tag is still read */
	limits_default(&lim);
	{
		struct result r;

		read_fixture("longtag.xlsx", 65536, &lim, &r);
		assert_int_equal(r.pump_rc, 0);
		assert_string_equal(r.rows, "1:zéro|un\n2:1\n");
		result_release(&r);
	}
	lim.max_field = 1000;
	m = expected_msg("longtag.xlsx", MSG_XLSX_TOKEN, "xl/worksheets/sheet1.xml", 4ul,
			 token_cap(&(struct xlsx){ .lim = &lim }));
	check_bad("longtag.xlsx", &lim, 0, "1:zéro|un\n", m);
	free(m);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* A ZIP whose sheet says it holds 100 bytes and inflates to 240: found by the fuzzer. */
static void test_lying_size(void **state)
{
	static const char name[] = "xl/worksheets/sheet1.xml";
	char *path = fixture("fallback.xlsx");
	unsigned char *buf = malloc(4096);
	size_t len, i, patched = 0;
	struct limits lim;
	FILE *fp = fopen(path, "rb");
	char *m;
	zip_error_t ze;

	assert_non_null(fp);
	assert_non_null(buf);
	len = fread(buf, 1, 4096, fp);
	fclose(fp);
	assert_true(len > 100 && len < 4096);
	/* local headers (PK 3 4: size at 22, name at 30) and central ones (PK 1 2: 24, 46) */
	for (i = 0; i + 46 + sizeof(name) - 1 <= len; i++) {
		if (memcmp(buf + i, "PK\003\004", 4) == 0 &&
		    memcmp(buf + i + 30, name, sizeof(name) - 1) == 0) {
			assert_int_equal(get32(buf + i + 22), 240);
			put32(buf + i + 22, 100);
			patched++;
		}
		if (memcmp(buf + i, "PK\001\002", 4) == 0 &&
		    memcmp(buf + i + 46, name, sizeof(name) - 1) == 0) {
			assert_int_equal(get32(buf + i + 24), 240);
			put32(buf + i + 24, 100);
			patched++;
		}
	}
	assert_int_equal(patched, 2);
	zip_error_init_with_code(&ze, ZIP_ER_INCONS);
	m = expected_msg("liar.xlsx", MSG_XLSX_BAD, zip_error_strerror(&ze));
	zip_error_fini(&ze);
	limits_default(&lim);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;
		zip_source_t *src;
		zip_t *za;

		zip_error_init(&ze);
		src = zip_source_buffer_create(buf, len, 0, &ze);
		assert_non_null(src);
		za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
		assert_non_null(za);
		zip_error_fini(&ze);
		read_za(za, "liar.xlsx", chunks[i], &lim, &r);
		assert_int_equal(r.open_rc, 0);
		assert_int_equal(r.pump_rc, -1);
		assert_string_equal(r.rows, "");
		assert_string_equal(r.errs, m);
		assert_int_equal(r.total, 100);
		assert_true(r.done <= 100);
		result_release(&r);
	}
	free(m);
	free(buf);
	free(path);
}

/* ---- caps ---- */

static void test_caps(void **state)
{
	struct limits lim;
	char want[512], *m;
	size_t i;

	/* too many fields: every row is in error at its 4th field */
	limits_default(&lim);
	lim.max_fields = 3;
	snprintf(want, sizeof(want), "1:!%d@4\n2:!%d@4\n3:!%d@4\n4:!%d@4\n",
		 MSG_TOO_MANY_FIELDS, MSG_TOO_MANY_FIELDS, MSG_TOO_MANY_FIELDS,
		 MSG_TOO_MANY_FIELDS);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("forms.xlsx", chunks[i], &lim, &r);
		assert_int_equal(r.pump_rc, 0);
		assert_string_equal(r.rows, want);
		result_release(&r);
	}

	/* fields over 10 bytes, shared ("Heure de début") or not ("45364.390277777777") */
	limits_default(&lim);
	lim.max_field = 10;
	snprintf(want, sizeof(want), "1:!%d@2\n2:!%d@2\n3:!%d@3\n4:!%d@3\n",
		 MSG_FIELD_TOO_LONG, MSG_FIELD_TOO_LONG, MSG_FIELD_TOO_LONG, MSG_FIELD_TOO_LONG);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("forms.xlsx", chunks[i], &lim, &r);
		assert_int_equal(r.pump_rc, 0);
		assert_string_equal(r.rows, want);
		result_release(&r);
	}
	/* inline strings: the question title and the dates are too long; "start" passes */
	snprintf(want, sizeof(want), "1:!%d@3\n2:!%d@1\n3:!%d@1\n",
		 MSG_FIELD_TOO_LONG, MSG_FIELD_TOO_LONG, MSG_FIELD_TOO_LONG);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("kobo.xlsx", chunks[i], &lim, &r);
		assert_string_equal(r.rows, want);
		result_release(&r);
	}
	lim.max_field = 12;   /* "Dupont Marie" fits exactly; "Dupont Mariex" does not */
	snprintf(want, sizeof(want), "1:Nom|Commentaire|Note|Validé|Calcul|Erreur\n2:!%d@5\n"
		 "5:  espaces  |||2.5|0|#DIV/0!\n7:!%d@2\n8:-1.5E-3|en ligne|a\tb\n",
		 MSG_FIELD_TOO_LONG, MSG_FIELD_TOO_LONG);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("excel.xlsx", chunks[i], &lim, &r);
		assert_string_equal(r.rows, want);
		result_release(&r);
	}
	/* "Ligne 1_x000D_\nLigne 2" is 23 bytes as written, 16 once decoded: it fits */
	lim.max_field = 16;
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("excel.xlsx", chunks[i], &lim, &r);
		assert_string_equal(r.rows, excel_rows);
		result_release(&r);
	}
	lim.max_field = 15;
	snprintf(want, sizeof(want), "1:Nom|Commentaire|Note|Validé|Calcul|Erreur\n"
		 "2:Dupont Marie|東京|4|1|Dupont Mariex|#N/A\n"
		 "5:  espaces  |||2.5|0|#DIV/0!\n7:!%d@2\n8:-1.5E-3|en ligne|a\tb\n",
		 MSG_FIELD_TOO_LONG);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("excel.xlsx", chunks[i], &lim, &r);
		assert_string_equal(r.rows, want);
		result_release(&r);
	}

	/* one row at most: the second is the error, and reading stops there */
	limits_default(&lim);
	lim.max_rows = 1;
	snprintf(want, sizeof(want), "1:ID|Heure de début|Heure de fin|Adresse de messagerie|Nom|"
		 "Globalement, êtes-vous satisfait(e) de l'accueil ?|"
		 "Le temps d'attente vous a-t-il paru acceptable ?|"
		 "Avez-vous obtenu une réponse à votre demande ?|"
		 "Quels services avez-vous contactés ?|"
		 "Avez-vous une remarque ou une suggestion ?|"
		 "Globalement, êtes-vous satisfait(e) de l'accueil ?2\n2:!%d@0\n",
		 MSG_TOO_MANY_ROWS);
	for (i = 0; i < NCHUNKS; i++) {
		struct result r;

		read_fixture("forms.xlsx", chunks[i], &lim, &r);
		assert_int_equal(r.open_rc, 0);
		assert_int_equal(r.pump_rc, 0);
		assert_string_equal(r.errs, "");
		assert_string_equal(r.rows, want);
		if (chunks[i] < 1024)
			assert_true(r.done < r.total);
		result_release(&r);
	}

	/* shared strings over 100 bytes */
	limits_default(&lim);
	lim.max_strings = 100;
	m = expected_msg("forms.xlsx", MSG_FILE_TOO_BIG, 100ull);
	check_bad("forms.xlsx", &lim, 1, "", m);
	free(m);

	/* an uncompressed sheet over the file cap (kobo.xlsx has no shared strings) */
	limits_default(&lim);
	lim.max_file = 1619;
	m = expected_msg("kobo.xlsx", MSG_FILE_TOO_BIG, 1619ull);
	check_bad("kobo.xlsx", &lim, 1, "", m);
	free(m);
	lim.max_file = 1620;
	{
		struct result r;

		read_fixture("kobo.xlsx", 7, &lim, &r);
		assert_int_equal(r.open_rc, 0);
		assert_int_equal(r.pump_rc, 0);
		result_release(&r);
	}
}

/* ---- internal helpers ---- */

static void test_resolve(void **state)
{
	char out[PART_MAX];

	assert_int_equal(part_resolve("worksheets/sheet1.xml", out, sizeof(out)), 0);
	assert_string_equal(out, "xl/worksheets/sheet1.xml");
	assert_int_equal(part_resolve("/xl/worksheets/sheet1.xml", out, sizeof(out)), 0);
	assert_string_equal(out, "xl/worksheets/sheet1.xml");
	assert_int_equal(part_resolve("./worksheets//sheet2.xml", out, sizeof(out)), 0);
	assert_string_equal(out, "xl/worksheets/sheet2.xml");
	assert_int_equal(part_resolve("../xl/worksheets/../feuilles/f.xml", out, sizeof(out)), 0);
	assert_string_equal(out, "xl/feuilles/f.xml");
	assert_int_equal(part_resolve("../../etc/passwd", out, sizeof(out)), -1);
	assert_int_equal(part_resolve("/", out, sizeof(out)), -1);
	assert_int_equal(part_resolve("worksheets/", out, sizeof(out)), -1);
	assert_int_equal(part_resolve("sheet.xml", out, 8), -1);
}

static void test_ref_col(void **state)
{
	size_t c = 99;

	assert_int_equal(ref_col("A1", &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(ref_col("Z9", &c), 0);
	assert_int_equal(c, 25);
	assert_int_equal(ref_col("AA10", &c), 0);
	assert_int_equal(c, 26);
	assert_int_equal(ref_col("XFD1048576", &c), 0);
	assert_int_equal(c, 16383);
	assert_int_equal(ref_col("XFE1", &c), -1);
	assert_int_equal(ref_col("AAAA1", &c), -1);
	assert_int_equal(ref_col("a1", &c), -1);
	assert_int_equal(ref_col("A", &c), -1);
	assert_int_equal(ref_col("A0", &c), -1);
	assert_int_equal(ref_col("A1B", &c), -1);
	assert_int_equal(ref_col("", &c), -1);
	assert_int_equal(parse_row("1"), 1);
	assert_int_equal(parse_row("1048576"), 1048576);
	assert_int_equal(parse_row("0"), -1);
	assert_int_equal(parse_row("12a"), -1);
	assert_int_equal(parse_row("99999999999999999999"), -1);
}

static void test_xstring(void **state)
{
	char s[64];
	size_t n;

	snprintf(s, sizeof(s), "a_x000D__x000A_b_x00E9__x20AC_");
	n = xstring_decode(s, strlen(s));
	assert_int_equal(n, 9);
	assert_memory_equal(s, "a\r\nb\xc3\xa9\xe2\x82\xac", 9);
	snprintf(s, sizeof(s), "_x005F_x0041_|_x0000_|_xD800_|_x12G4_|_x004");
	n = xstring_decode(s, strlen(s));
	s[n] = '\0';
	assert_string_equal(s, "_x0041_|_x0000_|_xD800_|_x12G4_|_x004");
}

static void test_copy_arg(void **state)
{
	char s[6];

	copy_arg(s, sizeof(s), "abc");
	assert_string_equal(s, "abc");
	copy_arg(s, sizeof(s), "abcdé");      /* 6 bytes: é would be cut in two */
	assert_string_equal(s, "abcd");
	copy_arg(s, sizeof(s), "abcéf");
	assert_string_equal(s, "abcé");
	copy_arg(s, sizeof(s), NULL);
	assert_string_equal(s, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_excel),
		cmocka_unit_test(test_kobo),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_not_zip),
		cmocka_unit_test(test_no_sheet),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bombs),
		cmocka_unit_test(test_bad_refs),
		cmocka_unit_test(test_long_tag),
		cmocka_unit_test(test_lying_size),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_ref_col),
		cmocka_unit_test(test_xstring),
		cmocka_unit_test(test_copy_arg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

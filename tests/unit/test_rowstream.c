/* test_rowstream.c: the row stream over real bytes: every chunk size from one byte to the whole
 * input, multi-line quoted fields and their line numbers, each encoding, delimiter sniffing,
 * ZIP containers, and the caps on field length, row width and row count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "rowstream.h"

/* Reads every row of data into "line|f1|f2\n..." (fields joined by '|'); returns the stream's
 * verdict in *status (0 = end reached, -1 = stopped) and the problems printed in *errors. */
static char *read_all(const void *data, size_t size, size_t chunk, const struct limits *lim,
                      int *status, char **errors, struct rowstream **keep)
{
	struct rowstream_opts o;
	struct rowstream *rs;
	const struct row *row;
	struct diag d;
	char *out = NULL, *err = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *mem = open_memstream(&out, &outlen);
	FILE *errf = open_memstream(&err, &errlen);
	int r;
	size_t i;

	rowstream_opts_default(&o);
	o.chunk = chunk;
	if (lim)
		o.lim = *lim;
	diag_init(&d, "t.csv", errf);
	*status = -2;
	if (rowstream_open_mem(&rs, data, size, &o, &d) == 0) {
		while ((r = rowstream_next(rs, &row, &d)) == 1) {
			fprintf(mem, "%ld", row->line);
			for (i = 0; i < row->n; i++)
				fprintf(mem, "|%s", row->f[i]);
			fputc('\n', mem);
		}
		*status = r;
		if (keep)
			*keep = rs;
		else
			rowstream_free(rs);
	}
	fclose(mem);
	fclose(errf);
	*errors = err;
	return out;
}

static void expect_rows(const char *data, size_t size, const char *expected)
{
	size_t chunk;
	int status;
	char *errors;

	for (chunk = 1; chunk <= size + 1; chunk++) {
		char *got = read_all(data, size, chunk, NULL, &status, &errors, NULL);

		if (strcmp(got, expected) != 0 || status != 0) {
			fprintf(stderr, "chunk %zu: status %d\ngot:\n%s\nexpected:\n%s\nerrors: %s\n",
			        chunk, status, got, expected, errors);
			fail();
		}
		free(got);
		free(errors);
	}
}

static void test_semicolon_crlf_and_blank_tail(void **state)
{
	const char data[] = "site;du;au\r\nHDV;01/03/2025;31/03/2025\r\nCCAS;;x\r\n\r\n\r\n";

	(void)state;
	expect_rows(data, sizeof(data) - 1,
	            "1|site|du|au\n2|HDV|01/03/2025|31/03/2025\n3|CCAS||x\n");
}

static void test_multiline_quoted_fields_keep_their_start_line(void **state)
{
	const char data[] = "\"id\",\"comment\",\"n\"\n"
	                    "\"1\",\"two\nlines\",\"3\"\n"
	                    "\"2\",\"a \"\"quoted\"\" word\",\"4\"\n"
	                    "\n"
	                    "\"3\",\"x\r\ny\r\nz\",\"5\"\n";

	(void)state;
	expect_rows(data, sizeof(data) - 1,
	            "1|id|comment|n\n2|1|two\nlines|3\n4|2|a \"quoted\" word|4\n"
	            "6|3|x\r\ny\r\nz|5\n");
}

static void test_tab_and_comma_sniffed(void **state)
{
	const char tab[] = "Serial\tSID\tcomment, with comma\n1\t2\ta,b\n";
	const char comma[] = "id,submitdate,\"SATISF; GLOBALE\"\n1,2025-03-01,1\n";

	(void)state;
	expect_rows(tab, sizeof(tab) - 1, "1|Serial|SID|comment, with comma\n2|1|2|a,b\n");
	expect_rows(comma, sizeof(comma) - 1, "1|id|submitdate|SATISF; GLOBALE\n2|1|2025-03-01|1\n");
}

static void test_windows_1252(void **state)
{
	const char data[] = "reponse;nombre\r\nTr\xe8s satisfait;41\r\nPlut\xf4t satisfait;17\r\n";
	struct rowstream *rs = NULL;
	int status;
	char *errors;
	char *got;

	(void)state;
	expect_rows(data, sizeof(data) - 1,
	            "1|reponse|nombre\n2|Très satisfait|41\n3|Plutôt satisfait|17\n");
	got = read_all(data, sizeof(data) - 1, 0, NULL, &status, &errors, &rs);
	assert_non_null(rs);
	assert_string_equal(rowstream_encoding(rs), "Windows-1252");
	assert_string_equal(rowstream_delimiter_name(rs), "point-virgule");
	rowstream_free(rs);
	free(got);
	free(errors);
}

static void test_windows_1252_every_byte_converts(void **state)
{
	/* 0x81 is undefined in Windows-1252: kept as U+0081, whatever the chunk size; 0x80 is € */
	const char data[] = "a;b\r\n\x81;\x80 \x9c\r\n";

	(void)state;
	expect_rows(data, sizeof(data) - 1, "1|a|b\n2|\xc2\x81|\xe2\x82\xac \xc5\x93\n");
}

static void test_utf8_bom(void **state)
{
	const char data[] = "\xef\xbb\xbf\"id\";\"Q\"\r\n\"1\";\"Très\"\r\n";
	struct rowstream *rs = NULL;
	int status;
	char *errors;
	char *got;

	(void)state;
	expect_rows(data, sizeof(data) - 1, "1|id|Q\n2|1|Très\n");
	got = read_all(data, sizeof(data) - 1, 0, NULL, &status, &errors, &rs);
	assert_string_equal(rowstream_encoding(rs), "UTF-8 avec BOM");
	rowstream_free(rs);
	free(got);
	free(errors);
}

static void test_utf16le(void **state)
{
	/* "a\tb\r\né\tc\r\n" in UTF-16LE with its BOM */
	const char data[] = "\xff\xfe" "a\0\t\0b\0\r\0\n\0" "\xe9\0\t\0c\0\r\0\n\0";
	struct rowstream *rs = NULL;
	int status;
	char *errors;
	char *got;

	(void)state;
	expect_rows(data, sizeof(data) - 1, "1|a|b\n2|é|c\n");
	got = read_all(data, sizeof(data) - 1, 0, NULL, &status, &errors, &rs);
	assert_string_equal(rowstream_encoding(rs), "UTF-16LE");
	assert_string_equal(rowstream_delimiter_name(rs), "tabulation");
	rowstream_free(rs);
	free(got);
	free(errors);
}

static void test_bom_then_windows_1252_is_refused(void **state)
{
	const char data[] = "\xef\xbb\xbfq;n\r\nok;1\r\nTr\xe8s;2\r\n";
	int status;
	char *errors;
	char *got;

	(void)state;
	got = read_all(data, sizeof(data) - 1, 0, NULL, &status, &errors, NULL);
	assert_int_equal(status, -1);
	assert_non_null(strstr(errors, "t.csv:3: le texte n'est pas en UTF-8 valide"));
	free(got);
	free(errors);
}

static void test_unterminated_quote(void **state)
{
	const char data[] = "a;b\n1;\"open\n2;3\n";
	size_t chunk;

	(void)state;
	for (chunk = 1; chunk <= sizeof(data); chunk++) {
		int status;
		char *errors;
		char *got = read_all(data, sizeof(data) - 1, chunk, NULL, &status, &errors, NULL);

		assert_int_equal(status, -1);
		assert_non_null(strstr(errors, "t.csv:2:2: un guillemet ouvert ici n'est jamais refermé"));
		free(got);
		free(errors);
	}
}

static void test_caps(void **state)
{
	struct limits lim;
	char *big = malloc(5000);
	int status;
	char *errors;
	char *got;

	(void)state;
	limits_default(&lim);
	lim.max_field = 100;
	lim.max_fields = 3;
	/* a field over the cap, in the middle of an unquoted row: reported, the next row still read */
	memset(big, 'x', 5000);
	memcpy(big, "a;b\n1;", 6);
	memcpy(big + 200, "\n2;3\n", 5);
	got = read_all(big, 205, 7, &lim, &status, &errors, NULL);
	assert_non_null(strstr(errors, "t.csv:2:2: cette cellule dépasse la taille maximale (100 octets)"));
	assert_non_null(strstr(got, "3|2|3\n"));
	free(got);
	free(errors);
	/* too many fields */
	got = read_all("a;b;c;d;e\n1;2\n", 14, 0, &lim, &status, &errors, NULL);
	assert_non_null(strstr(errors, "t.csv:1:4: cette ligne a plus de 3 colonnes"));
	assert_string_equal(got, "2|1|2\n");
	free(got);
	free(errors);
	/* too many rows: stops */
	lim.max_rows = 2;
	got = read_all("a\nb\nc\nd\n", 8, 0, &lim, &status, &errors, NULL);
	assert_int_equal(status, -1);
	assert_string_equal(got, "1|a\n2|b\n");
	assert_non_null(strstr(errors, "t.csv:3: le fichier dépasse le nombre maximal de lignes (2)"));
	free(got);
	free(errors);
	free(big);
}

static void test_empty_and_binary(void **state)
{
	int status;
	char *errors;
	char *got;

	(void)state;
	got = read_all("", 0, 0, NULL, &status, &errors, NULL);
	assert_int_equal(status, -2);
	assert_non_null(strstr(errors, "t.csv: le fichier est vide"));
	free(got);
	free(errors);
	got = read_all("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, 0, NULL, &status, &errors, NULL);
	assert_int_equal(status, -2);
	assert_non_null(strstr(errors, "t.csv:3: ce fichier n'est pas un tableau"));
	free(got);
	free(errors);
}

static void test_zip_holding_one_csv(void **state)
{
	const char csv[] = "\"Horodateur\",\"Q\"\n\"2024/03/12 10:16:41 AM UTC+1\",\"Oui\"\n";
	zip_error_t ze;
	zip_source_t *src, *file;
	zip_t *za;
	void *data;
	zip_int64_t size;
	int status;
	char *errors;
	char *got;
	struct rowstream *rs = NULL;

	(void)state;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	file = zip_source_buffer(za, csv, sizeof(csv) - 1, 0);
	assert_true(zip_file_add(za, "Enquête (réponses).csv", file, ZIP_FL_ENC_UTF_8) >= 0);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	size = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	data = malloc((size_t)size);
	assert_int_equal(zip_source_read(src, data, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	got = read_all(data, (size_t)size, 0, NULL, &status, &errors, &rs);
	assert_int_equal(status, 0);
	assert_string_equal(got, "1|Horodateur|Q\n2|2024/03/12 10:16:41 AM UTC+1|Oui\n");
	assert_int_equal(rowstream_container(rs), RS_ZIP_CSV);
	assert_int_equal(strlen(rowstream_sha256(rs)), 64);
	rowstream_free(rs);
	free(got);
	free(errors);
	/* the same archive cut short */
	got = read_all(data, (size_t)size - 30, 0, NULL, &status, &errors, NULL);
	assert_int_equal(status, -2);
	assert_non_null(strstr(errors, "l'archive ZIP est illisible"));
	free(got);
	free(errors);
	free(data);
	zip_error_fini(&ze);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semicolon_crlf_and_blank_tail),
		cmocka_unit_test(test_multiline_quoted_fields_keep_their_start_line),
		cmocka_unit_test(test_tab_and_comma_sniffed),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_windows_1252_every_byte_converts),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_bom_then_windows_1252_is_refused),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_empty_and_binary),
		cmocka_unit_test(test_zip_holding_one_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

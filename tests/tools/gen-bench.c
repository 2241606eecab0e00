/* gen-bench.c: writes synthetic exports of the reference questionnaire (flash-2025) holding a
 * given number of answers, in each collector's format, for the benchmarks; and the same answers
 * already normalised (response and answer rows) for the psql \copy baseline.
 * Deterministic: the same arguments give the same bytes.
 *
 * Usage: gen-bench FORMAT ANSWERS OUT [FIRST_ID]
 *   FIRST_ID (default 1): the first response id of limesurvey and sdaps files, so that several
 *   files hold different responses (the reliability tests import many).
 *   FORMAT: limesurvey | tally | sdaps | google-forms (ZIP) | ms-forms (XLSX) | kobo |
 *           framaforms | asterisk
 * The shapes follow samples/: sdaps as samples/paper/sdaps-data_1.csv (with sdaps-map.yaml),
 * asterisk as samples/phone/Master.csv (with asterisk-map.yaml), google-forms as the ZIP of
 * samples/online/google-forms-2025.zip, ms-forms as samples/online/ms-forms-2025.xlsx (shared
 * strings, Excel date serials). Big outputs are written through a temporary file.
 *   gen-bench baseline ANSWERS OUTPREFIX ORG SURVEY BATCH CHANNEL FIRST_ID QID1,QID2,...
 *     writes OUTPREFIX.response and OUTPREFIX.answer (COPY text format), as limesurvey would
 *     produce them once normalised. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

static const char *const questions[] = {
	"SATISF_GLOBALE", "ACCESSIBILITE", "ATTENTE", "COURTOISIE", "REPONSE", "ORIENTATION",
};
#define NQ 6

static const char *const labels4[] = {
	"Très satisfait", "Plutôt satisfait", "Plutôt pas satisfait", "Pas du tout satisfait",
};
static const char *const wordings[] = {
	"Globalement, êtes-vous satisfait(e) de l’accueil ?",
	"Avez-vous trouvé facilement le service (lieu, horaires, site internet) ?",
	"Le temps d’attente vous a-t-il paru acceptable ?",
	"L’agent a-t-il été aimable et à votre écoute ?",
	"Avez-vous obtenu une réponse à votre demande ?",
	"Vous a-t-on orienté(e) vers le bon interlocuteur ?",
};
static const char *const sites[] = { "HDV", "CCAS", "MEDIA", "EDF", "PM" };

static uint64_t rng = 88172645463325252ull;
static long first_id = 1;

static unsigned next_rand(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* An option code for question q, skewed towards satisfaction like real data. */
static int answer_code(int q)
{
	unsigned r = next_rand(100);

	if (q == 4)   /* REPONSE: 1 Oui, 2 En partie, 3 Non */
		return r < 72 ? 1 : r < 90 ? 2 : 3;
	if (q == 5)   /* ORIENTATION */
		return r < 86 ? 1 : 2;
	return r < 45 ? 1 : r < 85 ? 2 : r < 94 ? 3 : r < 98 ? 4 : 9;
}

/* The label shown for option code of question q (as Google and Microsoft Forms export them). */
static const char *label_of(int q, int code)
{
	static const char *const reponse[] = { "Oui", "En partie", "Non" };
	static const char *const yesno[] = { "Oui", "Non" };

	if (q == 4)
		return reponse[code - 1];
	if (q == 5)
		return yesno[code - 1];
	return code == 9 ? "Sans avis" : labels4[code - 1];
}

static void day_of(long i, long n, int *month, int *day)
{
	long d = n > 0 ? (i * 360) / n : 0;

	*month = (int)(d / 30) + 1;
	*day = (int)(d % 30) + 1;
	if (*month == 2 && *day > 28)
		*day = 28;
}

static int gen_limesurvey(FILE *f, long answers)
{
	long n = answers / NQ, i;
	int q;

	fputs("\xef\xbb\xbf\"id\",\"submitdate\",\"lastpage\",\"startlanguage\",\"seed\","
	      "\"startdate\",\"datestamp\"", f);
	for (q = 0; q < NQ; q++)
		fprintf(f, ",\"%s\"", questions[q]);
	fputs("\r\n", f);
	for (i = 0; i < n; i++) {
		int m, d;

		day_of(i, n, &m, &d);
		fprintf(f, "\"%ld\",\"2025-%02d-%02d 10:%02ld:00\",\"2\",\"fr\",\"%ld\","
		        "\"2025-%02d-%02d 10:00:00\",\"2025-%02d-%02d 10:%02ld:00\"",
		        first_id + i, m, d, i % 60, 100000 + i, m, d, m, d, i % 60);
		for (q = 0; q < NQ; q++)
			fprintf(f, ",\"%d\"", answer_code(q));
		fputs("\r\n", f);
	}
	return 0;
}

/* Tally rows: one per day, site, channel, question and answer (never twice the same, which the
 * tally adapter rejects), each counting a few forms; the counts grow with the size so that the
 * rows fit in the year (375 rows a day for each channel). */
static int gen_tally(FILE *f, long answers)
{
	static const char *const channels[] = { "guichet", "telephone", "courrier", "courriel",
	                                        "reseaux_sociaux", "en_ligne" };
	static const int noptions[NQ] = { 5, 5, 5, 5, 3, 2 };
	long done = 0, per_row = answers / (360L * 6 * 5 * 25) + 10;
	int day = 0, c, s, q, o;

	fputs("site;du;au;canal;question;reponse;nombre\r\n", f);
	for (day = 0; day < 360 && done < answers; day++) {
		int m = day / 30 + 1, d = day % 30 + 1;

		if (m == 2 && d > 28)
			continue;
		for (c = 0; c < 6 && done < answers; c++)
			for (s = 0; s < 5 && done < answers; s++)
				for (q = 0; q < NQ && done < answers; q++)
					for (o = 0; o < noptions[q] && done < answers; o++) {
						int code = q < 4 && o == 4 ? 9 : o + 1;
						long count = 1 + (long)next_rand((unsigned)(2 * per_row - 1));

						if (count > answers - done)
							count = answers - done;
						fprintf(f, "%s;%02d/%02d/2025;%02d/%02d/2025;%s;%s;%s;%ld\r\n",
						        sites[s], d, m, d, m, channels[c], questions[q],
						        label_of(q, code), count);
						done += count;
					}
	}
	return 0;
}

/* Asterisk Master.csv: no header; two questions per answered call (keys ENQ_Q1, ENQ_Q2). */
static int gen_asterisk(FILE *f, long answers)
{
	long n = answers / 2, i;

	for (i = 0; i < n; i++) {
		int m, d, a1 = answer_code(0), a2 = answer_code(4);

		day_of(i, n, &m, &d);
		if (a1 == 9)
			a1 = 4;
		fprintf(f, "\"\",\"06%08ld\",\"3000\",\"enquete-hdv\",\"\"\"Usager\"\" <06%08ld>\","
		        "\"PJSIP/trunk-%08lx\",\"\",\"Hangup\",\"\",\"2025-%02d-%02d 09:%02ld:%02ld\","
		        "\"2025-%02d-%02d 09:%02ld:%02ld\",\"2025-%02d-%02d 09:%02ld:%02ld\",95,90,"
		        "\"ANSWERED\",\"DOCUMENTATION\",\"%ld.%ld\",\"ENQ_Q1:%d;ENQ_Q2:%d\"\n",
		        i, i, i, m, d, i % 60, i % 50, m, d, i % 60, i % 50 + 2, m, d, i % 60,
		        i % 50 + 9, 1700000000 + i, i % 7, a1, a2);
	}
	return 0;
}

static int gen_kobo(FILE *f, long answers)
{
	long n = answers / NQ, i;
	int q;

	fputs("\"start\";\"end\"", f);
	for (q = 0; q < NQ; q++)
		fprintf(f, ";\"%s\"", questions[q]);
	fputs(";\"_id\";\"_uuid\";\"_submission_time\";\"_validation_status\";\"_notes\";"
	      "\"_status\";\"_submitted_by\";\"__version__\";\"_tags\";\"_index\"\r\n", f);
	for (i = 0; i < n; i++) {
		int m, d;

		day_of(i, n, &m, &d);
		fprintf(f, "\"2025-%02d-%02dT10:00:00.000+01:00\";\"2025-%02d-%02dT10:05:00.000+01:00\"",
		        m, d, m, d);
		for (q = 0; q < NQ; q++)
			fprintf(f, ";\"%d\"", answer_code(q));
		fprintf(f, ";\"%ld\";\"8c5e%08lx-0000-4000-8000-%012ld\";\"2025-%02d-%02dT09:05:00\";"
		        "\"\";\"\";\"submitted_via_web\";\"\";\"vBench\";\"\";\"%ld\"\r\n",
		        i + 1, i, i, m, d, i + 1);
	}
	return 0;
}

static int gen_framaforms(FILE *f, long answers)
{
	long n = answers / NQ, i;
	int q;

	fputs("\"Enquête de satisfaction 2025\"\n\"Submission Details\"", f);
	for (q = 0; q < 9 + NQ - 1; q++)
		fputs("\t\"\"", f);
	fputs("\n\"Serial\"\t\"SID\"\t\"Submitted Time\"\t\"Completed Time\"\t\"Modified Time\""
	      "\t\"Draft\"\t\"IP Address\"\t\"UID\"\t\"Username\"", f);
	for (q = 0; q < NQ; q++)
		fprintf(f, "\t\"%s\"", questions[q]);
	fputs("\n", f);
	for (i = 0; i < n; i++) {
		int m, d;

		day_of(i, n, &m, &d);
		fprintf(f, "\"%ld\"\t\"%ld\"\t\"%02d/%02d/2025 - 10:16\"\t\"%02d/%02d/2025 - 10:16\""
		        "\t\"%02d/%02d/2025 - 10:16\"\t\"0\"\t\"192.0.2.%ld\"\t\"0\"\t\"Anonyme\"",
		        i + 1, 5000 + i, d, m, d, m, d, m, i % 250);
		for (q = 0; q < NQ; q++)
			fprintf(f, "\t\"%d\"", answer_code(q));
		fputs("\n", f);
	}
	return 0;
}

/* SDAPS data_1.csv: one row per sheet; per question a value column (box number, or NA) and
 * one 0/1 column per box; review columns empty; 3_1_1 the transcribed comment. */
static int gen_sdaps(FILE *f, long answers)
{
	static const char *const pos[NQ] = { "1_1", "1_2", "1_3", "1_4", "2_1", "2_2" };
	static const int boxes[NQ] = { 5, 5, 5, 5, 3, 2 };
	long n = answers / NQ, i;
	int q, b;

	fputs("questionnaire_id,global_id,empty,valid,recognized,review,verified,1_review", f);
	for (q = 0; q < NQ; q++) {
		if (q == 4)
			fputs(",2_review", f);
		fprintf(f, ",%s_review,%s", pos[q], pos[q]);
		for (b = 1; b <= boxes[q]; b++)
			fprintf(f, ",%s_%d", pos[q], b);
	}
	fputs(",3_review,3_1_review,3_1_1\n", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%ld,ENQ2025,0,1,1,,0,", 100000 + first_id + i);
		for (q = 0; q < NQ; q++) {
			int code = answer_code(q), box = code == 9 ? 5 : code;

			if (q == 4)
				fputc(',', f);
			fprintf(f, ",,%d", box);
			for (b = 1; b <= boxes[q]; b++)
				fprintf(f, ",%d", b == box);
		}
		fputs(",,,0\n", f);
	}
	return 0;
}

/* "2025/03/12 10:16:41 AM UTC+1", a distinct second for every row. */
static void google_time(long i, long n, char *out, size_t size)
{
	long span = 360L * 86400, t = n > 0 ? (long)((double)i * (double)span / (double)n) : 0;
	int month, day, h, m, sec;

	month = (int)(t / (30L * 86400)) + 1;
	day = (int)((t / 86400) % 30) + 1;
	if (month == 2 && day > 28)
		day = 28;
	h = (int)((t / 3600) % 24);
	m = (int)((t / 60) % 60);
	sec = (int)(t % 60);
	snprintf(out, size, "2025/%02d/%02d %02d:%02d:%02d %s UTC+1", month, day,
	         h % 12 == 0 ? 12 : h % 12, m, sec, h < 12 ? "AM" : "PM");
}

static int gen_google_csv(FILE *f, long answers)
{
	long n = answers / NQ, i;
	int q;

	fputs("\"Horodateur\",\"Adresse e-mail\"", f);
	for (q = 0; q < NQ; q++)
		fprintf(f, ",\"%s\"", wordings[q]);
	fputs(",\"Avez-vous une remarque ou une suggestion ?\"\n", f);
	for (i = 0; i < n; i++) {
		char ts[64];

		google_time(i, n, ts, sizeof(ts));
		fprintf(f, "\"%s\",\"usager%ld@exemple-courriel.fr\"", ts, i);
		for (q = 0; q < NQ; q++)
			fprintf(f, ",\"%s\"", label_of(q, answer_code(q)));
		fputs(",\"\"\n", f);
	}
	return 0;
}

static const char *const xlsx_parts[][2] = {
	{ "[Content_Types].xml",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
	  "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	  "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
	  "officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/"
	  "sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml."
	  "worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
	  "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/><Override "
	  "PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	  "spreadsheetml.styles+xml\"/></Types>" },
	{ "_rels/.rels",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	  "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" },
	{ "xl/workbook.xml",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
	  "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
	{ "xl/_rels/workbook.xml.rels",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	  "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
	  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
	  "Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas."
	  "openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	  "</Relationships>" },
	{ "xl/styles.xml",
	  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts "
	  "count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm:ss\"/></numFmts>"
	  "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills "
	  "count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills><borders count=\"1\">"
	  "<border/></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
	  "borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" "
	  "fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" "
	  "borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>" },
};

/* Shared strings of the ms-forms sheet: 0..5 the header, then the labels (see ms_string). */
static const char *const ms_header[] = {
	"ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
	"Heure de la dernière modification",
};
#define MS_FIXED 6

static int ms_string(int q, int code)
{
	/* labels4 + "Sans avis" (5 strings), then Oui, En partie, Non; ORIENTATION reuses Oui, Non */
	if (q == 4)
		return MS_FIXED + NQ + 5 + code - 1;
	if (q == 5)
		return MS_FIXED + NQ + 5 + (code == 1 ? 0 : 2);
	return MS_FIXED + NQ + (code == 9 ? 4 : code - 1);
}

static void col_name(int c, char *out)
{
	out[0] = (char)('A' + c);
	out[1] = '\0';
}

static int gen_ms_sheet(FILE *f, long answers)
{
	long n = answers / NQ, i;
	int c;
	char col[2];

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns="
	      "\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas."
	      "openxmlformats.org/officeDocument/2006/relationships\"><sheetData><row r=\"1\">", f);
	for (c = 0; c < MS_FIXED + NQ; c++) {
		col_name(c, col);
		fprintf(f, "<c r=\"%s1\" t=\"s\"><v>%d</v></c>", col, c);
	}
	fputs("</row>", f);
	for (i = 0; i < n; i++) {
		long r = i + 2;
		/* 45658 = 1 January 2025; a distinct minute per row, within the year */
		double start = 45658.0 + (double)i * 359.0 / (double)(n > 0 ? n : 1);
		int q;

		fprintf(f, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c r=\"B%ld\" s=\"1\"><v>%.10f</v>"
		        "</c><c r=\"C%ld\" s=\"1\"><v>%.10f</v></c><c r=\"D%ld\" t=\"s\"><v>%d</v></c>",
		        r, r, i + 1, r, start, r, start + 0.005, r, MS_FIXED + NQ + 8);
		for (q = 0; q < NQ; q++) {
			col_name(MS_FIXED + q, col);
			fprintf(f, "<c r=\"%s%ld\" t=\"s\"><v>%d</v></c>", col, r,
			        ms_string(q, answer_code(q)));
		}
		fputs("</row>", f);
	}
	fputs("</sheetData></worksheet>", f);
	return 0;
}

static int gen_ms_strings(FILE *f, long answers)
{
	static const char *const more[] = { "Oui", "En partie", "Non", "anonymous" };
	int i, total = MS_FIXED + NQ + 5 + 4;

	(void)answers;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns="
	        "\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"%d\" "
	        "uniqueCount=\"%d\">", total, total);
	for (i = 0; i < MS_FIXED; i++)
		fprintf(f, "<si><t xml:space=\"preserve\">%s</t></si>", ms_header[i]);
	for (i = 0; i < NQ; i++)
		fprintf(f, "<si><t xml:space=\"preserve\">%s</t></si>", wordings[i]);
	for (i = 0; i < 4; i++)
		fprintf(f, "<si><t>%s</t></si>", labels4[i]);
	fputs("<si><t>Sans avis</t></si>", f);
	for (i = 0; i < 4; i++)
		fprintf(f, "<si><t>%s</t></si>", more[i]);
	fputs("</sst>", f);
	return 0;
}

/* Writes gen's output to a temporary file beside out and adds it to the archive as name. */
static int zip_add_generated(zip_t *za, const char *name, const char *out, int n,
                             int (*gen)(FILE *, long), long answers, char tmp[][4200])
{
	zip_source_t *src;
	FILE *f;
	zip_int64_t idx;

	snprintf(tmp[n], 4200, "%s.part%d", out, n);
	f = fopen(tmp[n], "w");
	if (!f || gen(f, answers) != 0) {
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f) != 0)
		return -1;
	src = zip_source_file(za, tmp[n], 0, -1);
	if (!src)
		return -1;
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	zip_file_set_mtime(za, (zip_uint64_t)idx, 1751277600, 0);   /* fixed: deterministic bytes */
	return 0;
}

/* A ZIP (Google Forms: one CSV) or an XLSX (ms-forms) at out, through out.tmp. */
static int gen_archive(const char *format, long answers, const char *out)
{
	char tmpzip[4200], parts[3][4200];
	zip_t *za;
	int err = 0, ret = -1, nparts = 0, i;
	size_t k;

	memset(parts, 0, sizeof(parts));
	snprintf(tmpzip, sizeof(tmpzip), "%s.tmp", out);
	unlink(tmpzip);
	za = zip_open(tmpzip, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!za) {
		fprintf(stderr, "gen-bench: %s: cannot create the archive (libzip error %d)\n", tmpzip,
		        err);
		return 1;
	}
	if (strcmp(format, "google-forms") == 0) {
		if (zip_add_generated(za, "Enquête flash 2025 (réponses).csv", out, nparts++,
		                      gen_google_csv, answers, parts) < 0)
			goto out;
	} else {
		for (k = 0; k < sizeof(xlsx_parts) / sizeof(xlsx_parts[0]); k++) {
			zip_source_t *src = zip_source_buffer(za, xlsx_parts[k][1],
			                                      strlen(xlsx_parts[k][1]), 0);
			zip_int64_t idx;

			if (!src)
				goto out;
			idx = zip_file_add(za, xlsx_parts[k][0], src, 0);
			if (idx < 0) {
				zip_source_free(src);
				goto out;
			}
			zip_file_set_mtime(za, (zip_uint64_t)idx, 1751277600, 0);
		}
		if (zip_add_generated(za, "xl/worksheets/sheet1.xml", out, nparts++, gen_ms_sheet,
		                      answers, parts) < 0 ||
		    zip_add_generated(za, "xl/sharedStrings.xml", out, nparts++, gen_ms_strings,
		                      answers, parts) < 0)
			goto out;
	}
	if (zip_close(za) < 0) {
		fprintf(stderr, "gen-bench: %s: %s\n", tmpzip, zip_strerror(za));
		zip_discard(za);
		za = NULL;
		goto out_files;
	}
	za = NULL;
	if (rename(tmpzip, out) != 0) {
		perror(out);
		goto out_files;
	}
	ret = 0;
	goto out_files;
out:
	fprintf(stderr, "gen-bench: %s: %s\n", out, za ? zip_strerror(za) : "error");
	zip_discard(za);
out_files:
	for (i = 0; i < nparts; i++)
		unlink(parts[i]);
	if (ret != 0)
		unlink(tmpzip);
	return ret == 0 ? 0 : 1;
}

/* The rows batch_merge would write for gen_limesurvey's file, for the COPY baseline. */
static int gen_baseline(long answers, const char *prefix, char **argv)
{
	char path[4096];
	FILE *r, *a;
	long n = answers / NQ, i, first = strtol(argv[4], NULL, 10);
	int qid[NQ], q;
	char *p = argv[5], *end;

	for (q = 0; q < NQ; q++) {
		qid[q] = (int)strtol(p, &end, 10);
		p = *end ? end + 1 : end;
	}
	snprintf(path, sizeof(path), "%s.response", prefix);
	r = fopen(path, "w");
	snprintf(path, sizeof(path), "%s.answer", prefix);
	a = fopen(path, "w");
	if (!r || !a) {
		perror("gen-bench");
		return 1;
	}
	for (i = 0; i < n; i++) {
		int m, d;

		day_of(i, n, &m, &d);
		fprintf(r, "%s\t%ld\t%s\t%s\t\\N\t%s\t\\N\t2025-%02d-%02d\tusager\tlimesurvey\t%ld\n",
		        argv[0], first + i, argv[1], argv[2], argv[3], m, d, i + 1);
		for (q = 0; q < NQ; q++)
			fprintf(a, "%s\t%ld\t%d\t%d\n", argv[0], first + i, qid[q], answer_code(q));
	}
	fclose(r);
	fclose(a);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*gen)(FILE *, long);
	} formats[] = {
		{ "limesurvey", gen_limesurvey }, { "tally", gen_tally },
		{ "asterisk", gen_asterisk }, { "kobo", gen_kobo }, { "framaforms", gen_framaforms },
		{ "sdaps", gen_sdaps },
	};
	long answers;
	size_t i;
	FILE *f;
	int r;

	if (argc < 4) {
		fprintf(stderr, "usage: gen-bench FORMAT ANSWERS OUT | baseline ANSWERS PREFIX ORG "
		        "SURVEY BATCH CHANNEL FIRST_ID QIDS\n");
		return 2;
	}
	answers = strtol(argv[2], NULL, 10);
	if (argc > 4 && strcmp(argv[1], "baseline") != 0)
		first_id = strtol(argv[4], NULL, 10);
	if (strcmp(argv[1], "baseline") == 0)
		return argc == 10 ? gen_baseline(answers, argv[3], argv + 4) : 2;
	if (strcmp(argv[1], "google-forms") == 0 || strcmp(argv[1], "ms-forms") == 0)
		return gen_archive(argv[1], answers, argv[3]);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(formats[i].name, argv[1]) != 0)
			continue;
		f = fopen(argv[3], "w");
		if (!f) {
			perror(argv[3]);
			return 1;
		}
		r = formats[i].gen(f, answers);
		if (fclose(f) != 0)
			r = 1;
		return r;
	}
	fprintf(stderr, "gen-bench: unknown format %s\n", argv[1]);
	return 2;
}

/* template.c: collect-paper --template writes the blank tally sheet that counter staff fill in:
 * every answer of every countable question of the survey (its code and its printed wording),
 * for each site (or the one given), at the counter (guichet), over the survey's period (or one
 * month of it, --period YYYY-MM), with an empty count. An existing file is overwritten only
 * with --force (it may be a filled sheet). A name ending in .ods gives an ODS spreadsheet
 * (LibreOffice Calc) instead of the CSV. Written the way French
 * Excel and LibreOffice open a CSV as a table: UTF-8 with BOM, ';', CRLF. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "db.h"
#include "paper.h"

/* Where the sheet goes: a CSV, or the content.xml of an ODS (out.ods). */
struct sheet_out {
	FILE *f;
	int ods, in_row;
};

/* One ODS cell: text, as a string cell; empty, as an empty cell. */
static void put_ods_cell(struct sheet_out *o, const char *s, int last)
{
	if (!o->in_row)
		fputs("<table:table-row>", o->f);
	o->in_row = !last;
	if (!*s) {
		fputs("<table:table-cell/>", o->f);
	} else {
		fputs("<table:table-cell office:value-type=\"string\"><text:p>", o->f);
		for (; *s; s++) {
			if (*s == '<')
				fputs("&lt;", o->f);
			else if (*s == '>')
				fputs("&gt;", o->f);
			else if (*s == '&')
				fputs("&amp;", o->f);
			else
				fputc(*s, o->f);
		}
		fputs("</text:p></table:table-cell>", o->f);
	}
	if (last)
		fputs("</table:table-row>\n", o->f);
}

/* Writes one cell, quoted only when it must be (a ';', a quote or a line break inside). */
static void put_cell(struct sheet_out *o, const char *s, int last)
{
	FILE *f = o->f;

	if (o->ods) {
		put_ods_cell(o, s, last);
		return;
	}
	if (strpbrk(s, ";\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ";", f);
}

static void french_date(const char *iso, char *buf, size_t size)
{
	struct datetime dt;

	if (date_parse_iso(iso, &dt) == 0)
		snprintf(buf, size, "%02d/%02d/%04d", dt.day, dt.month, dt.year);
	else
		snprintf(buf, size, "%s", iso);
}

/* --period YYYY-MM: the month's first and last days (JJ/MM/AAAA) within the survey's period.
 * Returns 0, or -1 when text is no month of the period. */
static int month_bounds(const struct survey_def *s, const char *text, char *du, char *au,
                        size_t size)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct datetime a, b, start, end;
	char iso[16];
	int y, m, last;

	if (strlen(text) != 7 || sscanf(text, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return -1;
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	snprintf(iso, sizeof(iso), "%04d-%02d-01", y, m);
	if (date_parse_iso(iso, &a) < 0 || date_parse_iso(s->start, &start) < 0 ||
	    date_parse_iso(s->end, &end) < 0)
		return -1;
	b = a;
	b.day = last;
	if (date_days(&b) < date_days(&start) || date_days(&a) > date_days(&end))
		return -1;
	if (date_days(&a) < date_days(&start))
		a = start;
	if (date_days(&b) > date_days(&end))
		b = end;
	snprintf(du, size, "%02d/%02d/%04d", a.day, a.month, a.year);
	snprintf(au, size, "%02d/%02d/%04d", b.day, b.month, b.year);
	return 0;
}

/* 1 when the survey asks at least one question that can be counted (not free text). */
static int countable(const struct survey_def *s)
{
	size_t i;

	for (i = 0; i < s->nq; i++)
		if (strcmp(s->qs[i].qtype, "text") != 0 && s->qs[i].nopts > 0)
			return 1;
	return 0;
}

static const char ods_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content "
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
	"<office:body><office:spreadsheet><table:table table:name=\"comptage\">\n";
static const char ods_tail[] = "</table:table></office:spreadsheet></office:body>"
	"</office:document-content>\n";
static const char ods_mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";
static const char ods_manifest[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest "
	"xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
	"manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" "
	"manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
	"<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
	"</manifest:manifest>\n";

/* Writes an ODS (mimetype stored first, as OpenDocument asks) holding content (len bytes) to
 * path. Returns 0, or an errno-like code. */
static int write_ods(const char *path, const char *content, size_t len)
{
	zip_t *za;
	zip_source_t *src;
	zip_int64_t idx;
	int err = 0;

	za = zip_open(path, ZIP_TRUNCATE | ZIP_CREATE, &err);
	if (!za)
		return EIO;
	src = zip_source_buffer(za, ods_mimetype, strlen(ods_mimetype), 0);
	idx = src ? zip_file_add(za, "mimetype", src, ZIP_FL_ENC_UTF_8) : -1;
	if (idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0)
		goto fail;
	src = zip_source_buffer(za, content, len, 0);
	if (!src || zip_file_add(za, "content.xml", src, ZIP_FL_ENC_UTF_8) < 0)
		goto fail;
	src = zip_source_buffer(za, ods_manifest, strlen(ods_manifest), 0);
	if (!src || zip_file_add(za, "META-INF/manifest.xml", src, ZIP_FL_ENC_UTF_8) < 0)
		goto fail;
	return zip_close(za) == 0 ? 0 : EIO;
fail:
	zip_discard(za);
	return EIO;
}

static int has_ods_suffix(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && (strcmp(path + n - 4, ".ods") == 0 || strcmp(path + n - 4, ".ODS") == 0);
}

/* The heading of the column that shows each question's printed wording, after the code:
 * the importer ignores it (an extra column). */
static const char wording_col[] = "libellé de la question";

/* Writes the sheet to f, from du to au (JJ/MM/AAAA); returns the number of rows to fill. */
static unsigned long write_sheet(struct sheet_out *f, const struct survey_def *s,
                                 const struct place_def *only, const struct place_def *channel,
                                 const char *du, const char *au)
{
	size_t i, j, k, c;
	unsigned long rows = 0;

	if (f->ods)
		fputs(ods_head, f->f);
	else
		fputs("\xEF\xBB\xBF", f->f);
	for (c = 0; c < TC__COUNT; c++) {
		put_cell(f, tally_col_names[c], c + 1 == TC__COUNT);
		if (c == TC_QUESTION)
			put_cell(f, wording_col, 0);
	}
	for (i = 0; i < s->nsites; i++) {
		const struct place_def *site = &s->sites[i];

		if (only && only != site)
			continue;
		for (j = 0; j < s->nq; j++) {
			const struct question_def *q = &s->qs[j];

			if (strcmp(q->qtype, "text") == 0)
				continue;
			for (k = 0; k < q->nopts; k++) {
				put_cell(f, site->code, 0);
				put_cell(f, du, 0);
				put_cell(f, au, 0);
				put_cell(f, channel->code, 0);
				put_cell(f, q->code, 0);
				put_cell(f, q->wording, 0);
				put_cell(f, q->opts[k].label, 0);
				put_cell(f, "", 1);
				rows++;
			}
		}
	}
	if (f->ods)
		fputs(ods_tail, f->f);
	return rows;
}

/* Writes path through a temporary file in the same directory, renamed into place once
 * complete, so that an interrupted run never leaves half a sheet. 0, or -1 after a message. */
static int write_file(const char *prog, const char *path, const struct survey_def *s,
                      const struct place_def *only, const struct place_def *channel,
                      const char *du, const char *au, unsigned long *rows)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	FILE *f = NULL;
	int fd, ret = -1, err = 0;

	if (!tmp)
		goto out;
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (has_ods_suffix(path)) {
		/* the sheet's XML in memory, then the archive over the temporary file */
		char *xml = NULL;
		size_t xlen = 0;
		struct sheet_out o = { NULL, 1, 0 };

		close(fd);
		o.f = open_memstream(&xml, &xlen);
		if (!o.f) {
			err = errno;
			goto out;
		}
		*rows = write_sheet(&o, s, only, channel, du, au);
		if (fclose(o.f) != 0 || !xml)
			err = ENOMEM;
		if (!err)
			err = write_ods(tmp, xml, xlen);
		free(xml);
	} else {
		struct sheet_out o = { NULL, 0, 0 };

		f = fdopen(fd, "wb");
		if (!f) {
			err = errno;
			close(fd);
			goto out;
		}
		o.f = f;
		*rows = write_sheet(&o, s, only, channel, du, au);
		if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
			err = errno ? errno : EIO;
		if (fclose(f) != 0 && !err)
			err = errno;
		f = NULL;
	}
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (!err) {
		free(tmp);
		tmp = NULL;
		ret = 0;
	}
out:
	if (ret < 0)
		msg_print(stderr, prog, MSG_PAPER_TEMPLATE_WRITE, path, strerror(err ? err : ENOMEM));
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return ret;
}

int paper_template_main(int argc, char **argv, const char *prog)
{
	static const struct option longopts[] = {
		{ "template", no_argument, NULL, 't' },
		{ "survey", required_argument, NULL, 's' },
		{ "site", required_argument, NULL, 'S' },
		{ "output", required_argument, NULL, 'o' },
		{ "period", required_argument, NULL, 'p' },
		{ "force", no_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'O' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey_code = NULL, *site_code = NULL, *out = NULL, *db = NULL, *org_code = NULL;
	const char *period = NULL;
	char du[16], au[16];
	int force = 0;
	PGconn *conn = NULL;
	struct survey_def *s = NULL;
	const struct place_def *site = NULL, *channel;
	unsigned long rows = 0;
	int c, org, quiet = 0, status = EXIT_DONE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 't': break;
		case 's': survey_code = optarg; break;
		case 'S': site_code = optarg; break;
		case 'o': out = optarg; break;
		case 'p': period = optarg; break;
		case 'f': force = 1; break;
		case 'd': db = optarg; break;
		case 'O': org_code = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(msg_text(MSG_PAPER_USAGE), stdout); return EXIT_DONE;
		default: msg_print(stderr, prog, MSG_BAD_OPTION); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		msg_print(stderr, prog, MSG_BAD_OPTION);
		return EXIT_USAGE;
	}
	if (!survey_code) {
		msg_print(stderr, prog, MSG_NEED_SURVEY);
		return EXIT_USAGE;
	}
	if (!out) {
		msg_print(stderr, prog, MSG_PAPER_TEMPLATE_NEED_OUT);
		return EXIT_USAGE;
	}
	if (!force && access(out, F_OK) == 0) {
		msg_print(stderr, prog, MSG_PAPER_TEMPLATE_EXISTS, out);
		return EXIT_USAGE;
	}
	conn = db_connect(prog, db);
	if (!conn)
		return EXIT_DB;
	org = db_org(conn, prog, org_code);
	if (org < 0) {
		status = EXIT_DB;
		goto done;
	}
	s = survey_def_load(conn, prog, org, survey_code);
	if (!s) {
		status = PQstatus(conn) == CONNECTION_OK ? EXIT_USAGE : EXIT_DB;
		goto done;
	}
	if (site_code) {
		site = survey_site(s, site_code);
		if (!site) {
			char *list = survey_site_list(s);

			msg_print(stderr, prog, MSG_UNKNOWN_SITE, site_code, list ? list : "");
			free(list);
			status = EXIT_USAGE;
			goto done;
		}
	}
	channel = survey_channel(s, "guichet");
	if (!channel && s->nchannels)
		channel = &s->channels[0];
	if (!channel) {
		msg_print(stderr, prog, MSG_UNKNOWN_CHANNEL, "guichet", "");
		status = EXIT_USAGE;
		goto done;
	}
	if (!countable(s)) {
		msg_print(stderr, prog, MSG_PAPER_TEMPLATE_NO_QUESTION, s->code);
		status = EXIT_USAGE;
		goto done;
	}
	french_date(s->start, du, sizeof(du));
	french_date(s->end, au, sizeof(au));
	if (period && month_bounds(s, period, du, au, sizeof(du)) < 0) {
		msg_print(stderr, prog, MSG_PAPER_TEMPLATE_PERIOD, period, s->code, du, au);
		status = EXIT_USAGE;
		goto done;
	}
	if (write_file(prog, out, s, site, channel, du, au, &rows) < 0) {
		status = EXIT_REJECTED;
		goto done;
	}
	if (!quiet) {
		char *msg = msg_format(MSG_PAPER_TEMPLATE_DONE, out, rows);

		printf("%s\n", msg ? msg : "");
		free(msg);
	}
done:
	survey_def_free(s);
	PQfinish(conn);
	return status;
}

/* command.c: the options, document date, output files and layout texts that the PDF report
 * commands share (see command.h). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "command.h"
#include "db.h"
#include "report.h"

#define PROG "survey-report"
#define RING 16

/* SOURCE_DATE_EPOCH when set: 0 and *epoch, or -1 (message printed) when it is not a number. */
static int source_date_epoch(long long *epoch)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		msg_print(stderr, PROG, MSG_REP_BAD_EPOCH, s);
		return -1;
	}
	*epoch = v;
	return 0;
}

int report_args_parse(int argc, char **argv, enum msg_id usage, struct report_args *a)
{
	static const struct option opts[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "csv", required_argument, NULL, 'c' },
		{ "bundle", required_argument, NULL, 'b' },
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	a->epoch = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': a->survey = optarg; break;
		case 'o': a->pdf = optarg; break;
		case 'c': a->csv = optarg; break;
		case 'b': a->zip = optarg; break;
		case 'd': a->conninfo = optarg; break;
		case 'g': a->org = optarg; break;
		case 'h': {
			char *s = msg_format(usage, PROG);

			printf("%s\n", s ? s : "");
			free(s);
			return REPORT_OK;
		}
		case 'V':
			printf("%s %s\n", PROG, BAROMETRE_VERSION);
			return REPORT_OK;
		default:
			msg_print(stderr, PROG, MSG_REP_BAD_OPTION, argv[optind - 1]);
			return REPORT_USAGE;
		}
	}
	if (optind < argc) {
		msg_print(stderr, PROG, MSG_REP_EXTRA_ARG, argv[optind]);
		return REPORT_USAGE;
	}
	if (!a->survey) {
		msg_print(stderr, PROG, MSG_REP_NEED_SURVEY);
		return REPORT_USAGE;
	}
	if (!a->pdf && !a->csv && !a->zip) {
		msg_print(stderr, PROG, MSG_REP_NEED_OUTPUT);
		return REPORT_USAGE;
	}
	if (source_date_epoch(&a->epoch) != 0)
		return REPORT_USAGE;
	return -1;
}

PGconn *report_connect(const struct report_args *a, int *org)
{
	PGconn *conn = db_connect(PROG, a->conninfo);

	if (!conn)
		return NULL;
	*org = db_org(conn, PROG, a->org);
	if (*org < 0 || db_use_role(conn, PROG, DB_ROLE_REPORT) < 0) {
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

static int write_out(const char *path, const struct outbuf *b)
{
	if (file_write_atomic(path, b->data, b->len) != 0) {
		msg_print(stderr, PROG, MSG_REP_WRITE_FAILED, path, strerror(errno));
		return -1;
	}
	return 0;
}

int report_write(const struct report_args *a, const char *code, const struct outbuf *pdf,
                 const struct outbuf *csv, const char *note, long long epoch)
{
	char pdf_name[160], csv_name[160];
	struct bundle_entry e[3];
	const char *why = "";

	if (a->pdf && write_out(a->pdf, pdf) != 0)
		return -1;
	if (a->csv && write_out(a->csv, csv) != 0)
		return -1;
	if (!a->zip)
		return 0;
	snprintf(pdf_name, sizeof(pdf_name), "%s.pdf", code);
	snprintf(csv_name, sizeof(csv_name), "%s.csv", code);
	e[0] = (struct bundle_entry){ pdf_name, pdf->data, pdf->len };
	e[1] = (struct bundle_entry){ csv_name, csv->data, csv->len };
	e[2] = (struct bundle_entry){ "methode.txt", note, strlen(note) };
	if (bundle_write(a->zip, e, 3, epoch, &why) != 0) {
		msg_print(stderr, PROG, MSG_REP_ZIP_FAILED, a->zip, why);
		return -1;
	}
	return 0;
}

static char *ring[RING];
static int ring_next;

const char *report_text(enum msg_id id, ...)
{
	char *s;
	va_list ap;

	va_start(ap, id);
	s = msg_vformat(id, ap);
	va_end(ap);
	if (!s)
		return "";
	free(ring[ring_next]);
	ring[ring_next] = s;
	ring_next = (ring_next + 1) % RING;
	return s;
}

void report_text_clear(void)
{
	int i;

	for (i = 0; i < RING; i++) {
		free(ring[i]);
		ring[i] = NULL;
	}
}

/* form.c: collect-paper --form draws the printable questionnaire of a survey (A4 PDF, cairo and
 * pango): instructions for marking and cancelling at the top, the questions in the definition's
 * order with one box per option, the comment zone, four corner marks and a page code (QR code,
 * libqrencode) on each page, at the places core/sheet.c computes, so that scan.c finds them. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "drawing.h"
#include "db.h"
#include "paper.h"
#include "sheet.h"

#define FONT "DejaVu Sans"
#define MAX_COPIES 5000L

struct form {
	cairo_t *cr;
	const struct survey_def *s;
	const struct sheet_layout *l;
	const struct place_def *site;
	unsigned long run;
};

/* Sets text at (x, y) (top left), wrapped to width (0: one line), on at most `lines` lines
 * (0: no limit). Returns the height used. */
static double text(cairo_t *cr, double x, double y, double width, int lines, double size,
                   int bold, const char *utf8)
{
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	int w, h;

	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(pl, fd);
	if (width > 0) {
		pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	}
	if (lines > 0) {
		pango_layout_set_height(pl, -lines);
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_text(pl, utf8, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	pango_layout_get_size(pl, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(pl);
	return (double)h / PANGO_SCALE;
}

static void text_msg(cairo_t *cr, double x, double y, double width, double size, int bold,
                     enum msg_id id, ...)
{
	va_list ap;
	char *s;

	va_start(ap, id);
	s = msg_vformat(id, ap);
	va_end(ap);
	text(cr, x, y, width, 0, size, bold, s ? s : "");
	free(s);
}

static void box(cairo_t *cr, double x, double y, int state)
{
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	cairo_set_line_width(cr, 1.0);
	cairo_rectangle(cr, x, y, SHEET_BOX, SHEET_BOX);
	if (state == 2) {
		cairo_fill(cr);
		return;
	}
	cairo_stroke(cr);
	if (state == 1) {
		cairo_set_line_width(cr, 1.8);
		cairo_move_to(cr, x + 3, y + 3);
		cairo_line_to(cr, x + SHEET_BOX - 3, y + SHEET_BOX - 3);
		cairo_move_to(cr, x + SHEET_BOX - 3, y + 3);
		cairo_line_to(cr, x + 3, y + SHEET_BOX - 3);
		cairo_stroke(cr);
	}
}

/* The page code: a QR code drawn module by module, with its quiet zone, in SHEET_QR points. */
static int qr(cairo_t *cr, const char *payload)
{
	QRcode *code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double x0, y0, m;
	int i, j, n;

	if (!code)
		return -1;
	sheet_qr_origin(&x0, &y0);
	n = code->width;
	m = SHEET_QR / (n + 8);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (code->data[i * n + j] & 1)
				cairo_rectangle(cr, x0 + (j + 4) * m, y0 + (i + 4) * m, m, m);
	cairo_fill(cr);
	QRcode_free(code);
	return 0;
}

static int draw_page(struct form *f, int page, long serial)
{
	cairo_t *cr = f->cr;
	struct sheet_code code;
	char payload[256];
	double x, y;
	size_t i, k;
	int m;

	cairo_set_source_rgb(cr, 0, 0, 0);
	for (m = 0; m < 4; m++) {
		sheet_mark_centre(m, &x, &y);
		cairo_rectangle(cr, x - SHEET_MARK / 2, y - SHEET_MARK / 2, SHEET_MARK, SHEET_MARK);
	}
	cairo_fill(cr);
	memset(&code, 0, sizeof(code));
	snprintf(code.survey, sizeof(code.survey), "%s", f->s->code);
	if (f->site)
		snprintf(code.site, sizeof(code.site), "%s", f->site->code);
	code.page = page;
	code.npages = f->l->npages;
	code.run = f->run;
	code.serial = serial;
	code.fingerprint = f->l->fingerprint;
	sheet_code_format(&code, payload, sizeof(payload));
	if (qr(cr, payload) < 0)
		return -1;
	sheet_qr_origin(&x, &y);
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (page == 1) {
		double h = text(cr, SHEET_LEFT, 60, x - SHEET_LEFT - 12, 2, 17, 1, f->s->title);

		text(cr, SHEET_LEFT, 64 + h, x - SHEET_LEFT - 12, 1, 12, 0, f->s->org_name);
		if (f->site)
			text_msg(cr, SHEET_LEFT, 84 + h, x - SHEET_LEFT - 12, 13, 1, MSG_PAPER_FORM_SITE,
			         f->site->name);
		/* the instructions, framed, with an example of each mark */
		cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
		cairo_rectangle(cr, SHEET_LEFT, 152, SHEET_RIGHT - SHEET_LEFT, 74);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_msg(cr, SHEET_LEFT + 8, 157, 0, 12, 0, MSG_PAPER_FORM_HOWTO);
		box(cr, SHEET_RIGHT - 30, 156, 1);
		text_msg(cr, SHEET_LEFT + 8, 179, 0, 12, 0, MSG_PAPER_FORM_CANCEL);
		box(cr, SHEET_RIGHT - 30, 178, 2);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_msg(cr, SHEET_LEFT + 8, 201, SHEET_RIGHT - SHEET_LEFT - 16, 12, 0,
		         MSG_PAPER_FORM_ONE);
	} else {
		text(cr, SHEET_LEFT, 64, x - SHEET_LEFT - 12, 2, 13, 1, f->s->title);
	}
	for (i = 0; i < f->l->nitems; i++) {
		const struct sheet_item *it = &f->l->items[i];
		const struct question_def *q = &f->s->qs[it->q];
		char *w = NULL;

		if (it->page != page)
			continue;
		cairo_set_source_rgb(cr, 0, 0, 0);
		if (strcmp(q->qtype, "multi") == 0)
			w = msg_format(MSG_PAPER_FORM_MULTI, q->wording);
		text(cr, SHEET_LEFT, it->y, SHEET_RIGHT - SHEET_LEFT, it->lines, 13, 1,
		     w ? w : q->wording);
		free(w);
		if (it->zone_h > 0) {
			cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
			cairo_set_line_width(cr, 0.8);
			cairo_rectangle(cr, SHEET_LEFT, it->zone_y, SHEET_RIGHT - SHEET_LEFT, it->zone_h);
			cairo_stroke(cr);
			continue;
		}
		for (k = 0; k < it->nbox; k++) {
			const struct sheet_box *b = &f->l->boxes[it->box0 + k];

			box(cr, b->x, b->y, 0);
			cairo_set_source_rgb(cr, 0, 0, 0);
			text(cr, b->x + SHEET_BOX + 6, b->y - 0.5, it->cell_w - SHEET_BOX - 14, 1, 12, 0,
			     q->opts[b->opt].label);
		}
	}
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	if (page == f->l->npages)
		text_msg(cr, SHEET_LEFT, SHEET_BOTTOM - 4, 0, 12, 0, MSG_PAPER_FORM_THANKS);
	else
		text_msg(cr, SHEET_LEFT, SHEET_BOTTOM - 4, 0, 12, 0, MSG_PAPER_FORM_CONTINUED);
	if (serial)
		text_msg(cr, 200, SHEET_H - 46, 0, 10, 0, MSG_PAPER_FORM_FOOTER_SERIAL, page,
		         f->l->npages, serial);
	else
		text_msg(cr, 250, SHEET_H - 46, 0, 10, 0, MSG_PAPER_FORM_FOOTER, page, f->l->npages);
	cairo_show_page(cr);
	return cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* A print run number: SOURCE_DATE_EPOCH when set (the same form twice), else the time and the
 * process, so that serials of two print runs never meet. 24 bits. */
static unsigned long print_run(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	unsigned long long v = e && *e ? strtoull(e, NULL, 10)
	                               : (unsigned long long)time(NULL) * 2654435761ULL ^
	                                     (unsigned long long)getpid();

	v ^= v >> 24;
	v ^= v >> 48;
	return (unsigned long)(v & 0xFFFFFFUL);
}

/* Writes the PDF to a temporary name beside path, renamed into place when complete.
 * Returns 0, or -1 after a message (nothing left behind). */
static int write_pdf(const char *prog, const char *path, struct form *f, long copies)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	cairo_surface_t *sf = NULL;
	long c;
	int fd, p, ret = -1;
	const char *why = NULL;

	if (!tmp) {
		why = strerror(ENOMEM);
		goto out;
	}
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		why = strerror(errno);
		free(tmp);
		tmp = NULL;
		goto out;
	}
	close(fd);
	sf = cairo_pdf_surface_create(tmp, SHEET_W, SHEET_H);
	f->cr = cairo_create(sf);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, f->s->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	                               "collect-paper " BAROMETRE_VERSION);
	for (c = copies ? 1 : 0; c <= copies; c++)
		for (p = 1; p <= f->l->npages; p++)
			if (draw_page(f, p, c) < 0)
				goto out;
	cairo_destroy(f->cr);
	f->cr = NULL;
	cairo_surface_finish(sf);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		why = cairo_status_to_string(cairo_surface_status(sf));
		goto out;
	}
	if (paper_publish(tmp, path) != 0) {
		why = strerror(errno);
		goto out;
	}
	free(tmp);
	tmp = NULL;
	ret = 0;
out:
	if (f->cr) {
		if (!why)
			why = cairo_status_to_string(cairo_status(f->cr));
		cairo_destroy(f->cr);
		f->cr = NULL;
	}
	if (sf)
		cairo_surface_destroy(sf);
	if (ret < 0)
		msg_print(stderr, prog, MSG_PAPER_TEMPLATE_WRITE, path, why ? why : "?");
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return ret;
}

int paper_form_main(int argc, char **argv, const char *prog)
{
	static const struct option longopts[] = {
		{ "form", no_argument, NULL, 'F' },
		{ "survey", required_argument, NULL, 's' },
		{ "site", required_argument, NULL, 'S' },
		{ "copies", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'O' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey_code = NULL, *site_code = NULL, *out = NULL, *db = NULL, *org_code = NULL;
	struct paper_open po;
	const struct survey_def *s;
	struct sheet_layout l;
	struct form f;
	long copies = 0;
	char *end;
	int c, quiet = 0, status = EXIT_DONE;

	memset(&l, 0, sizeof(l));
	memset(&f, 0, sizeof(f));
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'F': break;
		case 's': survey_code = optarg; break;
		case 'S': site_code = optarg; break;
		case 'c':
			copies = strtol(optarg, &end, 10);
			if (*end || end == optarg || copies < 1 || copies > MAX_COPIES) {
				msg_print(stderr, prog, MSG_PAPER_FORM_BAD_COPIES, optarg, MAX_COPIES);
				return EXIT_USAGE;
			}
			break;
		case 'o': out = optarg; break;
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
		msg_print(stderr, prog, MSG_PAPER_FORM_NEED_OUT);
		return EXIT_USAGE;
	}
	status = paper_open(&po, prog, db, org_code, survey_code, site_code, NULL);
	if (status != EXIT_DONE)
		return status;
	s = po.s;
	f.site = po.site;
	if (sheet_layout_init(&l, s) < 0) {
		msg_print(stderr, prog, MSG_PAPER_FORM_TOO_LONG, s->code, SHEET_MAX_PAGES);
		status = EXIT_USAGE;
		goto done;
	}
	f.s = s;
	f.l = &l;
	f.run = print_run();
	if (write_pdf(prog, out, &f, copies) < 0) {
		status = EXIT_REJECTED;
		goto done;
	}
	if (!quiet) {
		char *msg = msg_format(MSG_PAPER_FORM_DONE, out, l.npages, copies ? copies : 1L);

		printf("%s\n", msg ? msg : "");
		free(msg);
	}
done:
	sheet_release(&l);
	paper_close(&po);
	drawing_shutdown();
	return status;
}

/* sheet.h: where everything sits on the printed paper questionnaire (A4, in points, origin at the
 * top left): corner marks, page code, one answer box per option, comment zone. The layout is a
 * pure function of the survey's definition (no font metrics), so that the printer
 * (collect-paper --form), the reader of scans and the test pile generator agree on every box.
 * Also the text of the page code (QR code) and its parsing. */
#ifndef CORE_SHEET_H
#define CORE_SHEET_H

#include <stddef.h>

#include "survey.h"

#define SHEET_W 595.2756           /* A4, points */
#define SHEET_H 841.8898
#define SHEET_MARK 20.0            /* side of a corner mark (solid square) */
#define SHEET_MARK_INSET 30.0      /* from the paper's edge to a mark's outer side */
#define SHEET_BOX 16.0             /* side of an answer box */
#define SHEET_QR 84.0              /* side of the page code, quiet zone included */
#define SHEET_MAX_PAGES 2
#define SHEET_MAX_SERIAL 999999L

struct sheet_box {
	int page;                      /* 1-based */
	double x, y;                   /* top-left corner of the box */
	size_t q, opt;                 /* index in survey->qs, and in its opts */
};

/* One question's place: its wording starts at (x, y), on `lines` lines at most. */
struct sheet_item {
	int page;
	size_t q;
	double y, h;                   /* the question's whole block */
	int lines;                     /* wording lines reserved */
	size_t box0, nbox;             /* its boxes in layout->boxes */
	double cell_w;                 /* width of one option cell */
	double zone_y, zone_h;         /* text questions: the writing zone */
};

struct sheet_layout {
	int npages;
	struct sheet_item *items;
	size_t nitems;
	struct sheet_box *boxes;
	size_t nboxes;
	unsigned long fingerprint;     /* of the questions and options, 32 bits */
};

/* Lays out survey s. Returns 0, or -1 when out of memory or when the questions do not fit on
 * SHEET_MAX_PAGES pages (l->npages is then > SHEET_MAX_PAGES). Release with sheet_release. */
int sheet_layout_init(struct sheet_layout *l, const struct survey_def *s);
void sheet_release(struct sheet_layout *l);

/* The centre of corner mark i (0 top left, 1 top right, 2 bottom left, 3 bottom right). */
void sheet_mark_centre(int i, double *x, double *y);
/* The top-left corner of the page code. */
void sheet_qr_origin(double *x, double *y);
/* Left edge and width of the content, and where the questions start on page `page`. */
#define SHEET_LEFT 62.0
#define SHEET_RIGHT (SHEET_W - 62.0)
#define SHEET_BOTTOM (SHEET_H - 64.0)
double sheet_content_top(int page);

/* What a page code says. */
struct sheet_code {
	char survey[64];
	char site[64];                 /* "" when the form was printed for no site */
	int page, npages;
	unsigned long run;             /* print run (24 bits) */
	long serial;                   /* 0: printed without --copies */
	unsigned long fingerprint;
};

/* Writes the page code's text into buf. */
void sheet_code_format(const struct sheet_code *c, char *buf, size_t size);
/* Parses a page code's text. Returns 0, or -1 when it is not one of ours. */
int sheet_code_parse(const char *text, struct sheet_code *c);

#endif

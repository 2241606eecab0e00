/* pdf.h: the page helpers every report uses: an A4 PDF drawn with cairo into memory, text set
 * with pango in DejaVu Sans (embedded as subsets), a colour-blind-safe palette (Okabe-Ito) that
 * also reads in grey, outline entries, tagged structure, document metadata and a fixed date,
 * so that the same data always gives the same bytes. French number formats are in frfmt.h. */
#ifndef REPORTS_PDF_H
#define REPORTS_PDF_H

#include <cairo.h>

#include "frfmt.h"
#include "outbuf.h"

#define PDF_A4_WIDTH 595.2756   /* points: 210 mm */
#define PDF_A4_HEIGHT 841.8898  /* points: 297 mm */
#define PDF_FONT "DejaVu Sans"

/* Okabe-Ito colours (0xRRGGBB): distinct for every common colour-vision deficiency; the dark and
 * light members of a pair also differ in grey level. */
#define PDF_INK 0x1A1A1A
#define PDF_GREY 0x6B6B6B
#define PDF_LIGHT 0xE6E6E6
#define PDF_PALE 0xF4F4F4
#define PDF_WHITE 0xFFFFFF
#define PDF_BLUE 0x0072B2
#define PDF_SKY 0x56B4E9
#define PDF_ORANGE 0xE69F00
#define PDF_VERMILLION 0xD55E00
#define PDF_GREEN 0x009E73
#define PDF_YELLOW 0xF0E442
#define PDF_PURPLE 0xCC79A7

struct pdf_meta {
	const char *title;    /* document title (UTF-8) */
	const char *author;   /* the organisation's name */
	const char *subject;
	const char *creator;  /* the program and version */
	long long epoch;      /* creation and modification date, seconds since 1970 (UTC) */
};

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	struct outbuf out;    /* the PDF bytes, complete after pdf_end() */
	int page;             /* current page, 1-based */
	double width, height;
};

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* How a piece of text looks. */
struct pdf_style {
	double size;          /* points */
	int bold;
	int italic;
	unsigned rgb;
	enum pdf_align align;
};

/* Starts an A4 portrait document in memory, on page 1. Returns 0, or -1 (nothing to release). */
int pdf_begin(struct pdf *p, const struct pdf_meta *m);

/* Ends the current page and starts the next. */
void pdf_next_page(struct pdf *p);

/* Finishes the document and checks every cairo status (also after cairo_surface_finish). Returns
 * 0 with the bytes in p->out, or -1 with *why set to a static English description. */
int pdf_end(struct pdf *p, const char **why);

/* Frees everything; accepts a released or failed pdf. */
void pdf_release(struct pdf *p);


/* Sets text at (x, y) = top-left of its box. width > 0: the box width (wrapped at word
 * boundaries, aligned in it); width <= 0: one unwrapped line (align relative to x: right-aligned
 * text ends at x, centred text is centred on x). Returns the height used, in points. */
double pdf_text(struct pdf *p, double x, double y, double width, const struct pdf_style *st,
                const char *utf8);

/* One line that never overflows: cut with "…" to fit width. Returns the height used. */
double pdf_text_fit(struct pdf *p, double x, double y, double width, const struct pdf_style *st,
                    const char *utf8);

/* Text wrapped in width on at most max_lines lines, the last one cut with "…" when it does
 * not fit. Returns the height used. */
double pdf_text_lines(struct pdf *p, double x, double y, double width, const struct pdf_style *st,
                      const char *utf8, int max_lines);

/* Width and height of text set on one line in style st. */
void pdf_text_size(struct pdf *p, const struct pdf_style *st, const char *utf8, double *w,
                   double *h);

void pdf_set_rgb(struct pdf *p, unsigned rgb);
void pdf_fill_rect(struct pdf *p, double x, double y, double w, double h, unsigned rgb);
void pdf_stroke_rect(struct pdf *p, double x, double y, double w, double h, double lw,
                     unsigned rgb);
/* A line; dashed when dash > 0 (dash length in points). */
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double lw, unsigned rgb,
              double dash);
/* Diagonal hatching inside a rectangle, so that a filled area reads without colour. */
void pdf_hatch_rect(struct pdf *p, double x, double y, double w, double h, unsigned rgb);

/* An outline (bookmark) entry pointing at height y of the current page. parent is
 * CAIRO_PDF_OUTLINE_ROOT (0) or an id returned before. Returns the new entry's id. */
int pdf_outline(struct pdf *p, int parent, const char *title, double y);

/* Tagged structure (all inside one "Document" element opened by pdf_begin): a structure element ("Sect", "H1", "H2", "P", "Table", "TR", "TH", "TD",
 * "Figure", "L", "LI", ...) around what is drawn in between. Must nest properly. */
void pdf_tag_begin(struct pdf *p, const char *tag);
void pdf_tag_end(struct pdf *p, const char *tag);

#endif

/* sheetread.h: reads one scanned page of the printed questionnaire (core/sheet.h), given as a
 * grey image: finds the four corner marks, fits the page's position (rotation, scale, shift,
 * upside down), reads the page code, and measures every answer box. No database, no file:
 * scan.c feeds it pages and turns its results into responses. */
#ifndef COLLECTORS_PAPER_SHEETREAD_H
#define COLLECTORS_PAPER_SHEETREAD_H

#include <stddef.h>

#include "sheet.h"

/* A grey image, 8 bits per pixel, 0 = black. Borrowed by the reader. */
struct grey {
	const unsigned char *px;
	int w, h, stride;
};

enum page_status {
	PAGE_OK,          /* read: code and boxes */
	PAGE_BLANK,       /* (almost) no ink */
	PAGE_NO_MARKS,    /* ink, but the four corner marks are not there */
	PAGE_NO_CODE,     /* marks, but no readable page code */
	PAGE_FOREIGN,     /* a page code, not of this project's forms */
};

enum box_state { BOX_EMPTY, BOX_CHECKED, BOX_FILLED, BOX_DOUBT };

enum answer_state { ANS_NONE, ANS_SET, ANS_TWO, ANS_DOUBT };

struct page_read {
	enum page_status status;
	struct sheet_code code;    /* PAGE_OK */
	int upside_down;
	double angle;              /* degrees, as measured */
	double affine[6];          /* form points -> image pixels: x' = a0 x + a1 y + a2, ... */
	/* Per box of the layout (only boxes of code.page are measured), and the ink measured. */
	enum box_state *box;
	double *ink;
	size_t nbox;
	int comment;               /* ink in a comment zone of this page */
};

/* Finds the marks and the code of page g. On PAGE_OK with a code whose fingerprint matches
 * layout l, also measures the boxes of that page (r->box has l->nboxes entries, allocated here:
 * release with page_read_release). Returns 0, or -1 when out of memory. */
int page_read(const struct grey *g, const struct sheet_layout *l, struct page_read *r);
void page_read_release(struct page_read *r);

/* The answer to question item it of a read page: ANS_SET with the chosen options' indexes in
 * opts (up to max; several only for a multiple-choice question), ANS_NONE, ANS_TWO (several
 * boxes checked on a one-answer question) or ANS_DOUBT (a box that cannot be decided). */
enum answer_state page_answer(const struct page_read *r, const struct sheet_layout *l,
                              const struct sheet_item *it, int multi, size_t *opts, size_t max,
                              size_t *nopts);

/* Maps form point (x, y) through r's fitted position into image pixels. */
void page_map(const struct page_read *r, double x, double y, double *ix, double *iy);

#endif

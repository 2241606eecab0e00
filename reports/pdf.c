/* pdf.c: A4 PDF pages with cairo and pango (see pdf.h). The document is written into a capped
 * memory buffer through cairo's stream interface; the caller decides where the bytes go. */
#include "pdf.h"
#include "text.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct outbuf *out = closure;

	return outbuf_add(out, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void iso_date(long long epoch, char *buf, size_t size)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, size, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int pdf_begin(struct pdf *p, const struct pdf_meta *m)
{
	char date[32];

	memset(p, 0, sizeof *p);
	outbuf_init(&p->out, OUTBUF_MAX);
	p->width = PDF_A4_WIDTH;
	p->height = PDF_A4_HEIGHT;
	p->page = 1;
	p->surface = cairo_pdf_surface_create_for_stream(pdf_write, &p->out, p->width, p->height);
	if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS)
		goto fail;
	cairo_pdf_surface_restrict_to_version(p->surface, CAIRO_PDF_VERSION_1_5);
	iso_date(m->epoch, date, sizeof date);
	if (m->title)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, m->title);
	if (m->author)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (m->subject)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	if (m->creator)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, m->creator);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	p->cr = cairo_create(p->surface);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
		goto fail;
	/* One root element, as tagged PDF wants: everything drawn is inside it. */
	cairo_tag_begin(p->cr, "Document", NULL);
	return 0;
fail:
	pdf_release(p);
	return -1;
}

void pdf_next_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->page++;
}

int pdf_end(struct pdf *p, const char **why)
{
	cairo_status_t st = cairo_status(p->cr);

	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_tag_end(p->cr, "Document");
		cairo_show_page(p->cr);
		st = cairo_status(p->cr);
	}
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	p->surface = NULL;
	if (st != CAIRO_STATUS_SUCCESS || p->out.failed) {
		*why = p->out.failed ? "output too large" : cairo_status_to_string(st);
		return -1;
	}
	return 0;
}

void pdf_release(struct pdf *p)
{
	if (!p)
		return;
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface) {
		cairo_surface_finish(p->surface);
		cairo_surface_destroy(p->surface);
	}
	p->cr = NULL;
	p->surface = NULL;
	outbuf_release(&p->out);
}


/* A pango layout in style st, with hinting off so that the layout does not depend on a
 * resolution. The caller unrefs it. */
static PangoLayout *make_layout(struct pdf *p, const struct pdf_style *st, const char *utf8)
{
	PangoLayout *lay = pango_cairo_create_layout(p->cr);
	PangoContext *ctx = pango_layout_get_context(lay);
	PangoFontDescription *fd = pango_font_description_new();
	cairo_font_options_t *fo = cairo_font_options_create();
	char *plain;

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_layout_context_changed(lay);

	pango_font_description_set_family(fd, PDF_FONT);
	pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	/* names come from the definitions: bidirectional controls (a U+202E would turn the footer
	 * and its page number around) are dropped, and the paragraph stays left to right */
	plain = text_strip_bidi(utf8);
	pango_layout_set_auto_dir(lay, FALSE);
	pango_layout_set_text(lay, plain ? plain : "", -1);
	free(plain);
	return lay;
}

static PangoAlignment pango_align(enum pdf_align a)
{
	return a == PDF_RIGHT ? PANGO_ALIGN_RIGHT : a == PDF_CENTER ? PANGO_ALIGN_CENTER
	                                                             : PANGO_ALIGN_LEFT;
}

static double draw_layout(struct pdf *p, PangoLayout *lay, double x, double y, double width,
                          const struct pdf_style *st)
{
	int lw, lh;

	pango_layout_get_size(lay, &lw, &lh);
	if (width <= 0) {
		if (st->align == PDF_RIGHT)
			x -= (double)lw / PANGO_SCALE;
		else if (st->align == PDF_CENTER)
			x -= (double)lw / PANGO_SCALE / 2.0;
	}
	pdf_set_rgb(p, st->rgb);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, lay);
	cairo_new_path(p->cr);
	return (double)lh / PANGO_SCALE;
}

double pdf_text(struct pdf *p, double x, double y, double width, const struct pdf_style *st,
                const char *utf8)
{
	PangoLayout *lay = make_layout(p, st, utf8);
	double h;

	if (width > 0) {
		pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(lay, pango_align(st->align));
	}
	h = draw_layout(p, lay, x, y, width, st);
	g_object_unref(lay);
	return h;
}

double pdf_text_fit(struct pdf *p, double x, double y, double width, const struct pdf_style *st,
                    const char *utf8)
{
	PangoLayout *lay = make_layout(p, st, utf8);
	double h;

	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(lay, pango_align(st->align));
	h = draw_layout(p, lay, x, y, width, st);
	g_object_unref(lay);
	return h;
}

double pdf_text_lines(struct pdf *p, double x, double y, double width, const struct pdf_style *st,
                      const char *utf8, int max_lines)
{
	PangoLayout *lay = make_layout(p, st, utf8);
	double h;

	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(lay, -(max_lines > 0 ? max_lines : 1));
	pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(lay, pango_align(st->align));
	h = draw_layout(p, lay, x, y, width, st);
	g_object_unref(lay);
	return h;
}

void pdf_text_size(struct pdf *p, const struct pdf_style *st, const char *utf8, double *w,
                   double *h)
{
	PangoLayout *lay = make_layout(p, st, utf8);
	int lw, lh;

	pango_layout_get_size(lay, &lw, &lh);
	*w = (double)lw / PANGO_SCALE;
	*h = (double)lh / PANGO_SCALE;
	g_object_unref(lay);
}

void pdf_set_rgb(struct pdf *p, unsigned rgb)
{
	cairo_set_source_rgb(p->cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
	                     (rgb & 0xFF) / 255.0);
}

void pdf_fill_rect(struct pdf *p, double x, double y, double w, double h, unsigned rgb)
{
	if (w <= 0 || h <= 0)
		return;
	pdf_set_rgb(p, rgb);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

void pdf_stroke_rect(struct pdf *p, double x, double y, double w, double h, double lw,
                     unsigned rgb)
{
	pdf_set_rgb(p, rgb);
	cairo_set_line_width(p->cr, lw);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
}

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double lw, unsigned rgb,
              double dash)
{
	double d[1];

	cairo_save(p->cr);
	pdf_set_rgb(p, rgb);
	cairo_set_line_width(p->cr, lw);
	if (dash > 0) {
		d[0] = dash;
		cairo_set_dash(p->cr, d, 1, 0);
	}
	cairo_move_to(p->cr, x1, y1);
	cairo_line_to(p->cr, x2, y2);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

void pdf_hatch_rect(struct pdf *p, double x, double y, double w, double h, unsigned rgb)
{
	double s;

	if (w <= 0 || h <= 0)
		return;
	cairo_save(p->cr);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_clip(p->cr);
	pdf_set_rgb(p, rgb);
	cairo_set_line_width(p->cr, 0.8);
	for (s = -h; s < w; s += 4.0) {
		cairo_move_to(p->cr, x + s, y + h);
		cairo_line_to(p->cr, x + s + h, y);
	}
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

int pdf_outline(struct pdf *p, int parent, const char *title, double y)
{
	char link[96];

	snprintf(link, sizeof link, "page=%d pos=[0 %.0f]", p->page, y < 0 ? 0 : y);
	return cairo_pdf_surface_add_outline(p->surface, parent, title, link,
	                                     CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

void pdf_tag_begin(struct pdf *p, const char *tag)
{
	cairo_tag_begin(p->cr, tag, NULL);
}

void pdf_tag_end(struct pdf *p, const char *tag)
{
	cairo_tag_end(p->cr, tag);
}

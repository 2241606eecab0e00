/* scanpile.c: makes a pile of filled-in, scanned questionnaires for the tests and the benchmark.
 * It renders each page of a form printed by collect-paper --form --copies N (poppler), marks the
 * boxes the way people do (crosses, ticks, circles inside or spilling over the box, a cancelled
 * box filled in, light pencil, two boxes on one question, stray dots away from the boxes), then
 * degrades the page like an office copier (rotation, scale, shift, noise, blur, black-and-white
 * threshold, JPEG, a page fed upside down) and writes the pile as one PDF of page images.
 * The truth goes to a text file, one line per question: SERIAL QUESTION ANSWER, where ANSWER is
 * an option code, "-" for no answer, "?" for an answer that must be reported unreadable.
 *
 *   scanpile --survey CODE --form FORM.pdf --out PILE.pdf --truth TRUTH.txt
 *            [--seed N] [--dpi 150|200|300|mixed] [--jpeg Q] [--bw EVERY] [--flip PAGE]
 *            [--blur EVERY] [--pages N] [--tiff FIRST-PAGE.tif] [--nomarks 1]
 * The survey's definition is read from the database (PG* variables), as the collectors do. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "db.h"
#include "sheet.h"

static uint64_t rng_state = 88172645463325252ULL;

static double rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

static double between(double a, double b)
{
	return a + (b - a) * rnd();
}

/* A pen stroke of grey level `grey` (0 black) and width w. */
static void pen(cairo_t *cr, double grey, double w)
{
	cairo_set_source_rgb(cr, grey, grey, grey * 0.9 + 0.1 * (grey > 0.3));
	cairo_set_line_width(cr, w);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

/* Marks box (x, y) as checked, in one of the ways people do. */
static void mark_check(cairo_t *cr, double x, double y)
{
	double e = SHEET_BOX, cx = x + e / 2 + between(-1.2, 1.2), cy = y + e / 2 + between(-1.2, 1.2);
	int style = (int)(rnd() * 6);
	double grey = between(0.0, 0.3), w = between(1.0, 2.0), r;

	switch (style) {
	case 0: /* cross, maybe overflowing */
	case 1:
		r = between(4.5, 9.5);
		pen(cr, grey, w);
		cairo_move_to(cr, cx - r, cy - r + between(-1, 1));
		cairo_line_to(cr, cx + r, cy + r + between(-1, 1));
		cairo_move_to(cr, cx + r, cy - r + between(-1, 1));
		cairo_line_to(cr, cx - r, cy + r + between(-1, 1));
		cairo_stroke(cr);
		break;
	case 2: /* tick */
		pen(cr, grey, w);
		cairo_move_to(cr, cx - 5, cy);
		cairo_line_to(cr, cx - 1.5, cy + 5);
		cairo_line_to(cr, cx + 6, cy - 7);
		cairo_stroke(cr);
		break;
	case 3: /* circle inside the box */
		pen(cr, grey, w);
		cairo_arc(cr, cx, cy, between(3.5, 5.5), 0, 2 * M_PI);
		cairo_stroke(cr);
		break;
	case 4: /* circle spilling over the box */
		pen(cr, grey, w);
		cairo_arc(cr, cx, cy, between(9.5, 11.5), 0, 2 * M_PI);
		cairo_stroke(cr);
		break;
	default: /* light pencil cross */
		pen(cr, between(0.35, 0.5), between(0.8, 1.1));
		cairo_move_to(cr, cx - 5, cy - 5);
		cairo_line_to(cr, cx + 5, cy + 5);
		cairo_move_to(cr, cx + 5, cy - 5);
		cairo_line_to(cr, cx - 5, cy + 5);
		cairo_stroke(cr);
		break;
	}
}

/* Fills box (x, y) in: the mark that cancels it. */
static void mark_fill(cairo_t *cr, double x, double y)
{
	double i;

	pen(cr, between(0.0, 0.2), 2.6);
	for (i = 0.5; i <= SHEET_BOX - 0.5; i += 1.6) {
		cairo_move_to(cr, x + between(-0.8, 0.8), y + i);
		cairo_line_to(cr, x + SHEET_BOX + between(-0.8, 0.8), y + i + between(-0.5, 0.5));
	}
	cairo_stroke(cr);
}

/* Marks the questions of one page and writes their truth. */
static void mark_page(cairo_t *cr, const struct survey_def *s, const struct sheet_layout *l,
                      int page, long serial, FILE *truth)
{
	size_t i, k;

	for (i = 0; i < l->nitems; i++) {
		const struct sheet_item *it = &l->items[i];
		const struct question_def *q = &s->qs[it->q];
		const struct sheet_box *b = &l->boxes[it->box0];
		double u = rnd();
		size_t n = it->nbox, pick = (size_t)(rnd() * n) % (n ? n : 1), other;

		if (it->page != page)
			continue;
		if (it->zone_h > 0) {       /* a comment, sometimes */
			if (rnd() < 0.3) {
				pen(cr, 0.1, 1.0);
				for (k = 0; k < 3; k++) {
					cairo_move_to(cr, SHEET_LEFT + 20, it->zone_y + 25 + 22 * k);
					cairo_curve_to(cr, 150, it->zone_y + 15 + 22 * k, 250,
					               it->zone_y + 35 + 22 * k, 380, it->zone_y + 25 + 22 * k);
				}
				cairo_stroke(cr);
			}
			continue;
		}
		other = n > 1 ? (pick + 1 + (size_t)(rnd() * (n - 1))) % n : pick;
		if (rnd() < 0.15) {         /* a stray dot, away from the boxes */
			pen(cr, 0.1, 1.6);
			cairo_arc(cr, SHEET_LEFT + between(120, 400), it->y + 4, 0.9, 0, 2 * M_PI);
			cairo_fill(cr);
		}
		if (u < 0.10) {
			fprintf(truth, "%ld %s -\n", serial, q->code);
		} else if (u < 0.15 && n > 1 && strcmp(q->qtype, "multi") != 0) {
			mark_check(cr, b[pick].x, b[pick].y);
			mark_check(cr, b[other].x, b[other].y);
			fprintf(truth, "%ld %s ?\n", serial, q->code);
		} else if (u < 0.23 && n > 1) {
			mark_fill(cr, b[other].x, b[other].y);
			mark_check(cr, b[pick].x, b[pick].y);
			fprintf(truth, "%ld %s %s\n", serial, q->code, q->opts[b[pick].opt].code);
		} else if (u < 0.25) {
			mark_fill(cr, b[pick].x, b[pick].y);
			fprintf(truth, "%ld %s -\n", serial, q->code);
		} else {
			mark_check(cr, b[pick].x, b[pick].y);
			fprintf(truth, "%ld %s %s\n", serial, q->code, q->opts[b[pick].opt].code);
		}
	}
}

struct opts {
	const char *survey, *form, *out, *truth, *dpi, *tiff;
	int jpeg, bw, blur, flip, pages, nomarks;
	unsigned long seed;
};

/* Copier noise and blur on a grey RGB24 surface; black-and-white when bw. */
static void degrade(cairo_surface_t *sf, int blur, int bw)
{
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf), x, y;
	unsigned char *data = cairo_image_surface_get_data(sf);
	unsigned char *g = malloc((size_t)w * h), *o = malloc((size_t)w * h);

	if (!g || !o) {
		free(g);
		free(o);
		return;
	}
	cairo_surface_flush(sf);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			g[(size_t)y * w + x] = ((uint32_t *)(data + (size_t)y * stride))[x] & 255;
	memcpy(o, g, (size_t)w * h);
	if (blur)
		for (y = 1; y < h - 1; y++)
			for (x = 1; x < w - 1; x++) {
				int sum = 0, dx, dy;

				for (dy = -1; dy <= 1; dy++)
					for (dx = -1; dx <= 1; dx++)
						sum += g[(size_t)(y + dy) * w + x + dx];
				o[(size_t)y * w + x] = (unsigned char)(sum / 9);
			}
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			double v = o[(size_t)y * w + x] * 0.94 + 8 +
			           (rnd() + rnd() + rnd() - 1.5) * 14.0;
			unsigned u;

			if (bw)
				v = v < 165 ? 0 : 255;
			u = v < 0 ? 0 : v > 255 ? 255 : (unsigned)v;
			((uint32_t *)(data + (size_t)y * stride))[x] = 0xFF000000u | u << 16 | u << 8 | u;
		}
	cairo_surface_mark_dirty(sf);
	free(g);
	free(o);
}

static void free_bytes(void *p)
{
	g_free(p);
}

static void pixbuf_free(guchar *p, gpointer data)
{
	(void)data;
	g_free(p);
}

/* The image's pixels as a new GdkPixbuf (RGB), or NULL. The caller unrefs it. */
static GdkPixbuf *surface_pixbuf(cairo_surface_t *img)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img), x, y;
	const unsigned char *data = cairo_image_surface_get_data(img);
	guchar *rgb = g_malloc((gsize)w * h * 3);

	cairo_surface_flush(img);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			uint32_t v = ((const uint32_t *)(data + (size_t)y * stride))[x];
			guchar *d = rgb + ((size_t)y * w + x) * 3;

			d[0] = (v >> 16) & 255;
			d[1] = (v >> 8) & 255;
			d[2] = v & 255;
		}
	return gdk_pixbuf_new_from_data(rgb, GDK_COLORSPACE_RGB, FALSE, 8, w, h, w * 3, pixbuf_free,
	                                NULL);
}

/* Places the page image on the output page, as a JPEG when quality > 0. */
static int put_image(cairo_t *out, cairo_surface_t *img, double dpi, int quality)
{
	cairo_save(out);
	cairo_scale(out, 72.0 / dpi, 72.0 / dpi);
	if (quality > 0) {
		GdkPixbuf *pb = surface_pixbuf(img);
		gchar *buf = NULL, q[16];
		gsize len = 0;

		snprintf(q, sizeof(q), "%d", quality);
		if (!pb || !gdk_pixbuf_save_to_buffer(pb, &buf, &len, "jpeg", NULL, "quality", q,
		                                      NULL)) {
			if (pb)
				g_object_unref(pb);
			cairo_restore(out);
			return -1;
		}
		g_object_unref(pb);
		cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, (unsigned char *)buf, len,
		                            free_bytes, buf);
	}
	cairo_set_source_surface(out, img, 0, 0);
	cairo_paint(out);
	cairo_restore(out);
	cairo_show_page(out);
	return 0;
}

/* Writes the page image as a TIFF file too (what some scanners give). 0, or -1. */
static int save_tiff(cairo_surface_t *img, const char *path)
{
	GdkPixbuf *pb = surface_pixbuf(img);
	int ok = pb && gdk_pixbuf_save(pb, path, "tiff", NULL, NULL);

	if (pb)
		g_object_unref(pb);
	return ok ? 0 : -1;
}

static int run(const struct opts *o, const struct survey_def *s, const struct sheet_layout *l)
{
	GError *err = NULL;
	char *abs = realpath(o->form, NULL), *uri = abs ? g_filename_to_uri(abs, NULL, NULL) : NULL;
	PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
	cairo_surface_t *pdf;
	cairo_t *out;
	FILE *truth = fopen(o->truth, "w");
	int n, p, ret = 0;

	free(abs);
	g_free(uri);
	if (!doc || !truth) {
		fprintf(stderr, "scanpile: cannot open %s or %s\n", o->form, o->truth);
		return 1;
	}
	pdf = cairo_pdf_surface_create(o->out, SHEET_W, SHEET_H);
	out = cairo_create(pdf);
	n = poppler_document_get_n_pages(doc);
	if (o->pages > 0 && o->pages < n)
		n = o->pages;
	for (p = 0; p < n && ret == 0; p++) {
		PopplerPage *page = poppler_document_get_page(doc, p % poppler_document_get_n_pages(doc));
		double dpi = strcmp(o->dpi, "mixed") == 0 ? (p % 3 == 1 ? 300 : p % 3 == 2 ? 200 : 150)
		                                           : strtod(o->dpi, NULL);
		double k = dpi / 72.0, angle = between(-3, 3) * M_PI / 180, sc = between(0.97, 1.03);
		int w = (int)(SHEET_W * k), h = (int)(SHEET_H * k);
		int sheet_page = p % l->npages + 1;
		long serial = p / l->npages + 1;
		cairo_surface_t *clean = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_surface_t *scan = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_t *cr = cairo_create(clean);

		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, k, k);
		poppler_page_render(page, cr);
		if (!o->nomarks)
			mark_page(cr, s, l, sheet_page, serial, truth);
		cairo_destroy(cr);
		g_object_unref(page);
		/* the copier: the paper lies a little askew, a little off, maybe upside down */
		cr = cairo_create(scan);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_translate(cr, w / 2.0 + between(-10, 10) * k, h / 2.0 + between(-10, 10) * k);
		cairo_rotate(cr, angle + (p + 1 == o->flip ? M_PI : 0));
		cairo_scale(cr, sc, sc);
		cairo_translate(cr, -w / 2.0, -h / 2.0);
		cairo_set_source_surface(cr, clean, 0, 0);
		cairo_paint(cr);
		cairo_destroy(cr);
		degrade(scan, o->blur && p % o->blur == 0, o->bw && p % o->bw == o->bw - 1);
		if (put_image(out, scan, dpi, o->jpeg) < 0)
			ret = 1;
		if (p == 0 && o->tiff && save_tiff(scan, o->tiff) < 0)
			ret = 1;
		cairo_surface_destroy(clean);
		cairo_surface_destroy(scan);
	}
	cairo_destroy(out);
	cairo_surface_finish(pdf);
	if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS)
		ret = 1;
	cairo_surface_destroy(pdf);
	g_object_unref(doc);
	if (fclose(truth) != 0)
		ret = 1;
	return ret;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct sheet_layout l;
	struct survey_def *s;
	PGconn *conn;
	int i, org, ret;

	memset(&o, 0, sizeof(o));
	o.dpi = "150";
	o.seed = 1;
	for (i = 1; i + 1 < argc; i += 2) {
		const char *a = argv[i], *v = argv[i + 1];

		if (strcmp(a, "--survey") == 0) o.survey = v;
		else if (strcmp(a, "--form") == 0) o.form = v;
		else if (strcmp(a, "--out") == 0) o.out = v;
		else if (strcmp(a, "--truth") == 0) o.truth = v;
		else if (strcmp(a, "--dpi") == 0) o.dpi = v;
		else if (strcmp(a, "--seed") == 0) o.seed = strtoul(v, NULL, 10);
		else if (strcmp(a, "--jpeg") == 0) o.jpeg = (int)strtol(v, NULL, 10);
		else if (strcmp(a, "--bw") == 0) o.bw = (int)strtol(v, NULL, 10);
		else if (strcmp(a, "--blur") == 0) o.blur = (int)strtol(v, NULL, 10);
		else if (strcmp(a, "--flip") == 0) o.flip = (int)strtol(v, NULL, 10);
		else if (strcmp(a, "--pages") == 0) o.pages = (int)strtol(v, NULL, 10);
		else if (strcmp(a, "--tiff") == 0) o.tiff = v;
		else if (strcmp(a, "--nomarks") == 0) o.nomarks = (int)strtol(v, NULL, 10);
		else break;
	}
	if (i != argc || !o.survey || !o.form || !o.out || !o.truth) {
		fprintf(stderr, "usage: scanpile --survey CODE --form FORM.pdf --out PILE.pdf "
		                "--truth TRUTH.txt [--seed N] [--dpi D|mixed] [--jpeg Q] [--bw EVERY] "
		                "[--blur EVERY] [--flip PAGE] [--pages N] [--tiff FILE] [--nomarks 1]\n");
		return 2;
	}
	rng_state ^= o.seed * 0x9E3779B97F4A7C15ULL;
	conn = db_connect("scanpile", NULL);
	if (!conn)
		return 3;
	org = db_org(conn, "scanpile", NULL);
	s = org < 0 ? NULL : survey_def_load(conn, "scanpile", org, o.survey);
	if (!s || sheet_layout_init(&l, s) < 0) {
		PQfinish(conn);
		survey_def_free(s);
		return 3;
	}
	ret = run(&o, s, &l);
	sheet_release(&l);
	survey_def_free(s);
	PQfinish(conn);
	return ret;
}

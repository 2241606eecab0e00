/* scan.c: collect-paper --format scan reads the questionnaires printed by --form once filled in
 * and scanned: a multi-page PDF as office copiers write it (each page rendered by poppler), or
 * one PNG, JPEG or TIFF image (gdk-pixbuf). Each page goes through sheetread.c; pages of one
 * printed copy (same print run and serial) make one response; the whole file is one batch of
 * the usual protocol (core/batch.h): every page is read before anything is staged, and one
 * page that cannot be read refuses the file. Doubtful answers are never guessed: they are left
 * out, listed by page and question, and shown in the --review PDF. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <openssl/evp.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "drawing.h"
#include "db.h"
#include "paper.h"
#include "sheetread.h"

#define SCAN_DPI 150.0
#define SCAN_MAX_PAGES 20000
#define SCAN_MAX_PIXELS 60000000.0
#define MAX_OPTS 64

/* What one printed copy (or, without serial, one run of pages) said. */
struct copy {
	unsigned long run;
	long serial;
	int first_page;              /* page of the file where it starts (its source id) */
	unsigned seen;               /* bit p-1: sheet page p read */
	int seen_at[SHEET_MAX_PAGES];
	const struct place_def *site;
	int comment;
	unsigned char *state;        /* per question: enum answer_state */
	uint64_t *opts;              /* per question: chosen options */
};

struct unreadable {
	int page;
	long serial;
	size_t q;
	enum answer_state why;
};

struct scan {
	const char *prog, *file;
	const struct survey_def *s;
	const struct sheet_layout *l;
	const struct place_def *site, *channel;
	struct diag *d;
	struct copy *copies;
	size_t ncopies, cap;
	struct unreadable *bad;
	size_t nbad, badcap;
	int pages, blank, other;
	unsigned long comments;
	cairo_t *review;             /* the --review PDF, or NULL */
	unsigned long reviewed;
	int quiet;
};

/* 1 when the file's name ends as a PDF or an image does (an empty file has no magic). */
static int scan_extension(const char *path)
{
	static const char *const ext[] = { ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff" };
	size_t n = strlen(path), i, k;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);

		if (n <= e)
			continue;
		for (k = 0; k < e && (path[n - e + k] | 0x20) == ext[i][k]; k++)
			;
		if (k == e)
			return 1;
	}
	return 0;
}

int paper_scan_wanted(int argc, char **argv)
{
	unsigned char m[8];
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f;
		size_t n;

		if (strcmp(argv[i], "--format=scan") == 0 ||
		    (strcmp(argv[i], "--format") == 0 && i + 1 < argc &&
		     strcmp(argv[i + 1], "scan") == 0))
			return 1;
		if (argv[i][0] == '-')
			continue;
		if (scan_extension(argv[i]))
			return 1;
		f = fopen(argv[i], "rb");
		if (!f)
			continue;
		n = fread(m, 1, sizeof(m), f);
		fclose(f);
		if ((n >= 5 && memcmp(m, "%PDF-", 5) == 0) ||
		    (n >= 8 && memcmp(m, "\x89PNG\r\n\x1a\n", 8) == 0) ||
		    (n >= 3 && memcmp(m, "\xff\xd8\xff", 3) == 0) ||
		    (n >= 4 && (memcmp(m, "II*", 4) == 0 || memcmp(m, "MM\0*", 4) == 0)))
			return 1;
	}
	return 0;
}

/* SHA-256 of the file, lowercase hex. Returns 0, or -1 with errno set. */
static int file_sha256(const char *path, char out[65], long long *size)
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *ctx;
	size_t n;
	FILE *f = fopen(path, "rb");

	*size = 0;
	if (!f)
		return -1;
	ctx = EVP_MD_CTX_new();
	if (!ctx) {
		fclose(f);
		errno = ENOMEM;
		return -1;
	}
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		EVP_DigestUpdate(ctx, buf, n);
		*size += (long long)n;
	}
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	if (ferror(f)) {
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	for (i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

/* ---- pages as grey images ---- */

struct page_img {
	unsigned char *px;
	int w, h;
};

/* Set once a page with text (an OCR layer) has been rendered: poppler then keeps cairo fonts to
 * the end, and cairo's static data must not be reset at exit. */
static int rendered_text;

/* 1 when the page holds text (poppler reads it without rendering any font). */
static int page_has_text(PopplerPage *page)
{
	char *t = poppler_page_get_text(page), *c;
	int has = 0;

	for (c = t; c && *c && !has; c++)
		has = *c != ' ' && *c != '\n' && *c != '\r' && *c != '\t';
	g_free(t);
	return has;
}

/* Renders PDF page p into a grey image at SCAN_DPI. 0, or -1 (page unreadable); 1 when the page
 * is too large (w_mm, h_mm set); 2 when it is text without any image: not a scanned page. */
static int render_pdf_page(PopplerDocument *doc, int p, struct page_img *img, double *w_mm,
                           double *h_mm)
{
	PopplerPage *page = poppler_document_get_page(doc, p);
	cairo_surface_t *sf;
	cairo_t *cr;
	double wpt, hpt, k = SCAN_DPI / 72.0;
	unsigned char *data;
	int x, y, stride, ret = -1;

	if (!page)
		return -1;
	poppler_page_get_size(page, &wpt, &hpt);
	*w_mm = wpt / 72.0 * 25.4;
	*h_mm = hpt / 72.0 * 25.4;
	if (wpt > SHEET_W * 1.35 || hpt > SHEET_H * 1.35 || wpt < 100 || hpt < 100) {
		g_object_unref(page);
		return 1;
	}
	{
		GList *images = poppler_page_get_image_mapping(page);
		int text = page_has_text(page), any_image = images != NULL;

		poppler_page_free_image_mapping(images);
		if (!any_image && text) {
			g_object_unref(page);
			return 2;
		}
		rendered_text |= text;
	}
	img->w = (int)(wpt * k + 0.5);
	img->h = (int)(hpt * k + 0.5);
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->w, img->h);
	cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, k, k);
	poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	img->px = malloc((size_t)img->w * img->h);
	if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS && img->px) {
		data = cairo_image_surface_get_data(sf);
		stride = cairo_image_surface_get_stride(sf);
		for (y = 0; y < img->h; y++) {
			const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);

			for (x = 0; x < img->w; x++) {
				uint32_t v = row[x];

				img->px[(size_t)y * img->w + x] =
				    (unsigned char)((((v >> 16) & 255) * 77 + ((v >> 8) & 255) * 150 +
				                     (v & 255) * 29) >> 8);
			}
		}
		ret = 0;
	}
	cairo_surface_destroy(sf);
	g_object_unref(page);
	return ret;
}

/* Converts an image file's pixels to grey (transparent parts white). 0, or -1. */
static int pixbuf_grey(GdkPixbuf *pb, struct page_img *img)
{
	int n = gdk_pixbuf_get_n_channels(pb), rs = gdk_pixbuf_get_rowstride(pb), x, y;
	int alpha = gdk_pixbuf_get_has_alpha(pb);
	const guchar *px = gdk_pixbuf_read_pixels(pb);

	img->w = gdk_pixbuf_get_width(pb);
	img->h = gdk_pixbuf_get_height(pb);
	if (n < 3 || gdk_pixbuf_get_bits_per_sample(pb) != 8)
		return -1;
	img->px = malloc((size_t)img->w * img->h);
	if (!img->px)
		return -1;
	for (y = 0; y < img->h; y++)
		for (x = 0; x < img->w; x++) {
			const guchar *p = px + (size_t)y * rs + (size_t)x * n;
			int v = (p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8;

			if (alpha)
				v = (v * p[3] + 255 * (255 - p[3])) / 255;
			img->px[(size_t)y * img->w + x] = (unsigned char)v;
		}
	return 0;
}

/* ---- the review PDF ---- */

static void review_text(cairo_t *cr, double x, double y, double size, int bold, const char *s)
{
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, "DejaVu Sans");
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(pl, fd);
	pango_layout_set_width(pl, (int)((SHEET_W - 80) * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(pl, s, -1);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	pango_font_description_free(fd);
	g_object_unref(pl);
}

/* One page of the review: the scanned question, straightened, and what each box was read as. */
static void review_add(struct scan *sc, const struct page_img *img, const struct page_read *r,
                       const struct sheet_item *it, int page, enum answer_state why)
{
	const struct question_def *q = &sc->s->qs[it->q];
	cairo_t *cr = sc->review;
	cairo_surface_t *crop;
	cairo_matrix_t m;
	unsigned char *data;
	double x0 = SHEET_LEFT - 8, y0 = it->y - 6, w = SHEET_RIGHT - SHEET_LEFT + 16, h = it->h + 4;
	double scale = (SHEET_W - 80) / w, y = 40, bx0 = 1e30, by0 = 1e30, bx1 = -1e30, by1 = -1e30;
	int stride, x, yy, cw, ch;
	size_t k;
	char *s;

	/* the question's part of the page as a cairo image, drawn through the inverse of the fit */
	for (k = 0; k < 4; k++) {
		double ix, iy;

		page_map(r, x0 + (double)(k & 1) * w, y0 + (double)(k >> 1) * h, &ix, &iy);
		bx0 = fmin(bx0, ix);
		by0 = fmin(by0, iy);
		bx1 = fmax(bx1, ix);
		by1 = fmax(by1, iy);
	}
	bx0 = fmax(bx0 - 2, 0);
	by0 = fmax(by0 - 2, 0);
	bx1 = fmin(bx1 + 2, img->w);
	by1 = fmin(by1 + 2, img->h);
	cw = bx1 > bx0 ? (int)(bx1 - bx0) : 1;
	ch = by1 > by0 ? (int)(by1 - by0) : 1;
	crop = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cw, ch);
	data = cairo_image_surface_get_data(crop);
	stride = cairo_image_surface_get_stride(crop);
	cairo_surface_flush(crop);
	for (yy = 0; yy < ch && data; yy++)
		for (x = 0; x < cw; x++) {
			long sx = (long)bx0 + x, sy = (long)by0 + yy;
			unsigned v = sx < img->w && sy < img->h ? img->px[(size_t)sy * img->w + sx] : 255;

			((uint32_t *)(data + (size_t)yy * stride))[x] = v << 16 | v << 8 | v;
		}
	cairo_surface_mark_dirty(crop);
	s = msg_format(MSG_SCAN_REVIEW_ITEM, page, r->code.serial, q->code,
	               msg_text(why == ANS_TWO ? MSG_SCAN_TWO : MSG_SCAN_DOUBT));
	review_text(cr, 40, y, 12, 1, s ? s : "");
	free(s);
	review_text(cr, 40, y + 34, 12, 0, q->wording);
	y += 60;
	cairo_save(cr);
	cairo_rectangle(cr, 40, y, w * scale, h * scale);
	cairo_clip(cr);
	cairo_translate(cr, 40, y);
	cairo_scale(cr, scale, scale);
	cairo_translate(cr, -x0, -y0);
	cairo_matrix_init(&m, r->affine[0], r->affine[3], r->affine[1], r->affine[4], r->affine[2],
	                  r->affine[5]);
	if (cairo_matrix_invert(&m) == CAIRO_STATUS_SUCCESS) {
		cairo_transform(cr, &m);
		cairo_set_source_surface(cr, crop, (int)bx0, (int)by0);
		cairo_paint(cr);
	}
	cairo_restore(cr);
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, 40, y, w * scale, h * scale);
	cairo_stroke(cr);
	y += h * scale + 16;
	for (k = 0; k < it->nbox; k++) {
		size_t b = it->box0 + k;
		static const enum msg_id words[] = { MSG_SCAN_BOX_EMPTY, MSG_SCAN_BOX_CHECKED,
		                                     MSG_SCAN_BOX_FILLED, MSG_SCAN_BOX_DOUBT };

		s = msg_format(MSG_SCAN_REVIEW_BOX, q->opts[sc->l->boxes[b].opt].label,
		               msg_text(words[r->box[b]]), fmax(r->ink[b], 0) * 100.0);
		review_text(cr, 52, y, 12, r->box[b] != BOX_EMPTY, s ? s : "");
		free(s);
		y += 18;
	}
	cairo_show_page(cr);
	cairo_surface_destroy(crop);
	sc->reviewed++;
}

/* ---- copies and answers ---- */

static struct copy *copy_new(struct scan *sc, unsigned long run, long serial, int page)
{
	struct copy *c;

	if (sc->ncopies == sc->cap) {
		size_t n = sc->cap ? sc->cap * 2 : 64;
		struct copy *p = realloc(sc->copies, n * sizeof(*p));

		if (!p)
			return NULL;
		sc->copies = p;
		sc->cap = n;
	}
	c = &sc->copies[sc->ncopies];
	memset(c, 0, sizeof(*c));
	c->state = calloc(sc->s->nq + 1, 1);
	c->opts = calloc(sc->s->nq + 1, sizeof(uint64_t));
	if (!c->state || !c->opts) {
		free(c->state);
		free(c->opts);
		return NULL;
	}
	c->run = run;
	c->serial = serial;
	c->first_page = page;
	sc->ncopies++;
	return c;
}

/* The copy that page (code) belongs to: the same print run and serial, or, without a serial,
 * the copy begun just before when it still lacks this page. */
static struct copy *copy_for(struct scan *sc, const struct sheet_code *code, int page)
{
	size_t i;

	if (code->serial > 0) {
		for (i = sc->ncopies; i-- > 0;)
			if (sc->copies[i].run == code->run && sc->copies[i].serial == code->serial)
				return &sc->copies[i];
	} else if (sc->ncopies > 0 && code->page > 1) {
		struct copy *c = &sc->copies[sc->ncopies - 1];

		if (c->serial == 0 && c->run == code->run && !(c->seen & (1u << (code->page - 1))))
			return c;
	}
	return copy_new(sc, code->run, code->serial, page);
}

static void say(struct scan *sc, enum msg_id id, ...)
{
	va_list ap;
	char *s;

	if (sc->quiet)
		return;
	va_start(ap, id);
	s = msg_vformat(id, ap);
	va_end(ap);
	printf("%s: %s\n", sc->file, s ? s : "");
	free(s);
}

/* Reads one page image. Returns 0 (read, or set aside with a note), 1 when the page cannot be
 * read at all (reported on sc->d), -1 when out of memory. */
static int scan_page(struct scan *sc, const struct page_img *img, int page)
{
	struct grey g = { img->px, img->w, img->h, img->w };
	struct page_read r;
	struct copy *c;
	size_t i;
	int ret = 0;

	if (page_read(&g, sc->l, &r) < 0)
		return -1;
	switch (r.status) {
	case PAGE_BLANK:
		sc->blank++;
		say(sc, MSG_SCAN_BLANK, page);
		goto out;
	case PAGE_NO_MARKS:
		diag_file(sc->d, MSG_SCAN_NO_MARKS, page);
		ret = 1;
		goto out;
	case PAGE_NO_CODE:
		diag_file(sc->d, MSG_SCAN_NO_CODE, page);
		ret = 1;
		goto out;
	case PAGE_FOREIGN:
		sc->other++;
		say(sc, MSG_SCAN_FOREIGN, page);
		goto out;
	case PAGE_OK:
		break;
	}
	if (strcmp(r.code.survey, sc->s->code) != 0) {
		sc->other++;
		say(sc, MSG_SCAN_OTHER_SURVEY, page, r.code.survey, sc->s->code);
		goto out;
	}
	if (r.code.fingerprint != sc->l->fingerprint || r.code.npages != sc->l->npages) {
		sc->other++;
		say(sc, MSG_SCAN_OTHER_VERSION, page, sc->s->code);
		goto out;
	}
	c = copy_for(sc, &r.code, page);
	if (!c) {
		ret = -1;
		goto out;
	}
	if (c->seen & (1u << (r.code.page - 1))) {
		say(sc, MSG_SCAN_DUPLICATE, page, r.code.serial, r.code.page,
		    c->seen_at[r.code.page - 1]);
		goto out;
	}
	c->seen |= 1u << (r.code.page - 1);
	c->seen_at[r.code.page - 1] = page;
	if (r.code.site[0] && !c->site) {
		c->site = survey_site(sc->s, r.code.site);
		if (!c->site) {
			char *list = survey_site_list(sc->s);

			diag_file(sc->d, MSG_SCAN_SITE, page, r.code.site, list ? list : "");
			free(list);
		}
	}
	c->comment |= r.comment;
	for (i = 0; i < sc->l->nitems; i++) {
		const struct sheet_item *it = &sc->l->items[i];
		const struct question_def *q = &sc->s->qs[it->q];
		size_t opts[MAX_OPTS], n, k;
		enum answer_state a;

		if (it->page != r.code.page || it->zone_h > 0)
			continue;
		a = page_answer(&r, sc->l, it, strcmp(q->qtype, "multi") == 0, opts, MAX_OPTS, &n);
		c->state[it->q] = (unsigned char)a;
		for (k = 0; k < n; k++)
			c->opts[it->q] |= (uint64_t)1 << opts[k];
		if (a == ANS_TWO || a == ANS_DOUBT) {
			if (sc->nbad == sc->badcap) {
				size_t nc = sc->badcap ? sc->badcap * 2 : 32;
				struct unreadable *p = realloc(sc->bad, nc * sizeof(*p));

				if (!p) {
					ret = -1;
					goto out;
				}
				sc->bad = p;
				sc->badcap = nc;
			}
			sc->bad[sc->nbad].page = page;
			sc->bad[sc->nbad].serial = r.code.serial;
			sc->bad[sc->nbad].q = it->q;
			sc->bad[sc->nbad].why = a;
			sc->nbad++;
			if (sc->review)
				review_add(sc, img, &r, it, page, a);
		}
	}
out:
	page_read_release(&r);
	return ret;
}

/* Reads every page of the file. Returns 0, or -1 when the file is refused (reported). */
static int scan_pages(struct scan *sc)
{
	struct page_img img;
	GError *err = NULL;
	int ret = 0, r, p, n;

	memset(&img, 0, sizeof(img));
	{
		FILE *f = fopen(sc->file, "rb");
		unsigned char m[5] = { 0 };
		size_t got = f ? fread(m, 1, sizeof(m), f) : 0;

		if (f)
			fclose(f);
		if (got == 5 && memcmp(m, "%PDF-", 5) == 0) {
			char *abs = realpath(sc->file, NULL);
			char *uri = abs ? g_filename_to_uri(abs, NULL, NULL) : NULL;
			PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err)
			                           : NULL;

			free(abs);
			g_free(uri);
			if (!doc) {
				diag_file(sc->d, MSG_SCAN_PDF_BAD, err ? err->message : "?");
				if (err)
					g_error_free(err);
				return -1;
			}
			n = poppler_document_get_n_pages(doc);
			if (n < 1 || n > SCAN_MAX_PAGES) {
				if (n < 1)
					diag_file(sc->d, MSG_SCAN_NO_PAGE);
				else
					diag_file(sc->d, MSG_SCAN_TOO_MANY, n, SCAN_MAX_PAGES);
				g_object_unref(doc);
				return -1;
			}
			for (p = 0; p < n && ret == 0; p++) {
				double wmm, hmm;

				r = render_pdf_page(doc, p, &img, &wmm, &hmm);
				sc->pages++;
				if (r == 1)
					diag_file(sc->d, MSG_SCAN_HUGE, p + 1, wmm, hmm);
				else if (r == 2)
					diag_file(sc->d, MSG_SCAN_NOT_IMAGE, p + 1);
				else if (r < 0)
					diag_file(sc->d, MSG_SCAN_PAGE_BAD, p + 1);
				else if (scan_page(sc, &img, p + 1) < 0)
					ret = -1;
				free(img.px);
				img.px = NULL;
			}
			g_object_unref(doc);
			return ret;
		}
		if (got == 0) {
			diag_file(sc->d, MSG_SCAN_EMPTY);
			return -1;
		}
	}
	{
		GdkPixbuf *pb = gdk_pixbuf_new_from_file(sc->file, &err);

		if (!pb) {
			if (err && err->domain == GDK_PIXBUF_ERROR &&
			    err->code == GDK_PIXBUF_ERROR_UNKNOWN_TYPE)
				diag_file(sc->d, MSG_SCAN_NOT_SCAN);
			else
				diag_file(sc->d, MSG_SCAN_IMAGE_BAD, err ? err->message : "?");
			if (err)
				g_error_free(err);
			return -1;
		}
		sc->pages = 1;
		if ((double)gdk_pixbuf_get_width(pb) * gdk_pixbuf_get_height(pb) > SCAN_MAX_PIXELS) {
			double k = 25.4 / 300.0;

			diag_file(sc->d, MSG_SCAN_HUGE, 1, gdk_pixbuf_get_width(pb) * k,
			          gdk_pixbuf_get_height(pb) * k);
		} else if (pixbuf_grey(pb, &img) < 0) {
			diag_file(sc->d, MSG_SCAN_PAGE_BAD, 1);
		} else if (scan_page(sc, &img, 1) < 0) {
			ret = -1;
		}
		free(img.px);
		g_object_unref(pb);
	}
	return ret;
}

/* Stages every copy read. Returns 0, or -1 on a database error. */
static int stage(struct scan *sc, struct batch *b, const char *sha, unsigned long long *answers)
{
	size_t i, q, k;
	char source[96];

	*answers = 0;
	for (i = 0; i < sc->ncopies; i++) {
		const struct copy *c = &sc->copies[i];
		const struct place_def *site = c->site ? c->site : sc->site;
		long rownum = (long)i + 1;

		if (c->serial > 0)
			snprintf(source, sizeof(source), "%06lX-%ld", c->run, c->serial);
		else
			snprintf(source, sizeof(source), "sha256:%.64s:%d", sha, c->first_page);
		if (batch_response(b, rownum, site ? site->id : 0, sc->channel ? sc->channel->id : 0,
		                   NULL, NULL, NULL, source) < 0)
			return -1;
		for (q = 0; q < sc->s->nq; q++) {
			if (c->state[q] != ANS_SET)
				continue;
			for (k = 0; k < sc->s->qs[q].nopts && k < MAX_OPTS; k++)
				if (c->opts[q] & ((uint64_t)1 << k)) {
					if (batch_answer(b, rownum, sc->s->qs[q].id,
					                 sc->s->qs[q].opts[k].code) < 0)
						return -1;
					(*answers)++;
				}
		}
		if (c->comment)
			sc->comments++;
	}
	return 0;
}

static void scan_release(struct scan *sc)
{
	size_t i;

	for (i = 0; i < sc->ncopies; i++) {
		free(sc->copies[i].state);
		free(sc->copies[i].opts);
	}
	free(sc->copies);
	free(sc->bad);
	sc->copies = NULL;
	sc->bad = NULL;
	sc->ncopies = sc->cap = sc->nbad = sc->badcap = 0;
}

static void summary(struct scan *sc, const struct batch_result *res, int dry_run,
                    const char *kind)
{
	char *s;
	size_t i;

	s = msg_format(MSG_SCAN_HEAD, sc->file, kind, sc->pages);
	printf("%s\n", s ? s : "");
	free(s);
	/* a dry run says what a real run would have recorded */
	if (dry_run)
		s = msg_format(MSG_SCAN_DRY, (unsigned long)sc->ncopies, res->responses,
		               res->responses_already, res->answers);
	else
		s = msg_format(MSG_SCAN_LOT, res->batch_id, (unsigned long)sc->ncopies,
		               res->responses, res->responses_already, res->answers);
	printf("%s\n", s ? s : "");
	free(s);
	if (sc->comments) {
		s = msg_format(MSG_SCAN_COMMENTS, sc->comments);
		printf("%s\n", s ? s : "");
		free(s);
	}
	if (sc->nbad) {
		s = msg_format(MSG_SCAN_UNREADABLE_HEAD, (unsigned long)sc->nbad);
		printf("%s\n", s ? s : "");
		free(s);
		for (i = 0; i < sc->nbad; i++) {
			s = msg_format(MSG_SCAN_UNREADABLE_ITEM, sc->bad[i].page, sc->bad[i].serial,
			               sc->s->qs[sc->bad[i].q].wording, sc->s->qs[sc->bad[i].q].code,
			               msg_text(sc->bad[i].why == ANS_TWO ? MSG_SCAN_TWO : MSG_SCAN_DOUBT));
			printf("%s\n", s ? s : "");
			free(s);
		}
	}
}

struct scan_opts {
	const char *review;
	int dry_run, quiet;
};

/* Opens the review PDF (cairo writes it to a temporary name, renamed once complete). */
static cairo_t *review_open(const char *tmp)
{
	cairo_surface_t *sf = cairo_pdf_surface_create(tmp, SHEET_W, SHEET_H);
	cairo_t *cr = cairo_create(sf);

	cairo_surface_destroy(sf);
	return cr;
}

/* Finishes the review PDF: 0, or -1 (message printed, nothing left). */
static int review_close(struct scan *sc, cairo_t *cr, const char *tmp, const char *path)
{
	cairo_surface_t *sf = cairo_get_target(cr);
	int ok;

	if (sc->reviewed == 0) {
		char *t = msg_format(MSG_SCAN_REVIEW_TITLE, sc->file);

		review_text(cr, 40, 40, 14, 1, t ? t : "");
		review_text(cr, 40, 70, 12, 0, msg_text(MSG_SCAN_REVIEW_NONE));
		free(t);
		cairo_show_page(cr);
	}
	cairo_surface_finish(sf);
	ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS &&
	     cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	if (!ok || paper_publish(tmp, path) != 0) {
		msg_print(stderr, sc->prog, MSG_PAPER_TEMPLATE_WRITE, path,
		          ok ? strerror(errno) : "cairo");
		unlink(tmp);
		return -1;
	}
	if (!sc->quiet) {
		char *s = msg_format(MSG_SCAN_REVIEW_DONE, path, sc->reviewed);

		printf("%s\n", s ? s : "");
		free(s);
	}
	return 0;
}

static int scan_file(PGconn *conn, const char *prog, const char *file, const struct scan_opts *o,
                     const struct survey_def *s, const struct sheet_layout *l,
                     const struct place_def *site, const struct place_def *channel)
{
	struct scan sc;
	struct diag d;
	struct batch_result res;
	struct batch_info info;
	struct batch *b;
	char sha[65], *tmp = NULL;
	long long size;
	unsigned long long answers;
	int r, ret = EXIT_REJECTED;
	const char *kind = "PDF";

	memset(&sc, 0, sizeof(sc));
	memset(&res, 0, sizeof(res));
	diag_init(&d, file, stderr);
	sc.prog = prog;
	sc.file = file;
	sc.s = s;
	sc.l = l;
	sc.site = site;
	sc.channel = channel;
	sc.d = &d;
	sc.quiet = o->quiet;
	if (file_sha256(file, sha, &size) < 0) {
		diag_file(&d, MSG_OPEN_FAILED, strerror(errno));
		return EXIT_REJECTED;
	}
	r = batch_find(conn, prog, s->org_id, s->survey_id, sha, &res);
	if (r < 0)
		return EXIT_DB;
	if (r == 1) {
		char *m = msg_format(MSG_BATCH_ALREADY, res.already_batch, res.already_at);

		printf("%s: %s\n", file, m ? m : "");
		free(m);
		return EXIT_DONE;
	}
	if (o->review) {
		size_t n = strlen(o->review) + 16;

		tmp = malloc(n);
		if (!tmp)
			return EXIT_REJECTED;
		snprintf(tmp, n, "%s.tmpXXXXXX", o->review);
		r = mkstemp(tmp);
		if (r < 0) {
			msg_print(stderr, prog, MSG_PAPER_TEMPLATE_WRITE, o->review, strerror(errno));
			free(tmp);
			return EXIT_REJECTED;
		}
		close(r);
		sc.review = review_open(tmp);
	}
	if (scan_pages(&sc) < 0 && d.count == 0)
		diag_file(&d, MSG_READ_FAILED, strerror(ENOMEM));
	if (d.count == 0 && sc.ncopies == 0)
		diag_file(&d, MSG_SCAN_NOTHING, s->code);
	if (d.count > 0) {
		diag_finish(&d);
		diag_file(&d, MSG_BATCH_REJECTED, d.count);
		goto out;
	}
	b = batch_begin(conn, prog, s->org_id, s->survey_id);
	if (!b) {
		ret = EXIT_DB;
		goto out;
	}
	if (stage(&sc, b, sha, &answers) < 0) {
		batch_abort(b);
		ret = EXIT_DB;
		goto out;
	}
	memset(&info, 0, sizeof(info));
	info.collector = prog;
	info.format = "scan";
	info.file_name = file;
	info.sha256 = sha;
	{
		FILE *f = fopen(file, "rb");
		unsigned char m[4] = { 0 };

		if (f) {
			if (fread(m, 1, 4, f) == 4 && memcmp(m, "%PDF", 4) != 0)
				kind = m[0] == 0x89 ? "PNG" : m[0] == 0xff ? "JPEG" : "TIFF";
			fclose(f);
		}
	}
	info.encoding = kind;
	info.delimiter = 0;
	info.source_system = "scan";
	info.rows_read = (uint64_t)sc.pages;
	info.rows_skipped = (uint64_t)(sc.blank + sc.other);
	if (batch_commit(b, &info, o->dry_run, &res) < 0) {
		ret = EXIT_DB;
		goto out;
	}
	if (!o->quiet)
		summary(&sc, &res, o->dry_run, kind);
	ret = EXIT_DONE;
out:
	if (sc.review && review_close(&sc, sc.review, tmp, o->review) < 0 && ret == EXIT_DONE)
		ret = EXIT_REJECTED;
	free(tmp);
	scan_release(&sc);
	return ret;
}

int paper_scan_main(int argc, char **argv, const char *prog)
{
	static const struct option longopts[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "site", required_argument, NULL, 'S' },
		{ "channel", required_argument, NULL, 'c' },
		{ "review", required_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *survey_code = NULL, *format = "auto", *site_code = NULL, *channel_code = "guichet";
	const char *db = NULL, *org_code = NULL;
	struct scan_opts o;
	struct paper_open po;
	struct sheet_layout l;
	int c, i, status = EXIT_DONE;

	memset(&o, 0, sizeof(o));
	memset(&l, 0, sizeof(l));
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:f:nqh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': survey_code = optarg; break;
		case 'f': format = optarg; break;
		case 'S': site_code = optarg; break;
		case 'c': channel_code = optarg; break;
		case 'r': o.review = optarg; break;
		case 'd': db = optarg; break;
		case 'o': org_code = optarg; break;
		case 'n': o.dry_run = 1; break;
		case 'q': o.quiet = 1; break;
		case 'h': fputs(msg_text(MSG_PAPER_USAGE), stdout); return EXIT_DONE;
		default: msg_print(stderr, prog, MSG_BAD_OPTION); return EXIT_USAGE;
		}
	}
	if (strcmp(format, "auto") != 0 && strcmp(format, "scan") != 0) {
		msg_print(stderr, prog, MSG_UNKNOWN_FORMAT, format, "tally, omr, scan");
		return EXIT_USAGE;
	}
	if (!survey_code) {
		msg_print(stderr, prog, MSG_NEED_SURVEY);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		msg_print(stderr, prog, MSG_NEED_FILE);
		return EXIT_USAGE;
	}
	status = paper_open(&po, prog, db, org_code, survey_code, site_code, channel_code);
	if (status != EXIT_DONE)
		return status;
	if (sheet_layout_init(&l, po.s) < 0) {
		msg_print(stderr, prog, MSG_PAPER_FORM_TOO_LONG, po.s->code, SHEET_MAX_PAGES);
		status = EXIT_USAGE;
		goto out;
	}
	for (i = optind; i < argc; i++) {
		int r = scan_file(po.conn, prog, argv[i], &o, po.s, &l, po.site, po.channel);

		if (r == EXIT_DB || PQstatus(po.conn) != CONNECTION_OK) {
			status = EXIT_DB;
			break;
		}
		if (r > status)
			status = r;
	}
out:
	sheet_release(&l);
	paper_close(&po);
	if (!rendered_text)
		drawing_shutdown();
	return status;
}

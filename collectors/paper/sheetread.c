/* sheetread.c: reads one scanned page of the printed questionnaire (see sheetread.h). The four
 * corner marks are the largest solid squares near each corner; an affine fit of their centres
 * gives rotation, scale and shift; the page code is decoded with zbar where the fit puts it
 * (the page upright, else upside down); each box is then measured as the share of ink inside
 * it (its printed outline left out) and in a ring around it, against the page's own paper and
 * ink levels. Thresholds leave a margin of doubt on both sides of every decision: a box that
 * falls in a margin is BOX_DOUBT, never guessed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zbar.h>

#include "sheetread.h"

/* Box decisions, on the share of ink above the page's empty boxes (0..1). */
#define INK_EMPTY 0.025    /* below: empty (empty boxes measure 0.01 at most) */
#define INK_CHECK 0.04     /* from here: checked (crosses, ticks, pencil: 0.05 to 0.45) */
#define INK_FULL_DOUBT 0.52
#define INK_FILLED 0.66    /* from here: filled in (cancelled; filled boxes measure 0.85) */
#define RING_SIDE 0.045    /* a side of the ring with this much ink has a stroke across it */
#define RING_CIRCLE 0.15   /* the whole ring, for a circle drawn around the box */
#define RING_ANY 0.03
#define IN 1.9             /* the inside of a box starts this far in from its outline */
#define RI 1.4             /* the ring around it, from this far out of the outline */
#define RO 5.0             /* to this far (the option's label starts 6 points away) */
#define SHIFT 2.5          /* how far (points) a box is looked for around its place */
#define BASE_MAX 0.05      /* an empty box never holds more ink than this */

void page_read_release(struct page_read *r)
{
	if (!r)
		return;
	free(r->box);
	free(r->ink);
	r->box = NULL;
	r->ink = NULL;
	r->nbox = 0;
}

void page_map(const struct page_read *r, double x, double y, double *ix, double *iy)
{
	*ix = r->affine[0] * x + r->affine[1] * y + r->affine[2];
	*iy = r->affine[3] * x + r->affine[4] * y + r->affine[5];
}

/* The grey level below which `frac` of the pixels lie (sampled every few pixels). */
static int percentile(const struct grey *g, double frac)
{
	unsigned long hist[256] = { 0 }, n = 0, acc = 0;
	int x, y, v;

	for (y = 0; y < g->h; y += 3)
		for (x = 0; x < g->w; x += 3) {
			hist[g->px[(size_t)y * g->stride + x]]++;
			n++;
		}
	for (v = 0; v < 256; v++) {
		acc += hist[v];
		if ((double)acc >= frac * (double)n)
			return v;
	}
	return 255;
}

struct blob {
	double cx, cy, level;
	long area;
	int found;
};

/* The corner mark of corner i (0 top left .. 3 bottom right, of the image): the dark connected
 * region, square, solid and of the expected side (side px), nearest to that corner. */
static int find_mark(const struct grey *g, int corner, double side, int thr, struct blob *out)
{
	int ww = (int)(g->w * 0.25), wh = (int)(g->h * 0.18);
	int x0 = (corner & 1) ? g->w - ww : 0, y0 = (corner & 2) ? g->h - wh : 0;
	unsigned char *seen = calloc((size_t)ww * wh, 1);
	int *stack = malloc(sizeof(int) * (size_t)ww * wh);
	double best = 1e30, ccx = (corner & 1) ? g->w : 0, ccy = (corner & 2) ? g->h : 0;
	int x, y;

	memset(out, 0, sizeof(*out));
	if (!seen || !stack) {
		free(seen);
		free(stack);
		return -1;
	}
	for (y = 0; y < wh; y++)
		for (x = 0; x < ww; x++) {
			long area = 0, sp = 0, minx = x, maxx = x, miny = y, maxy = y;
			double sx = 0, sy = 0, sl = 0, d;

			if (seen[y * ww + x] || g->px[(size_t)(y0 + y) * g->stride + x0 + x] >= thr)
				continue;
			seen[y * ww + x] = 1;
			stack[sp++] = y * ww + x;
			while (sp > 0) {
				int p = stack[--sp], px = p % ww, py = p / ww, k;
				static const int dx[4] = { 1, -1, 0, 0 }, dy[4] = { 0, 0, 1, -1 };

				area++;
				sx += px;
				sy += py;
				sl += g->px[(size_t)(y0 + py) * g->stride + x0 + px];
				if (px < minx) minx = px;
				if (px > maxx) maxx = px;
				if (py < miny) miny = py;
				if (py > maxy) maxy = py;
				for (k = 0; k < 4; k++) {
					int nx = px + dx[k], ny = py + dy[k];

					if (nx < 0 || ny < 0 || nx >= ww || ny >= wh || seen[ny * ww + nx])
						continue;
					if (g->px[(size_t)(y0 + ny) * g->stride + x0 + nx] >= thr)
						continue;
					seen[ny * ww + nx] = 1;
					stack[sp++] = ny * ww + nx;
				}
			}
			{
				double bw = (double)(maxx - minx + 1), bh = (double)(maxy - miny + 1);

				if (bw < 0.75 * side || bw > 1.5 * side || bh < 0.75 * side ||
				    bh > 1.5 * side)
					continue;
				if ((double)area < 0.55 * side * side || (double)area > 1.4 * side * side ||
				    (double)area < 0.7 * bw * bh)
					continue;
			}
			sx = sx / (double)area + x0;
			sy = sy / (double)area + y0;
			d = hypot(sx - ccx, sy - ccy);
			if (d < best) {
				best = d;
				out->cx = sx + 0.5;
				out->cy = sy + 0.5;
				out->level = sl / (double)area;
				out->area = area;
				out->found = 1;
			}
		}
	free(seen);
	free(stack);
	return 0;
}

/* Least-squares affine map of the form points (fx, fy) onto the image points (ix, iy).
 * Returns 0, or -1 when the points are degenerate. */
static int fit_affine(const double *fx, const double *fy, const double *ix, const double *iy,
                      int n, double a[6])
{
	double m[3][3] = { { 0 } }, bx[3] = { 0 }, by[3] = { 0 }, det;
	int i, r, c;

	for (i = 0; i < n; i++) {
		double v[3] = { fx[i], fy[i], 1 };

		for (r = 0; r < 3; r++) {
			for (c = 0; c < 3; c++)
				m[r][c] += v[r] * v[c];
			bx[r] += v[r] * ix[i];
			by[r] += v[r] * iy[i];
		}
	}
	det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
	      m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
	      m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
	if (fabs(det) < 1e-9)
		return -1;
	for (i = 0; i < 2; i++) {
		const double *b = i ? by : bx;
		double *o = a + 3 * i;

		o[0] = (b[0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
		        m[0][1] * (b[1] * m[2][2] - m[1][2] * b[2]) +
		        m[0][2] * (b[1] * m[2][1] - m[1][1] * b[2])) / det;
		o[1] = (m[0][0] * (b[1] * m[2][2] - m[1][2] * b[2]) -
		        b[0] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
		        m[0][2] * (m[1][0] * b[2] - b[1] * m[2][0])) / det;
		o[2] = (m[0][0] * (m[1][1] * b[2] - b[1] * m[2][1]) -
		        m[0][1] * (m[1][0] * b[2] - b[1] * m[2][0]) +
		        b[0] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])) / det;
	}
	return 0;
}

/* Decodes QR codes in the image rectangle [x0,x1) x [y0,y1). Calls back with each text and the
 * centre of its symbol; returns how many were found. */
static int decode_region(const struct grey *g, int x0, int y0, int x1, int y1, char *text,
                         size_t size, double *cx, double *cy)
{
	zbar_image_scanner_t *sc;
	zbar_image_t *img;
	const zbar_symbol_t *sym;
	unsigned char *buf;
	int w, h, y, found = 0;

	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > g->w) x1 = g->w;
	if (y1 > g->h) y1 = g->h;
	w = x1 - x0;
	h = y1 - y0;
	if (w < 16 || h < 16)
		return 0;
	buf = malloc((size_t)w * h);
	if (!buf)
		return 0;
	for (y = 0; y < h; y++)
		memcpy(buf + (size_t)y * w, g->px + (size_t)(y0 + y) * g->stride + x0, (size_t)w);
	sc = zbar_image_scanner_create();
	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	img = zbar_image_create();
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)w, (unsigned)h);
	zbar_image_set_data(img, buf, (unsigned long)w * h, NULL);
	if (zbar_scan_image(sc, img) > 0) {
		for (sym = zbar_image_first_symbol(img); sym; sym = zbar_symbol_next(sym)) {
			unsigned i, n = zbar_symbol_get_loc_size(sym);
			double sx = 0, sy = 0;

			if (zbar_symbol_get_type(sym) != ZBAR_QRCODE)
				continue;
			for (i = 0; i < n; i++) {
				sx += zbar_symbol_get_loc_x(sym, i);
				sy += zbar_symbol_get_loc_y(sym, i);
			}
			snprintf(text, size, "%s", zbar_symbol_get_data(sym));
			*cx = x0 + (n ? sx / n : w / 2.0);
			*cy = y0 + (n ? sy / n : h / 2.0);
			found = 1;
			if (strncmp(text, "B1;", 3) == 0)
				break;
		}
	}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	free(buf);
	return found;
}

/* Decodes the page code where the fit a[] puts it. 1 when found. */
static int decode_code(const struct grey *g, const double a[6], char *text, size_t size)
{
	double qx, qy, xs[4], ys[4], cx, cy, minx = 1e30, miny = 1e30, maxx = -1e30, maxy = -1e30;
	int i;

	sheet_qr_origin(&qx, &qy);
	for (i = 0; i < 4; i++) {
		double fx = qx - 8 + (i & 1) * (SHEET_QR + 16), fy = qy - 8 + (i >> 1) * (SHEET_QR + 16);

		xs[i] = a[0] * fx + a[1] * fy + a[2];
		ys[i] = a[3] * fx + a[4] * fy + a[5];
		minx = fmin(minx, xs[i]);
		maxx = fmax(maxx, xs[i]);
		miny = fmin(miny, ys[i]);
		maxy = fmax(maxy, ys[i]);
	}
	return decode_region(g, (int)minx, (int)miny, (int)ceil(maxx), (int)ceil(maxy), text, size,
	                     &cx, &cy);
}

/* The ink at form point (x, y) mapped to the image by a: 0 paper .. 1 ink (0 off the image). */
static double ink_at(const struct grey *g, const double a[6], double x, double y, double paper,
                     double span)
{
	long ix = lround(a[0] * x + a[1] * y + a[2] - 0.5);
	long iy = lround(a[3] * x + a[4] * y + a[5] - 0.5);
	double d;

	if (ix < 0 || iy < 0 || ix >= g->w || iy >= g->h)
		return 0;
	d = (paper - g->px[(size_t)iy * g->stride + ix]) / span;
	return d < 0 ? 0 : d > 1 ? 1 : d;
}

/* Mean ink in the form rectangle [x0,x1) x [y0,y1), sampled once per pixel: 0 paper .. 1 ink. */
static double region_ink(const struct grey *g, const double a[6], double x0, double y0, double x1,
                         double y1, double step, double paper, double ink)
{
	double x, y, sum = 0, span = fmax(paper - ink, 20);
	long n = 0;

	for (y = y0 + step / 2; y < y1; y += step)
		for (x = x0 + step / 2; x < x1; x += step) {
			n++;
			sum += ink_at(g, a, x, y, paper, span);
		}
	return n ? sum / (double)n : 0;
}

/* Mean ink along the printed outline of the box whose top-left corner is (x, y). */
static double outline_ink(const struct grey *g, const double a[6], double x, double y,
                          double step, double paper, double ink)
{
	double t, sum = 0, span = fmax(paper - ink, 20);
	long n = 0;
	int side;

	for (t = 0; t <= SHEET_BOX; t += step)
		for (side = 0; side < 4; side++) {
			double fx = side < 2 ? x + t : x + (side - 2) * SHEET_BOX;
			double fy = side < 2 ? y + side * SHEET_BOX : y + t;

			n++;
			sum += ink_at(g, a, fx, fy, paper, span);
		}
	return n ? sum / (double)n : 0;
}

/* The page's fit is good to a point or so; each box is then placed on its own printed outline,
 * looked for up to SHIFT points away, so that the inside and the ring never take in the
 * outline. Sets (*x, *y) to the box's corner as found. */
static void register_box(const struct grey *g, const double a[6], double *x, double *y,
                         double step, double paper, double ink)
{
	double dx, dy, best = -1, bx = *x, by = *y;

	for (dy = -SHIFT; dy <= SHIFT + 1e-9; dy += 0.5)
		for (dx = -SHIFT; dx <= SHIFT + 1e-9; dx += 0.5) {
			double v = outline_ink(g, a, *x + dx, *y + dy, step, paper, ink) -
			           0.002 * (fabs(dx) + fabs(dy));

			if (v > best) {
				best = v;
				bx = *x + dx;
				by = *y + dy;
			}
		}
	*x = bx;
	*y = by;
}

/* SCAN_DEBUG=1 prints every box measured on stderr (for tuning against a generated pile). */
static int debug;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Measures every box of page r->code.page and the comment zones. */
static int measure(const struct grey *g, const struct sheet_layout *l, struct page_read *r,
                   double paper, double ink, double step)
{
	double *inner = calloc(l->nboxes + 1, sizeof(double)), *ring = calloc(l->nboxes * 4 + 1,
	                                                                      sizeof(double));
	double *tmp = calloc(l->nboxes * 4 + 1, sizeof(double));
	double base_in = 0, base_ring = 0;
	size_t i, n = 0, k;

	r->box = calloc(l->nboxes + 1, sizeof(*r->box));
	r->ink = calloc(l->nboxes + 1, sizeof(*r->ink));
	if (!inner || !ring || !tmp || !r->box || !r->ink) {
		free(inner);
		free(ring);
		free(tmp);
		return -1;
	}
	r->nbox = l->nboxes;
	for (i = 0; i < l->nboxes; i++) {
		const struct sheet_box *b = &l->boxes[i];
		double x = b->x, y = b->y, e = SHEET_BOX;

		if (b->page != r->code.page)
			continue;
		register_box(g, r->affine, &x, &y, fmax(step, 0.5), paper, ink);
		inner[i] = region_ink(g, r->affine, x + IN, y + IN, x + e - IN, y + e - IN, step,
		                      paper, ink);
		ring[4 * i + 0] = region_ink(g, r->affine, x - RO, y - RO, x + e + RO, y - RI, step,
		                             paper, ink);
		ring[4 * i + 1] = region_ink(g, r->affine, x - RO, y + e + RI, x + e + RO, y + e + RO,
		                             step, paper, ink);
		ring[4 * i + 2] = region_ink(g, r->affine, x - RO, y - RI, x - RI, y + e + RI, step,
		                             paper, ink);
		ring[4 * i + 3] = region_ink(g, r->affine, x + e + RI, y - RI, x + e + RO, y + e + RI,
		                             step, paper, ink);
		tmp[n++] = inner[i];
	}
	/* most boxes of a page are empty: their lower quartile is the page's empty box */
	if (n) {
		qsort(tmp, n, sizeof(double), cmp_double);
		base_in = fmin(tmp[(n - 1) / 4], BASE_MAX);
		for (i = 0, k = 0; i < l->nboxes; i++)
			if (l->boxes[i].page == r->code.page) {
				memcpy(tmp + k, ring + 4 * i, 4 * sizeof(double));
				k += 4;
			}
		qsort(tmp, k, sizeof(double), cmp_double);
		base_ring = fmin(tmp[(k - 1) / 4], BASE_MAX);
	}
	for (i = 0; i < l->nboxes; i++) {
		double c = inner[i] - base_in, total = 0;
		int sides = 0, any = 0, circle;

		if (l->boxes[i].page != r->code.page)
			continue;
		for (k = 0; k < 4; k++) {
			double s = ring[4 * i + k] - base_ring;

			sides += s >= RING_SIDE;
			any += s >= RING_ANY;
			total += s;
		}
		circle = sides >= 2 && total >= RING_CIRCLE;
		r->ink[i] = c;
		if (c >= INK_FILLED)
			r->box[i] = BOX_FILLED;
		else if (c >= INK_FULL_DOUBT)
			r->box[i] = BOX_DOUBT;
		else if (c >= INK_CHECK)
			r->box[i] = BOX_CHECKED;
		else if (c >= INK_EMPTY)
			r->box[i] = circle ? BOX_CHECKED : BOX_DOUBT;
		else if (circle)
			r->box[i] = BOX_CHECKED;   /* a circle drawn around the box */
		else if (any)
			r->box[i] = BOX_DOUBT;
		else
			r->box[i] = BOX_EMPTY;
		if (debug)
			fprintf(stderr, "%s s%ld q%zu o%zu: in %.3f ring %.3f %.3f %.3f %.3f\n",
			        r->box[i] == BOX_DOUBT ? "DOUBT" : r->box[i] == BOX_CHECKED ? "check" : r->box[i] == BOX_EMPTY ? "empty" : "fill",
			        r->code.serial, l->boxes[i].q, l->boxes[i].opt, c, ring[4 * i] - base_ring,
			        ring[4 * i + 1] - base_ring, ring[4 * i + 2] - base_ring,
			        ring[4 * i + 3] - base_ring);
	}
	for (i = 0; i < l->nitems; i++) {
		const struct sheet_item *it = &l->items[i];

		if (it->page == r->code.page && it->zone_h > 0 &&
		    region_ink(g, r->affine, SHEET_LEFT + 5, it->zone_y + 5, SHEET_RIGHT - 5,
		               it->zone_y + it->zone_h - 5, 1.0, paper, ink) - base_in > 0.012)
			r->comment = 1;
	}
	free(inner);
	free(ring);
	free(tmp);
	return 0;
}

int page_read(const struct grey *g, const struct sheet_layout *l, struct page_read *r)
{
	double fx[4], fy[4], ix[4], iy[4], s, ink = 0, best_err = 1e30;
	char text[256];
	struct blob m[4];
	long dark = 0;
	int paper, thr, i, flip, x, y, found = 0;

	memset(r, 0, sizeof(*r));
	debug = getenv("SCAN_DEBUG") != NULL;
	paper = percentile(g, 0.5);
	thr = paper / 2;
	for (y = 0; y < g->h; y += 2)
		for (x = 0; x < g->w; x += 2)
			dark += g->px[(size_t)y * g->stride + x] < thr;
	if ((double)dark < 0.0015 * (double)g->w * g->h / 4 || paper < 60) {
		r->status = paper < 60 ? PAGE_NO_MARKS : PAGE_BLANK;
		return 0;
	}
	s = g->w / SHEET_W;                  /* pixels per point, if the page is A4 */
	for (i = 0; i < 4; i++) {
		if (find_mark(g, i, SHEET_MARK * s, thr, &m[i]) < 0)
			return -1;
		if (!m[i].found) {
			r->status = PAGE_NO_MARKS;
			return 0;
		}
		ink += m[i].level / 4;
	}
	r->status = PAGE_NO_CODE;
	/* upright: image corner i is form mark i; upside down: form mark 3 - i */
	for (flip = 0; flip < 2 && !found; flip++) {
		double a[6], err = 0;

		for (i = 0; i < 4; i++) {
			sheet_mark_centre(flip ? 3 - i : i, &fx[i], &fy[i]);
			ix[i] = m[i].cx;
			iy[i] = m[i].cy;
		}
		if (fit_affine(fx, fy, ix, iy, 4, a) < 0)
			continue;
		for (i = 0; i < 4; i++)
			err = fmax(err, hypot(a[0] * fx[i] + a[1] * fy[i] + a[2] - ix[i],
			                      a[3] * fx[i] + a[4] * fy[i] + a[5] - iy[i]));
		if (err > 4.0 * s) {        /* not the four corners of one printed page */
			r->status = PAGE_NO_MARKS;
			continue;
		}
		if (err < best_err) {
			best_err = err;
			memcpy(r->affine, a, sizeof(a));
			r->upside_down = flip;
		}
		if (decode_code(g, a, text, sizeof(text))) {
			memcpy(r->affine, a, sizeof(a));
			r->upside_down = flip;
			found = 1;
		}
	}
	if (!found) {
		double cx, cy;

		/* no code where it belongs: is there one elsewhere (another form)? */
		if (decode_region(g, 0, 0, g->w, g->h, text, sizeof(text), &cx, &cy) &&
		    sheet_code_parse(text, &r->code) < 0)
			r->status = PAGE_FOREIGN;
		return 0;
	}
	if (sheet_code_parse(text, &r->code) < 0) {
		r->status = PAGE_FOREIGN;
		return 0;
	}
	r->status = PAGE_OK;
	r->angle = atan2(r->affine[3], r->affine[0]) * 180.0 / M_PI;
	if (r->code.fingerprint != l->fingerprint)
		return 0;
	return measure(g, l, r, paper, ink, 1.0 / s);
}

enum answer_state page_answer(const struct page_read *r, const struct sheet_layout *l,
                              const struct sheet_item *it, int multi, size_t *opts, size_t max,
                              size_t *nopts)
{
	size_t k, checked = 0;

	(void)l;
	*nopts = 0;
	if (!r->box)
		return ANS_NONE;
	for (k = 0; k < it->nbox; k++)
		if (r->box[it->box0 + k] == BOX_DOUBT)
			return ANS_DOUBT;
	for (k = 0; k < it->nbox; k++)
		if (r->box[it->box0 + k] == BOX_CHECKED) {
			if (checked < max)
				opts[checked] = k;
			checked++;
		}
	if (checked == 0)
		return ANS_NONE;
	if (checked > 1 && !multi)
		return ANS_TWO;
	*nopts = checked < max ? checked : max;
	return ANS_SET;
}

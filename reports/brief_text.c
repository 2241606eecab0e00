/* brief_text.c: the sentences of the brief that are made from the figures: the five things to
 * remember, and the method text (page and bundle note). Every word comes from the catalogue
 * (core/messages.def); this file only chooses which sentence the figures call for. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "flash.h"
#include "frfmt.h"
#include "msg.h"
#include "stats.h"

static int add_point(struct brief *b, char *s)
{
	if (!s)
		return -1;
	if (b->npoints >= BRIEF_MAX_POINTS) {
		free(s);
		return 0;
	}
	b->points[b->npoints++] = s;
	return 0;
}

static const char *survey_short(const struct brief *b, int s, char *buf, size_t size)
{
	char *t = msg_format(strcmp(b->s[s].kind, "large") == 0 ? MSG_B_LARGE_SHORT
	                                                        : MSG_B_FLASH_SHORT, b->s[s].year);

	snprintf(buf, size, "%s", t ? t : "");
	free(t);
	return buf;
}

/* The headline indicator: the first on all channels. */
static const struct brief_indicator *headline(const struct brief *b)
{
	size_t i;

	for (i = 0; i < b->nind; i++)
		if (!b->ind[i].channel[0])
			return &b->ind[i];
	return b->nind ? &b->ind[0] : NULL;
}

static int point_head(struct brief *b, const struct brief_indicator *h)
{
	const struct brief_point *pt;
	char v[FR_NUM_SIZE], lo[FR_NUM_SIZE], hi[FR_NUM_SIZE], sh[64];
	char *clause, *s;

	if (!h || b->cur < 0 || !h->pt[b->cur].e.shown)
		return 0;
	pt = &h->pt[b->cur];
	fr_percent(pt->e.p, v, sizeof v);
	fr_percent(pt->e.lo, lo, sizeof lo);
	fr_percent(pt->e.hi, hi, sizeof hi);
	if (pt->prev < 0)
		clause = msg_format(MSG_B_S_FIRST);
	else if (pt->rupture)
		clause = msg_format(MSG_B_S_RUPTURE_SINCE, b->s[pt->prev].year,
		                    survey_short(b, pt->prev, sh, sizeof sh));
	else
		clause = msg_format(pt->change > 0 ? MSG_B_S_UP_SINCE
		                    : pt->change < 0 ? MSG_B_S_DOWN_SINCE : MSG_B_S_STABLE_SINCE,
		                    b->s[pt->prev].year, survey_short(b, pt->prev, sh, sizeof sh));
	if (!clause)
		return -1;
	s = msg_format(MSG_B_S_HEAD, h->label, v, b->s[b->cur].year, lo, hi, clause);
	free(clause);
	return add_point(b, s);
}

static int point_later(struct brief *b, const struct brief_indicator *h)
{
	int s, last = -1;
	char v[FR_NUM_SIZE];
	char *clause, *t;
	struct west now;

	if (!h || b->cur < 0)
		return 0;
	for (s = b->cur + 1; s < (int)b->ns; s++)
		if (h->pt[s].e.shown)
			last = s;
	if (last < 0)
		return add_point(b, msg_format(MSG_B_S_NO_LATER));
	now = h->pt[last].e;
	fr_percent(now.p, v, sizeof v);
	/* The flash surveys are not compared with the large one: other methods (issue 12). */
	clause = msg_format(MSG_B_S_LATER_RUPTURE, b->s[b->cur].year);
	if (!clause)
		return -1;
	t = msg_format(MSG_B_S_LATER, v, b->s[last].year, clause);
	free(clause);
	return add_point(b, t);
}

static int point_strong_weak(struct brief *b)
{
	int best = -1, worst = -1;
	size_t i;
	char v1[FR_NUM_SIZE], v2[FR_NUM_SIZE];

	for (i = 0; i < b->nq; i++) {
		if (!b->q[i].e.shown)
			continue;
		if (best < 0 || b->q[i].e.p > b->q[best].e.p)
			best = (int)i;
		if (worst < 0 || b->q[i].e.p < b->q[worst].e.p)
			worst = (int)i;
	}
	if (best < 0 || best == worst)
		return 0;
	fr_percent(b->q[best].e.p, v1, sizeof v1);
	fr_percent(b->q[worst].e.p, v2, sizeof v2);
	return add_point(b, msg_format(MSG_B_S_STRONG_WEAK, b->q[best].label, v1,
	                               b->q[worst].label, v2));
}

/* The largest significant gap between a group and the other respondents, on the headline
 * question. */
static int point_group(struct brief *b, const struct brief_indicator *h)
{
	const struct brief_group *bg = NULL;
	const struct brief_dim *bd = NULL;
	double gap = 0, g;
	size_t d, j;
	int qi = -1;
	char v[FR_NUM_SIZE], r[FR_NUM_SIZE], dimname[128];

	for (j = 0; h && j < b->nq; j++)
		if (strcmp(b->q[j].code, h->question) == 0)
			qi = (int)j;
	if (qi < 0)
		return 0;
	for (d = 0; d < BRIEF_NDIMS; d++)
		for (j = 0; j < b->dim[d].ng; j++) {
			const struct brief_group *gr = &b->dim[d].g[j];

			if (!gr->diff[qi])
				continue;
			g = fabs(gr->e[qi].p - b->q[qi].e.p);
			if (g > gap) {
				gap = g;
				bg = gr;
				bd = &b->dim[d];
			}
		}
	if (!bg)
		return add_point(b, msg_format(MSG_B_S_NO_GROUP, h->label));
	fr_percent(bg->e[qi].p, v, sizeof v);
	fr_percent(bg->rest[qi].p, r, sizeof r);
	snprintf(dimname, sizeof dimname, "%s", bd->title);
	if (dimname[0] >= 'A' && dimname[0] <= 'Z')
		dimname[0] = (char)(dimname[0] - 'A' + 'a');
	return add_point(b, msg_format(MSG_B_S_GROUP, h->label, v, bg->label, dimname, r));
}

static int point_mirror(struct brief *b)
{
	const struct brief_mirror *best = NULL;
	double gap = -1, g;
	size_t i;
	char a[FR_NUM_SIZE], u[FR_NUM_SIZE], d[FR_NUM_SIZE];

	for (i = 0; i < b->nmir; i++) {
		if (!b->mir[i].agents.shown || !b->mir[i].users.shown)
			continue;
		g = fabs(b->mir[i].agents.p - b->mir[i].users.p);
		if (g > gap) {
			gap = g;
			best = &b->mir[i];
		}
	}
	if (!best)
		return 0;
	fr_percent(best->agents.p, a, sizeof a);
	fr_percent(best->users.p, u, sizeof u);
	fr_points(best->agents.p - best->users.p, d, sizeof d);
	return add_point(b, msg_format(MSG_B_S_MIRROR, best->label, a, u, d));
}

static int point_weighting(struct brief *b, const struct brief_indicator *h)
{
	char raw[FR_NUM_SIZE], w[FR_NUM_SIZE];

	if (!h || !b->weighted || h->raw < 0 || b->cur < 0 || !h->pt[b->cur].e.shown)
		return 0;
	fr_percent(h->raw, raw, sizeof raw);
	fr_percent(h->pt[b->cur].e.p, w, sizeof w);
	return add_point(b, msg_format(MSG_B_S_WEIGHTING, h->label, raw, w));
}

int brief_summary(struct brief *b)
{
	const struct brief_indicator *h = headline(b);

	if (point_head(b, h) < 0 || point_later(b, h) < 0 || point_strong_weak(b) < 0 ||
	    point_group(b, h) < 0 || point_mirror(b) < 0 || point_weighting(b, h) < 0)
		return -1;
	return 0;
}

/* "PROFIL_AGE : 1 : 14 %, 2 : 24 % ..." from the stored margins, by a tiny reader of the JSON
 * that weighting_apply stored ({"margins": {"Q": {"code": share, ...}, ...}}). */
static void margins_text(const char *json, struct outbuf *o)
{
	const char *p = json ? strstr(json, "\"margins\"") : NULL;
	int depth = 0, first_q = 1, first_c = 1;
	char key[64];
	size_t k;

	if (!p)
		return;
	p = strchr(p, '{');
	while (p && *p) {
		if (*p == '{') {
			depth++;
			p++;
			first_c = 1;
		} else if (*p == '}') {
			depth--;
			p++;
			if (depth == 1)
				outbuf_adds(o, ")");
			if (depth == 0)
				break;
		} else if (*p == '"') {
			p++;
			for (k = 0; *p && *p != '"' && k + 1 < sizeof key; p++)
				key[k++] = *p;
			key[k] = '\0';
			if (*p)
				p++;
			while (*p == ' ' || *p == ':')
				p++;
			if (depth == 1) {
				outbuf_addf(o, "%s%s (", first_q ? "" : " ; ", key);
				first_q = 0;
			} else if (depth == 2) {
				char num[FR_NUM_SIZE];

				fr_percent_value(strtod(p, NULL), num, sizeof num);
				outbuf_addf(o, "%s%s : %s", first_c ? "" : ", ", key, num);
				first_c = 0;
			}
		} else {
			p++;
		}
	}
}

char *brief_method_text(const struct brief *b)
{
	char n[FR_NUM_SIZE], start[64], end[64], moe[FR_NUM_SIZE], moe0[FR_NUM_SIZE];
	char lo[FR_NUM_SIZE], hi[FR_NUM_SIZE], deff[FR_NUM_SIZE], neff[FR_NUM_SIZE];
	struct outbuf mg;
	char *weighting, *text;
	double nn = (double)b->responses, deffv = b->weighted ? b->deff : 1.0;

	fr_int(b->responses, n, sizeof n);
	flash_date(b->first_day, start, sizeof start);
	flash_date(b->last_day, end, sizeof end);
	fr_decimal(nn > 1 ? 100 * STATS_Z95 * sqrt(0.25 * deffv / nn) : 0, 1, moe, sizeof moe);
	fr_decimal(nn > 1 ? 100 * STATS_Z95 * sqrt(0.25 / nn) : 0, 1, moe0, sizeof moe0);
	if (b->weighted) {
		outbuf_init(&mg, 1 << 16);
		margins_text(b->margins_json, &mg);
		outbuf_adds(&mg, "");
		fr_decimal(b->w_min, 2, lo, sizeof lo);
		fr_decimal(b->w_max, 2, hi, sizeof hi);
		fr_decimal(b->deff, 2, deff, sizeof deff);
		fr_int((long long)floor(nn / b->deff + 0.5), neff, sizeof neff);
		weighting = msg_format(MSG_B_WEIGHTING, b->iterations, mg.data ? (char *)mg.data : "",
		                       lo, hi, deff, neff);
		outbuf_release(&mg);
	} else {
		weighting = msg_format(MSG_B_NO_WEIGHTING);
	}
	if (!weighting)
		return NULL;
	text = msg_format(MSG_B_METHOD, n, b->title, start, end, b->channels ? b->channels : "",
	                  weighting, moe, moe0);
	free(weighting);
	return text;
}

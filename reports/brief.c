/* brief.c: `survey-report brief`: fetches the aggregates of a large survey, of the series of
 * large and flash surveys around it and of its mirror survey (schema/functions/040_brief.sql),
 * derives the weighted rates, intervals and tests (wstats.c), and writes the multi-page PDF
 * (brief_draw.c), the open-data CSV and the ZIP bundle, each atomically. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief.h"
#include "bundle.h"
#include "command.h"
#include "csvout.h"
#include "db.h"
#include "flash.h"
#include "frfmt.h"
#include "msg.h"
#include "report.h"
#include "stats.h"

#define PROG "survey-report"

static const struct {
	const char *key;
	enum msg_id title;
} dims[BRIEF_NDIMS] = {
	{ "canal", MSG_B_DIM_CANAL }, { "site", MSG_B_DIM_SITE },
	{ "parcours", MSG_B_DIM_PARCOURS }, { "PROFIL_AGE", MSG_B_DIM_AGE },
	{ "PROFIL_SEXE", MSG_B_DIM_SEXE }, { "PROFIL_QUARTIER", MSG_B_DIM_QUARTIER },
};

static PGresult *fetch(PGconn *conn, struct brief *b, const char *sql, int n, const char *const *p)
{
	PGresult *r;

	if (b->nres >= sizeof b->res / sizeof b->res[0]) {
		fprintf(stderr, "%s: brief: too many queries\n", PROG);
		return NULL;
	}
	r = db_query(conn, PROG, PGRES_TUPLES_OK, sql, n, p);
	if (r)
		b->res[b->nres++] = r;
	return r;
}

static double num(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

static void agg_from(const PGresult *r, int row, int col0, struct wagg *a)
{
	a->n = num(r, row, col0);
	a->w = num(r, row, col0 + 1);
	a->k = num(r, row, col0 + 2);
	a->w2 = num(r, row, col0 + 3);
	a->k2 = num(r, row, col0 + 4);
	a->design_n = num(r, row, col0 + 5);
}

static int question_index(const struct brief *b, const char *code)
{
	size_t i;

	for (i = 0; i < b->nq; i++)
		if (strcmp(b->q[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* The change of indicator ind from flash survey `last` to flash survey s, judged as the
 * dashboard judges it: the strata of report_strata (channels), when the survey that
 * report_strata compares s with is `last`. 0, or -1 on a database error. */
static int flash_change(PGconn *conn, struct brief *b, const char *orgs,
                        struct brief_indicator *ind, int s, int last)
{
	char sid[16];
	const char *p[2] = { orgs, sid };
	struct stratum st[32];
	struct strat_test t;
	PGresult *r;
	size_t ns = 0;
	int row;

	snprintf(sid, sizeof sid, "%d", b->s[s].id);
	r = fetch(conn, b, "SELECT x.n, x.k, x.prev_n, x.prev_k, "
	          "(SELECT code FROM survey WHERE survey_id = report_previous($1, $2)) "
	          "FROM report_strata($1, $2) x WHERE x.scope = 'canal' AND x.indicator = $3",
	          3, (const char *[]){ p[0], p[1], ind->code });
	if (!r)
		return -1;
	for (row = 0; row < PQntuples(r) && ns < sizeof st / sizeof st[0]; row++) {
		if (strcmp(PQgetvalue(r, row, 4), b->s[last].code) != 0)
			return 0;
		st[ns].n1 = num(r, row, 0);
		st[ns].k1 = num(r, row, 1);
		st[ns].n0 = num(r, row, 2);
		st[ns].k0 = num(r, row, 3);
		ns++;
	}
	strat_compare(st, ns, &t);
	ind->pt[s].change = strat_change(&t);
	ind->pt[s].pval = t.p;
	return 0;
}

static int load_trends(PGconn *conn, struct brief *b, const char *orgs)
{
	PGresult *r;
	int row, nrow, s;
	size_t i, j;
	struct brief_indicator *ind = NULL;
	struct wagg a;

	r = fetch(conn, b, "SELECT survey_id, code, kind, title, year, period_start, period_end "
	          "FROM brief_surveys($1)", 1, &orgs);
	if (!r)
		return -1;
	b->cur = -1;
	for (row = 0; row < PQntuples(r) && b->ns < BRIEF_MAX_SURVEYS; row++) {
		struct brief_survey *sv = &b->s[b->ns];

		sv->code = PQgetvalue(r, row, 1);
		sv->kind = PQgetvalue(r, row, 2);
		sv->title = PQgetvalue(r, row, 3);
		sv->year = (int)num(r, row, 4);
		sv->start = PQgetvalue(r, row, 5);
		sv->end = PQgetvalue(r, row, 6);
		sv->id = (int)num(r, row, 0);
		if (strcmp(sv->code, b->survey_code) == 0)
			b->cur = (int)b->ns;
		b->ns++;
	}
	r = fetch(conn, b, "SELECT indicator, label, question, COALESCE(channel, ''), survey, "
	          "COALESCE(objective, -1), n, w, k, w2, k2, design_n FROM brief_trends($1)",
	          1, &orgs);
	if (!r)
		return -1;
	nrow = PQntuples(r);
	for (row = 0; row < nrow; row++) {
		if (!ind || strcmp(ind->code, PQgetvalue(r, row, 0)) != 0) {
			if (b->nind >= BRIEF_MAX_IND) {
				ind = NULL;
				continue;
			}
			ind = &b->ind[b->nind++];
			ind->code = PQgetvalue(r, row, 0);
			ind->label = PQgetvalue(r, row, 1);
			ind->question = PQgetvalue(r, row, 2);
			ind->channel = PQgetvalue(r, row, 3);
			ind->raw = -1;
			for (j = 0; j < BRIEF_MAX_SURVEYS; j++) {
				ind->pt[j].objective = -1;
				ind->pt[j].prev = -1;
			}
		}
		if (!ind)
			continue;
		for (s = 0; s < (int)b->ns; s++)
			if (strcmp(b->s[s].code, PQgetvalue(r, row, 4)) == 0)
				break;
		if (s == (int)b->ns)
			continue;
		ind->pt[s].objective = num(r, row, 5);
		agg_from(r, row, 6, &a);
		west_compute(&a, &ind->pt[s].e);
	}
	/* Significant changes, each survey against the previous one where the rate is shown: two
	 * large surveys by the Wald test of wstats.h, two flash surveys channel by channel as on
	 * the dashboard, a large and a flash survey not at all (a break in the series). */
	for (i = 0; i < b->nind; i++) {
		int last = -1;

		for (s = 0; s < (int)b->ns; s++) {
			struct brief_point *pt = &b->ind[i].pt[s];
			double z;

			pt->pval = 1.0;
			if (!pt->e.shown)
				continue;
			if (last >= 0) {
				pt->prev = last;
				if (strcmp(b->s[s].kind, b->s[last].kind) != 0)
					pt->rupture = 1;
				else if (strcmp(b->s[s].kind, "flash") == 0) {
					if (flash_change(conn, b, orgs, &b->ind[i], s, last) < 0)
						return -1;
				} else {
					pt->change = west_compare(&pt->e, &b->ind[i].pt[last].e);
					pt->pval = west_diff_test(&pt->e, &b->ind[i].pt[last].e, &z);
				}
			}
			last = s;
		}
	}
	return 0;
}

/* The tests of one table of groups: each group against the rest of the respondents (Wald,
 * wstats.h), where both rates are shown; marks only where the Benjamini–Hochberg adjusted
 * p-value, over every comparison of the table, is under STATS_ALPHA. */
static void dim_tests(struct brief_dim *dm, size_t nq)
{
	double p[BRIEF_MAX_GROUPS * BRIEF_MAX_Q], q[BRIEF_MAX_GROUPS * BRIEF_MAX_Q], z;
	size_t g, i, n = 0;

	for (g = 0; g < dm->ng; g++)
		for (i = 0; i < nq; i++) {
			struct brief_group *gr = &dm->g[g];

			gr->pval[i] = gr->q[i] = 1.0;
			gr->diff[i] = 0;
			if (!gr->e[i].shown || !gr->rest[i].shown)
				continue;
			gr->pval[i] = west_diff_test(&gr->e[i], &gr->rest[i], &z);
			p[n++] = gr->pval[i];
		}
	bh_adjust(p, q, n);
	dm->ntests = n;
	n = 0;
	for (g = 0; g < dm->ng; g++)
		for (i = 0; i < nq; i++) {
			struct brief_group *gr = &dm->g[g];

			if (!gr->e[i].shown || !gr->rest[i].shown)
				continue;
			gr->q[i] = q[n++];
			if (gr->q[i] < STATS_ALPHA)
				gr->diff[i] = gr->e[i].p > gr->rest[i].p ? 1 : -1;
		}
}

static int load_cells(PGconn *conn, struct brief *b, const char *orgs, const char *surveys)
{
	const char *p[3] = { orgs, surveys, "total" };
	PGresult *r;
	int row, qi;
	size_t d, i, j;
	struct wagg a, rest;
	struct west er;

	r = fetch(conn, b, "SELECT question, grp, label, n, w, k, w2, k2, design_n, npos "
	          "FROM brief_cells($1, $2, $3)", 3, p);
	if (!r)
		return -1;
	for (row = 0; row < PQntuples(r) && b->nq < BRIEF_MAX_Q; row++) {
		struct brief_question *q = &b->q[b->nq++];

		q->code = PQgetvalue(r, row, 0);
		q->label = q->code;
		for (i = 0; i < b->nind; i++)
			if (!b->ind[i].channel[0] && strcmp(b->ind[i].question, q->code) == 0) {
				q->label = b->ind[i].label;
				break;
			}
		agg_from(r, row, 3, &q->all);
		west_compute(&q->all, &q->e);
		q->raw = q->all.n > 0 ? num(r, row, 9) / q->all.n : -1;
	}
	for (i = 0; i < b->nind; i++) {
		qi = question_index(b, b->ind[i].question);
		if (qi >= 0 && !b->ind[i].channel[0])
			b->ind[i].raw = b->q[qi].raw;
	}
	for (d = 0; d < BRIEF_NDIMS; d++) {
		struct brief_dim *dm = &b->dim[d];

		dm->key = dims[d].key;
		dm->title = msg_text(dims[d].title);
		p[2] = dims[d].key;
		r = fetch(conn, b, "SELECT question, grp, label, n, w, k, w2, k2, design_n "
		          "FROM brief_cells($1, $2, $3)", 3, p);
		if (!r)
			return -1;
		for (row = 0; row < PQntuples(r); row++) {
			qi = question_index(b, PQgetvalue(r, row, 0));
			if (qi < 0)
				continue;
			for (j = 0; j < dm->ng; j++)
				if (strcmp(dm->g[j].code, PQgetvalue(r, row, 1)) == 0)
					break;
			if (j == dm->ng) {
				if (dm->ng >= BRIEF_MAX_GROUPS) {
					dm->dropped++;
					continue;
				}
				dm->g[j].code = PQgetvalue(r, row, 1);
				dm->g[j].label = PQgetvalue(r, row, 2);
				dm->ng++;
			}
			agg_from(r, row, 3, &a);
			west_compute(&a, &dm->g[j].e[qi]);
			rest = wagg_minus(&b->q[qi].all, &a);
			west_compute(&rest, &er);
			dm->g[j].rest[qi] = er;
		}
		dim_tests(dm, b->nq);
	}
	return 0;
}

static int load_method(PGconn *conn, struct brief *b, const char *orgs, const char *surveys)
{
	const char *p[3] = { orgs, surveys, "total" };
	char mid[16];
	PGresult *r;
	struct outbuf ch;
	int row, qi;
	struct wagg a;

	r = fetch(conn, b, "SELECT responses, first_day, last_day, weighted, margins, deff, "
	          "iterations, weight_min, weight_max, mirror_id, mirror_code, mirror_title, "
	          "mirror_responses FROM brief_method($1, $2)", 2, p);
	if (!r)
		return -1;
	b->responses = (long long)num(r, 0, 0);
	b->first_day = PQgetvalue(r, 0, 1);
	b->last_day = PQgetvalue(r, 0, 2);
	b->weighted = PQgetvalue(r, 0, 3)[0] == 't';
	b->margins_json = PQgetvalue(r, 0, 4);
	b->deff = num(r, 0, 5);
	b->iterations = (int)num(r, 0, 6);
	b->w_min = num(r, 0, 7);
	b->w_max = num(r, 0, 8);
	if (!PQgetisnull(r, 0, 9)) {
		b->mirror_code = PQgetvalue(r, 0, 10);
		b->mirror_title = PQgetvalue(r, 0, 11);
		b->mirror_responses = (long long)num(r, 0, 12);
		snprintf(mid, sizeof mid, "%s", PQgetvalue(r, 0, 9));
		p[1] = mid;
		r = fetch(conn, b, "SELECT question, grp, label, n, w, k, w2, k2, design_n "
		          "FROM brief_cells($1, $2, $3)", 3, p);
		if (!r)
			return -1;
		for (row = 0; row < PQntuples(r) && b->nmir < BRIEF_MAX_Q; row++) {
			struct brief_mirror *mr = &b->mir[b->nmir];

			qi = question_index(b, PQgetvalue(r, row, 0));
			if (qi < 0)
				continue;
			mr->question = b->q[qi].code;
			mr->label = b->q[qi].label;
			mr->users = b->q[qi].e;
			agg_from(r, row, 3, &a);
			west_compute(&a, &mr->agents);
			b->nmir++;
		}
	}
	p[1] = surveys;
	r = fetch(conn, b, "SELECT kind, collector, format, batch_id, day, forms "
	          "FROM report_sources($1, $2)", 2, p);
	if (!r)
		return -1;
	for (row = 0; row < PQntuples(r) && b->nsrc < BRIEF_MAX_SOURCES; row++) {
		struct brief_source *s = &b->src[b->nsrc++];

		s->is_batch = strcmp(PQgetvalue(r, row, 0), "lot") == 0;
		s->collector = PQgetvalue(r, row, 1);
		s->format = PQgetvalue(r, row, 2);
		s->batch = PQgetvalue(r, row, 3);
		s->day = PQgetvalue(r, row, 4);
		s->forms = (long long)num(r, row, 5);
	}
	r = fetch(conn, b, "SELECT label, forms FROM report_channel_forms($1, $2)", 2, p);
	if (!r)
		return -1;
	outbuf_init(&ch, 1 << 16);
	for (row = 0; row < PQntuples(r); row++) {
		char n[FR_NUM_SIZE];

		fr_int((long long)num(r, row, 1), n, sizeof n);
		outbuf_addf(&ch, "%s%s : %s", row ? ", " : "", PQgetvalue(r, row, 0), n);
	}
	outbuf_adds(&ch, "");
	b->channels = ch.data ? strdup((char *)ch.data) : strdup("");
	outbuf_release(&ch);
	return b->channels ? 0 : -1;
}

int brief_load(PGconn *conn, int org, const char *code, struct brief *b)
{
	char orgs[16], surveys[16];
	const char *p[2];
	PGresult *r;

	snprintf(orgs, sizeof orgs, "%d", org);
	p[0] = orgs;
	p[1] = code;
	r = fetch(conn, b, "SELECT survey_id, code, kind, title, period_start, period_end, "
	          "org_name, data_epoch, data_day FROM report_survey($1, $2)", 2, p);
	if (!r)
		return REPORT_DBERROR;
	if (PQntuples(r) != 1) {
		r = fetch(conn, b, "SELECT string_agg(code, ', ' ORDER BY code) FROM survey "
		          "WHERE org_id = $1", 1, p);
		msg_print(stderr, PROG, MSG_UNKNOWN_SURVEY, code, r ? PQgetvalue(r, 0, 0) : "");
		return REPORT_REJECTED;
	}
	b->survey_id = (int)num(r, 0, 0);
	b->survey_code = PQgetvalue(r, 0, 1);
	b->kind = PQgetvalue(r, 0, 2);
	b->title = PQgetvalue(r, 0, 3);
	b->period_start = PQgetvalue(r, 0, 4);
	b->period_end = PQgetvalue(r, 0, 5);
	b->org_name = PQgetvalue(r, 0, 6);
	b->data_epoch = (long long)num(r, 0, 7);
	b->data_day = PQgetvalue(r, 0, 8);
	snprintf(surveys, sizeof surveys, "%d", b->survey_id);
	if (load_trends(conn, b, orgs) < 0 || load_cells(conn, b, orgs, surveys) < 0 ||
	    load_method(conn, b, orgs, surveys) < 0)
		return REPORT_DBERROR;
	return REPORT_OK;
}

void brief_release(struct brief *b)
{
	size_t i;

	for (i = 0; i < b->nres; i++)
		PQclear(b->res[i]);
	for (i = 0; i < b->npoints; i++)
		free(b->points[i]);
	free((char *)b->channels);
	memset(b, 0, sizeof *b);
}

/* ---- open data ---- */

static void csv_pct(double v, int valid, char *buf, size_t size)
{
	if (valid)
		fr_csv_decimal(100.0 * v, 1, buf, size);
	else
		buf[0] = '\0';
}

static int csv_est(struct outbuf *out, const char *section, const char *survey,
                   const char *code, const char *label, const char *group, const char *glabel,
                   const struct west *e, double objective, const char *mark, double pval,
                   double q)
{
	char n[FR_NUM_SIZE], p[FR_NUM_SIZE], lo[FR_NUM_SIZE], hi[FR_NUM_SIZE], ob[FR_NUM_SIZE];
	char px[FR_NUM_SIZE], se[FR_NUM_SIZE], ne[FR_NUM_SIZE], lx[FR_NUM_SIZE], hx[FR_NUM_SIZE];
	char pv[FR_NUM_SIZE], qv[FR_NUM_SIZE];
	const char *f[20];

	snprintf(n, sizeof n, "%.0f", e->n);
	csv_pct(e->p, e->shown, p, sizeof p);
	csv_pct(e->lo, e->shown, lo, sizeof lo);
	csv_pct(e->hi, e->shown, hi, sizeof hi);
	if (objective >= 0)
		fr_csv_decimal(objective, 1, ob, sizeof ob);
	else
		ob[0] = '\0';
	f[0] = section;
	f[1] = survey;
	f[2] = code;
	f[3] = label;
	f[4] = group;
	f[5] = glabel;
	f[6] = n;
	f[7] = p;
	f[8] = lo;
	f[9] = hi;
	f[10] = ob;
	f[11] = mark;
	/* Full precision, for whoever recomputes them (R: svyciprop, see wstats.h). */
	px[0] = se[0] = ne[0] = lx[0] = hx[0] = pv[0] = qv[0] = '\0';
	if (e->valid)
		fr_csv_decimal(e->neff, 6, ne, sizeof ne);
	if (e->shown) {
		fr_csv_decimal(e->p, 10, px, sizeof px);
		fr_csv_decimal(e->se, 10, se, sizeof se);
		fr_csv_decimal(e->lo, 10, lx, sizeof lx);
		fr_csv_decimal(e->hi, 10, hx, sizeof hx);
	}
	if (pval < 1.0 || q >= 0)
		fr_csv_decimal(pval, 12, pv, sizeof pv);
	if (q >= 0)
		fr_csv_decimal(q, 12, qv, sizeof qv);
	f[12] = px;
	f[13] = se;
	f[14] = ne;
	f[15] = e->prudent ? msg_text(MSG_B_CSV_PRUDENT) : "";
	f[16] = lx;
	f[17] = hx;
	f[18] = pv;
	f[19] = qv;
	return csv_row(out, f, 20);
}

static const char *mark_text(int v)
{
	return v > 0 ? "plus haut" : v < 0 ? "plus bas" : "";
}

int brief_csv(const struct brief *b, struct outbuf *out)
{
	size_t i, s, d, g;

	csv_begin(out, "section;enquete;code;libelle;groupe;libelle_groupe;reponses;taux;ic_bas;"
	          "ic_haut;objectif;ecart_significatif;proportion;erreur_type;n_effectif;prudence;"
	          "borne_basse;borne_haute;p_valeur;p_ajustee");
	for (i = 0; i < b->nind; i++)
		for (s = 0; s < b->ns; s++) {
			const struct brief_point *pt = &b->ind[i].pt[s];

			if (!pt->e.valid)
				continue;
			csv_est(out, "evolution", b->s[s].code, b->ind[i].code, b->ind[i].label,
			        b->ind[i].channel, "", &pt->e, pt->objective,
			        pt->rupture ? msg_text(MSG_B_CSV_RUPTURE)
			        : pt->change > 0 ? "hausse" : pt->change < 0 ? "baisse" : "",
			        pt->pval, -1);
		}
	for (d = 0; d < BRIEF_NDIMS; d++)
		for (g = 0; g < b->dim[d].ng; g++)
			for (i = 0; i < b->nq; i++) {
				const struct brief_group *gr = &b->dim[d].g[g];
				int tested = gr->e[i].shown && gr->rest[i].shown;

				if (!gr->e[i].valid)
					continue;
				csv_est(out, b->dim[d].key, b->survey_code, b->q[i].code, b->q[i].label,
				        gr->code, gr->label, &gr->e[i], -1, mark_text(gr->diff[i]),
				        gr->pval[i], tested ? gr->q[i] : -1);
			}
	for (i = 0; i < b->nmir; i++) {
		csv_est(out, "miroir_usagers", b->survey_code, b->mir[i].question, b->mir[i].label,
		        "", "", &b->mir[i].users, -1, "", 1, -1);
		csv_est(out, "miroir_agents", b->mirror_code, b->mir[i].question, b->mir[i].label,
		        "", "", &b->mir[i].agents, -1, "", 1, -1);
	}
	return out->failed ? -1 : 0;
}

/* ---- the command ---- */

int report_brief(int argc, char **argv)
{
	struct report_args a;
	struct brief *b = NULL;
	struct outbuf pdf, csv;
	const char *why = "";
	char *note = NULL;
	PGconn *conn = NULL;
	int org, rc;

	rc = report_args_parse(argc, argv, MSG_B_USAGE, &a);
	if (rc >= 0)
		return rc;
	rc = REPORT_DBERROR;
	outbuf_init(&pdf, OUTBUF_MAX);
	outbuf_init(&csv, OUTBUF_MAX);
	b = calloc(1, sizeof *b);
	if (!b)
		goto out;
	conn = report_connect(&a, &org);
	if (!conn)
		goto out;
	rc = brief_load(conn, org, a.survey, b);
	if (rc != REPORT_OK)
		goto out;
	rc = REPORT_DBERROR;
	PQfinish(conn);
	conn = NULL;
	if (strcmp(b->kind, "large") != 0)
		msg_print(stderr, PROG, MSG_B_NOT_LARGE, a.survey);
	if (!b->weighted && strcmp(b->kind, "large") == 0)
		msg_print(stderr, PROG, MSG_B_NOT_WEIGHTED, a.survey);
	if (a.epoch >= 0)
		b->data_epoch = a.epoch;
	if (brief_summary(b) != 0) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		goto out;
	}
	if (brief_draw(b, &pdf, &why) != 0) {
		msg_print(stderr, PROG, MSG_REP_PDF_FAILED, why);
		goto out;
	}
	if (brief_csv(b, &csv) != 0) {
		msg_print(stderr, PROG, MSG_REP_TOO_BIG);
		goto out;
	}
	{
		char *method = brief_method_text(b);

		note = method ? msg_format(MSG_B_NOTE, method) : NULL;
		free(method);
	}
	if (!note || report_write(&a, b->survey_code, &pdf, &csv, note, b->data_epoch) != 0)
		goto out;
	rc = REPORT_OK;
out:
	free(note);
	outbuf_release(&pdf);
	outbuf_release(&csv);
	if (b)
		brief_release(b);
	free(b);
	if (conn)
		PQfinish(conn);
	return rc;
}

/* flash.c: `survey-report flash`: fetches the dashboard's aggregates from the database (the
 * functions of schema/functions/030_report.sql), derives rates, Wilson intervals, statuses and
 * significant changes, and writes the PDF (flash_draw.c), the open-data CSV and the ZIP bundle,
 * each to a temporary name renamed into place. */
#include "flash.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "command.h"
#include "csvout.h"
#include "date.h"
#include "db.h"
#include "frfmt.h"
#include "msg.h"
#include "report.h"
#include "stats.h"

#define PROG "survey-report"

enum { R_SURVEY, R_IND, R_SCOPES, R_DIST, R_CHANNELS, R_SOURCES, R_STRATA, R_SPARE };

void flash_rate_set(struct flash_rate *r, double n, double k)
{
	r->n = n;
	r->k = k;
	r->rate = n > 0 ? k / n : 0;
	r->lo = r->hi = 0;
	r->shown = n >= STATS_MIN_N && wilson(k, n, STATS_Z95, &r->lo, &r->hi) == 0;
}

void flash_date(const char *iso, char *buf, size_t size)
{
	struct datetime dt;

	if (iso && date_parse_iso(iso, &dt) == 0)
		date_french(dt.year, dt.month, dt.day, buf, size);
	else
		snprintf(buf, size, "%s", iso ? iso : "");
}

char *flash_source_label(const char *collector, const char *format)
{
	static const struct { const char *format, *name; } tools[] = {
		{ "limesurvey", "LimeSurvey" }, { "framaforms", "Framaforms" },
		{ "google-forms", "Google Forms" }, { "ms-forms", "Microsoft Forms" },
		{ "kobo", "KoboToolbox" },
	};
	size_t i;

	if (strcmp(collector, "collect-paper") == 0 && strcmp(format, "tally") == 0)
		return msg_format(MSG_REP_SRC_TALLY);
	if (strcmp(collector, "collect-paper") == 0 && strcmp(format, "omr") == 0)
		return msg_format(MSG_REP_SRC_OMR);
	if (strcmp(collector, "collect-paper") == 0 && strcmp(format, "scan") == 0)
		return msg_format(MSG_REP_SRC_SCAN);
	if (strcmp(collector, "collect-phone") == 0 && strcmp(format, "ivr") == 0)
		return msg_format(MSG_REP_SRC_IVR);
	if (strcmp(collector, "collect-phone") == 0 && strcmp(format, "interview") == 0)
		return msg_format(MSG_REP_SRC_INTERVIEW);
	if (strcmp(collector, "collect-online") == 0) {
		for (i = 0; i < sizeof tools / sizeof tools[0]; i++)
			if (strcmp(format, tools[i].format) == 0)
				return msg_format(MSG_REP_SRC_ONLINE, tools[i].name);
		return msg_format(MSG_REP_SRC_ONLINE, format);
	}
	return msg_format(MSG_REP_SRC_OTHER, collector, format);
}

static const char *val(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col);
}

static double num(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

static void flash_release(struct flash *f)
{
	size_t i;

	for (i = 0; i < sizeof f->res / sizeof f->res[0]; i++)
		PQclear(f->res[i]);
	free(f->ind);
	free(f->scopes);
	free(f->sources);
	free(f->batches);
	free(f->channels);
	free(f->strata);
	memset(f, 0, sizeof *f);
}

static PGresult *fetch(PGconn *conn, const char *sql, const char *org, const char *survey,
                       const char *third)
{
	const char *params[3] = { org, survey, third };

	return db_query(conn, PROG, PGRES_TUPLES_OK, sql, third ? 3 : 2, params);
}

/* Prints "unknown survey" with the list of the organisation's surveys. */
static void unknown_survey(PGconn *conn, const char *org, const char *code)
{
	const char *params[1] = { org };
	PGresult *r = db_query(conn, PROG, PGRES_TUPLES_OK,
	                       "SELECT COALESCE(string_agg(code, ', ' ORDER BY code), '-') "
	                       "FROM survey WHERE org_id = $1::integer", 1, params);

	msg_print(stderr, PROG, MSG_UNKNOWN_SURVEY, code, r ? PQgetvalue(r, 0, 0) : "-");
	PQclear(r);
}

/* The share of stratum s among the answers of its indicator and scope, in the wave (0 = the
 * previous one, 1 = this one). */
static double stratum_share(const struct flash *f, const struct flash_stratum *s, int wave)
{
	double tot = 0;
	size_t i;

	for (i = 0; i < f->nstrata; i++)
		if (strcmp(f->strata[i].indicator, s->indicator) == 0 &&
		    strcmp(f->strata[i].scope, s->scope) == 0)
			tot += wave ? f->strata[i].cur.n : f->strata[i].prev.n;
	return tot > 0 ? (wave ? s->cur.n : s->prev.n) / tot : 0;
}

/* The largest rise of a share in the headline indicator's mix in one scope (what grew is what
 * the reader must know of; a fall elsewhere is its other side), kept when above
 * FLASH_MIX_SHIFT points. */
static void mix_move(const struct flash *f, const char *scope, struct flash_mix *mix)
{
	const char *hl = f->headline >= 0 ? f->ind[f->headline].code : NULL;
	double best = FLASH_MIX_SHIFT / 100.0;
	size_t i;

	memset(mix, 0, sizeof *mix);
	if (!hl || !f->has_prev)
		return;
	for (i = 0; i < f->nstrata; i++) {
		const struct flash_stratum *s = &f->strata[i];
		double a, b;

		/* Answers without a site are the online and phone channels: their rise is the
		 * channel mix, already told. */
		if (strcmp(s->indicator, hl) != 0 || strcmp(s->scope, scope) != 0 || !s->code[0])
			continue;
		a = stratum_share(f, s, 0);
		b = stratum_share(f, s, 1);
		if (b - a > best) {
			best = b - a;
			mix->label = s->label;
			mix->before = a;
			mix->after = b;
		}
	}
}

/* Judges every change: each indicator by the CMH test over its channels; each indicator in
 * each channel by the same test over that channel alone, then Benjamini–Hochberg over all the
 * channel comparisons of the table (the dashboard's table by channel). */
static void flash_changes(struct flash *f)
{
	struct stratum st[64];
	double p[512], q[512];
	size_t i, j, ns, nt = 0;

	/* Each indicator in each channel: tested when both waves have enough answers there. */
	for (i = 0; i < f->nstrata; i++) {
		struct flash_stratum *s = &f->strata[i];
		struct stratum one = { s->prev.n, s->prev.k, s->cur.n, s->cur.k };

		s->q = 1.0;
		s->change = f->has_prev ? FC_NA : FC_NONE;
		if (strcmp(s->scope, "canal") != 0)
			continue;
		strat_compare(&one, 1, &s->test);
		s->tested = f->has_prev && s->cur.shown && s->prev.shown && nt < sizeof p / sizeof p[0];
		if (s->tested)
			p[nt++] = s->test.p;
	}
	bh_adjust(p, q, nt);
	f->ntested = nt;
	for (i = 0, j = 0; i < f->nstrata; i++) {
		struct flash_stratum *s = &f->strata[i];

		if (!s->tested)
			continue;
		s->q = q[j++];
		s->change = !(s->q < STATS_ALPHA) ? FC_STABLE : s->test.diff > 0 ? FC_UP : FC_DOWN;
	}

	/* Each indicator: its channels together (strata of one indicator are contiguous). */
	for (i = 0; i < f->nind; i++) {
		struct flash_indicator *ind = &f->ind[i];

		ns = 0;
		ind->first = ind->nstrata = 0;
		for (j = 0; j < f->nstrata; j++) {
			const struct flash_stratum *s = &f->strata[j];

			if (strcmp(s->indicator, ind->code) != 0 || strcmp(s->scope, "canal") != 0)
				continue;
			if (ind->nstrata == 0)
				ind->first = j;
			ind->nstrata = j + 1 - ind->first;
			if (ns < sizeof st / sizeof st[0]) {
				st[ns].n0 = s->prev.n;
				st[ns].k0 = s->prev.k;
				st[ns].n1 = s->cur.n;
				st[ns].k1 = s->cur.k;
				ns++;
			}
		}
		strat_compare(st, ns, &ind->test);
		if (!f->has_prev)
			ind->change = FC_NONE;
		else if (!ind->cur.shown || !ind->prev.shown || ind->test.n0 < STATS_MIN_N ||
		         ind->test.n1 < STATS_MIN_N)
			ind->change = FC_NA;
		else {
			int d = strat_change(&ind->test);

			ind->change = d > 0 ? FC_UP : d < 0 ? FC_DOWN : FC_STABLE;
		}
	}
	mix_move(f, "canal", &f->channel_mix);
	mix_move(f, "site", &f->site_mix);
}

/* Loads everything the dashboard shows. Returns EXIT_DONE, EXIT_USAGE (unknown survey) or
 * EXIT_DB; f is filled only on EXIT_DONE (release it in every case). */
static int flash_load(PGconn *conn, int org_id, const char *code, struct flash *f)
{
	char org[16];
	const char *sid;
	PGresult *r;
	int i, n;

	memset(f, 0, sizeof *f);
	f->headline = -1;
	snprintf(org, sizeof org, "%d", org_id);
	f->res[R_SURVEY] = r = fetch(conn, "SELECT * FROM report_survey($1::integer, $2)", org, code,
	                             NULL);
	if (!r)
		return EXIT_DB;
	if (PQntuples(r) != 1) {
		unknown_survey(conn, org, code);
		return EXIT_USAGE;
	}
	sid = PQgetvalue(r, 0, 0);
	f->survey_code = val(r, 0, 1);
	f->kind = val(r, 0, 2);
	f->title = val(r, 0, 3);
	f->period_start = val(r, 0, 4);
	f->period_end = val(r, 0, 5);
	f->org_name = val(r, 0, 7);
	f->data_epoch = strtoll(val(r, 0, 8), NULL, 10);
	f->data_day = val(r, 0, 9);
	f->has_prev = !PQgetisnull(r, 0, 10);
	f->prev_code = val(r, 0, 11);
	f->prev_title = val(r, 0, 12);
	f->prev_start = val(r, 0, 13);
	f->headline_code = val(r, 0, 14);
	f->headline_label = val(r, 0, 15);
	f->year = (int)strtol(f->period_start, NULL, 10);
	f->prev_year = f->has_prev ? (int)strtol(f->prev_start, NULL, 10) : 0;

	/* Indicators. */
	f->res[R_IND] = r = fetch(conn, "SELECT * FROM report_indicators($1::integer, $2::integer)",
	                          org, sid, NULL);
	if (!r)
		return EXIT_DB;
	n = PQntuples(r);
	f->ind = calloc((size_t)n + 1, sizeof *f->ind);
	if (!f->ind)
		return EXIT_DB;
	for (i = 0; i < n; i++) {
		struct flash_indicator *ind = &f->ind[f->nind++];

		ind->code = val(r, i, 0);
		ind->label = val(r, i, 1);
		ind->channel = val(r, i, 2);
		ind->objective = PQgetisnull(r, i, 3) ? -1 : num(r, i, 3);
		flash_rate_set(&ind->cur, num(r, i, 4), num(r, i, 5));
		flash_rate_set(&ind->prev, num(r, i, 6), num(r, i, 7));
		if (!ind->cur.shown)
			ind->status = FS_INSUFFICIENT;
		else if (ind->objective < 0)
			ind->status = FS_NONE;
		else if (ind->cur.lo * 100.0 >= ind->objective)
			ind->status = FS_MET;
		else if (ind->cur.hi * 100.0 < ind->objective)
			ind->status = FS_NOT_MET;
		else
			ind->status = FS_INCONCLUSIVE;
		if (f->headline < 0 && strcmp(ind->code, f->headline_code) == 0)
			f->headline = i;
	}

	/* Every indicator by channel and by site, in both waves. */
	f->res[R_STRATA] = r = fetch(conn, "SELECT * FROM report_strata($1::integer, $2::integer)",
	                             org, sid, NULL);
	if (!r)
		return EXIT_DB;
	n = PQntuples(r);
	f->strata = calloc((size_t)n + 1, sizeof *f->strata);
	if (!f->strata)
		return EXIT_DB;
	for (i = 0; i < n; i++) {
		struct flash_stratum *s = &f->strata[f->nstrata++];

		s->indicator = val(r, i, 0);
		s->scope = val(r, i, 1);
		s->code = val(r, i, 2);
		s->label = val(r, i, 3);
		flash_rate_set(&s->cur, num(r, i, 4), num(r, i, 5));
		flash_rate_set(&s->prev, num(r, i, 6), num(r, i, 7));
	}
	flash_changes(f);

	/* Headline question by channel and by site. */
	f->res[R_SCOPES] = r = fetch(conn, "SELECT * FROM report_scopes($1::integer, $2::integer, "
	                                   "(SELECT headline_question FROM report_survey($1::integer, $3)))",
	                             org, sid, code);
	if (!r)
		return EXIT_DB;
	n = PQntuples(r);
	f->scopes = calloc((size_t)n + 1, sizeof *f->scopes);
	if (!f->scopes)
		return EXIT_DB;
	for (i = 0; i < n; i++) {
		struct flash_scope *s = &f->scopes[f->nscopes++];

		s->scope = val(r, i, 0);
		s->code = val(r, i, 1);
		s->label = val(r, i, 2);
		flash_rate_set(&s->r, num(r, i, 3), num(r, i, 4));
	}

	/* Scale questions: one struct per question, options in definition order. */
	f->res[R_DIST] = r = fetch(conn, "SELECT * FROM report_distribution($1::integer, $2::integer)",
	                           org, sid, NULL);
	if (!r)
		return EXIT_DB;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		struct flash_question *q;

		if (f->nq == 0 || strcmp(f->q[f->nq - 1].code, val(r, i, 0)) != 0) {
			if (f->nq == FLASH_MAX_QUESTIONS)
				break;
			q = &f->q[f->nq++];
			q->code = val(r, i, 0);
			q->wording = val(r, i, 1);
			q->short_label = val(r, i, 7);
		}
		q = &f->q[f->nq - 1];
		if (strcmp(val(r, i, 5), "t") != 0) {
			q->no_opinion += num(r, i, 6);
			if (!q->no_opinion_label)
				q->no_opinion_label = val(r, i, 3);
		} else if (q->nseg < 6) {
			q->labels[q->nseg] = val(r, i, 3);
			q->count[q->nseg] = num(r, i, 6);
			if (strcmp(val(r, i, 4), "t") == 0)
				q->npos++;
			q->nseg++;
		}
	}

	/* Questionnaires per channel. */
	f->res[R_CHANNELS] = r = fetch(conn, "SELECT * FROM report_channel_forms($1::integer, $2::integer)",
	                               org, sid, NULL);
	if (!r)
		return EXIT_DB;
	n = PQntuples(r);
	f->channels = calloc((size_t)n + 1, sizeof *f->channels);
	if (!f->channels)
		return EXIT_DB;
	for (i = 0; i < n; i++) {
		struct flash_channel *c = &f->channels[f->nchannels++];

		c->code = val(r, i, 0);
		c->label = val(r, i, 1);
		c->forms = strtoll(val(r, i, 2), NULL, 10);
		f->forms += c->forms;
	}

	/* Sources and batches. */
	f->res[R_SOURCES] = r = fetch(conn, "SELECT * FROM report_sources($1::integer, $2::integer)",
	                              org, sid, NULL);
	if (!r)
		return EXIT_DB;
	n = PQntuples(r);
	f->sources = calloc((size_t)n + 1, sizeof *f->sources);
	f->batches = calloc((size_t)n + 1, sizeof *f->batches);
	if (!f->sources || !f->batches)
		return EXIT_DB;
	for (i = 0; i < n; i++) {
		if (strcmp(val(r, i, 0), "source") == 0) {
			struct flash_source *s = &f->sources[f->nsources++];

			s->collector = val(r, i, 1);
			s->format = val(r, i, 2);
			s->batches = strtoll(val(r, i, 5), NULL, 10);
			s->forms = strtoll(val(r, i, 6), NULL, 10);
		} else {
			struct flash_batch *b = &f->batches[f->nbatches++];

			b->id = val(r, i, 3);
			b->day = val(r, i, 4);
			b->forms = strtoll(val(r, i, 6), NULL, 10);
		}
	}
	return EXIT_DONE;
}

/* An objective in percent for the CSV: "87" or "82,5". */
static void csv_objective(double pct, char *buf, size_t size)
{
	buf[0] = '\0';
	if (pct >= 0)
		fr_csv_decimal(pct, pct == (double)(long)pct ? 0 : 1, buf, size);
}

/* Fills the rate columns (taux, ic_bas, ic_haut) of a CSV row. */
static void csv_rate(const struct flash_rate *r, char *rate, char *lo, char *hi, size_t size)
{
	rate[0] = lo[0] = hi[0] = '\0';
	if (!r->shown)
		return;
	fr_csv_decimal(r->rate * 100.0, 1, rate, size);
	fr_csv_decimal(r->lo * 100.0, 1, lo, size);
	fr_csv_decimal(r->hi * 100.0, 1, hi, size);
}

#define CSV_COLS 17

static const enum msg_id csv_change[] = {
	[FC_NONE] = MSG__COUNT, [FC_NA] = MSG__COUNT, [FC_STABLE] = MSG_REP_CSV_STABLE,
	[FC_UP] = MSG_REP_CSV_UP, [FC_DOWN] = MSG_REP_CSV_DOWN,
};

/* The test columns of a CSV row (ecart_brut, ecart_canal_constant, p_valeur, p_ajustee), at
 * full precision for whoever recomputes them; empty when the change was not tested. adj and
 * q < 0: left empty. */
static void csv_test(const char **row, int tested, const struct flash_rate *cur,
                     const struct flash_rate *prev, double adj, double p, double q,
                     char (*buf)[32])
{
	int c;

	for (c = 0; c < 4; c++) {
		buf[c][0] = '\0';
		row[13 + c] = buf[c];
	}
	if (!tested)
		return;
	fr_csv_decimal((cur->rate - prev->rate) * 100.0, 10, buf[0], sizeof buf[0]);
	if (adj > -2)
		fr_csv_decimal(adj * 100.0, 10, buf[1], sizeof buf[1]);
	fr_csv_decimal(p, 12, buf[2], sizeof buf[2]);
	if (q >= 0)
		fr_csv_decimal(q, 12, buf[3], sizeof buf[3]);
}

/* The open data behind the PDF: one row per figure shown. Returns 0 or -1 (out->failed). */
static int flash_csv(const struct flash *f, struct outbuf *out)
{
	char n[32], k[32], rate[32], lo[32], hi[32], obj[32], prate[32], pn[32], a[32], b[80];
	char tb[4][32];
	const char *row[CSV_COLS];
	size_t i;
	int j;

	csv_begin(out, msg_text(MSG_REP_CSV_HEADER));
	for (i = 0; i < f->nind; i++) {
		const struct flash_indicator *ind = &f->ind[i];
		static const enum msg_id st[] = {
			[FS_NONE] = MSG__COUNT, [FS_MET] = MSG_REP_CSV_MET,
			[FS_NOT_MET] = MSG_REP_CSV_NOT_MET, [FS_INCONCLUSIVE] = MSG_REP_CSV_INCONCLUSIVE,
			[FS_INSUFFICIENT] = MSG_REP_CSV_INSUFFICIENT,
		};
		const enum msg_id *ch = csv_change;

		snprintf(n, sizeof n, "%.0f", ind->cur.n);
		snprintf(k, sizeof k, "%.0f", ind->cur.k);
		csv_rate(&ind->cur, rate, lo, hi, sizeof rate);
		obj[0] = prate[0] = pn[0] = '\0';
		csv_objective(ind->objective, obj, sizeof obj);
		if (f->has_prev) {
			snprintf(pn, sizeof pn, "%.0f", ind->prev.n);
			if (ind->prev.shown)
				fr_csv_decimal(ind->prev.rate * 100.0, 1, prate, sizeof prate);
		}
		row[0] = msg_text(MSG_REP_CSV_INDICATOR);
		row[1] = ind->code;
		row[2] = ind->label;
		row[3] = n;
		row[4] = k;
		row[5] = rate;
		row[6] = lo;
		row[7] = hi;
		row[8] = obj;
		row[9] = st[ind->status] == MSG__COUNT ? "" : msg_text(st[ind->status]);
		row[10] = ch[ind->change] == MSG__COUNT ? "" : msg_text(ch[ind->change]);
		row[11] = prate;
		row[12] = pn;
		csv_test(row, ind->change == FC_UP || ind->change == FC_DOWN || ind->change == FC_STABLE,
		         &ind->cur, &ind->prev, ind->test.diff, ind->test.p, -1, tb);
		csv_row(out, row, CSV_COLS);
	}
	for (i = 0; i < f->nstrata; i++) {
		const struct flash_stratum *s = &f->strata[i];

		if (strcmp(s->scope, "canal") != 0)
			continue;
		snprintf(n, sizeof n, "%.0f", s->cur.n);
		snprintf(k, sizeof k, "%.0f", s->cur.k);
		snprintf(b, sizeof b, "%s/%s", s->indicator, s->code);
		csv_rate(&s->cur, rate, lo, hi, sizeof rate);
		prate[0] = pn[0] = '\0';
		if (f->has_prev) {
			snprintf(pn, sizeof pn, "%.0f", s->prev.n);
			if (s->prev.shown)
				fr_csv_decimal(s->prev.rate * 100.0, 1, prate, sizeof prate);
		}
		memset(row, 0, sizeof row);
		row[0] = msg_text(MSG_REP_CSV_IND_CHANNEL);
		row[1] = b;
		row[2] = s->label;
		row[3] = n;
		row[4] = k;
		row[5] = rate;
		row[6] = lo;
		row[7] = hi;
		row[9] = s->cur.shown ? "" : msg_text(MSG_REP_CSV_INSUFFICIENT);
		row[10] = csv_change[s->change] == MSG__COUNT ? "" : msg_text(csv_change[s->change]);
		row[11] = prate;
		row[12] = pn;
		csv_test(row, s->tested, &s->cur, &s->prev, -9, s->test.p, s->q, tb);
		csv_row(out, row, CSV_COLS);
	}
	for (i = 0; i < f->nscopes; i++) {
		const struct flash_scope *s = &f->scopes[i];
		int is_site = strcmp(s->scope, "site") == 0;

		snprintf(n, sizeof n, "%.0f", s->r.n);
		snprintf(k, sizeof k, "%.0f", s->r.k);
		csv_rate(&s->r, rate, lo, hi, sizeof rate);
		csv_objective(f->headline >= 0 ? f->ind[f->headline].objective : -1, obj, sizeof obj);
		memset(row, 0, sizeof row);
		row[0] = msg_text(is_site ? MSG_REP_CSV_SITE : MSG_REP_CSV_CHANNEL);
		row[1] = s->code;
		row[2] = s->code[0] ? s->label : msg_text(MSG_REP_NO_SITE);
		row[3] = n;
		row[4] = k;
		row[5] = rate;
		row[6] = lo;
		row[7] = hi;
		row[8] = obj;
		row[9] = s->r.shown ? "" : msg_text(MSG_REP_CSV_INSUFFICIENT);
		csv_row(out, row, CSV_COLS);
	}
	for (i = 0; i < f->nq; i++) {
		const struct flash_question *q = &f->q[i];
		double tot = 0;

		for (j = 0; j < q->nseg; j++)
			tot += q->count[j];
		for (j = 0; j < q->nseg; j++) {
			snprintf(n, sizeof n, "%.0f", q->count[j]);
			rate[0] = '\0';
			if (tot >= STATS_MIN_N)
				fr_csv_decimal(q->count[j] / tot * 100.0, 1, rate, sizeof rate);
			memset(row, 0, sizeof row);
			row[0] = msg_text(MSG_REP_CSV_ANSWER);
			row[1] = q->code;
			row[2] = q->labels[j];
			row[3] = n;
			row[5] = rate;
			csv_row(out, row, CSV_COLS);
		}
		if (!q->no_opinion_label)
			continue;
		snprintf(n, sizeof n, "%.0f", q->no_opinion);
		memset(row, 0, sizeof row);
		row[0] = msg_text(MSG_REP_CSV_ANSWER);
		row[1] = q->code;
		row[2] = q->no_opinion_label;
		row[3] = n;
		csv_row(out, row, CSV_COLS);
	}
	for (i = 0; i < f->nchannels; i++) {
		snprintf(n, sizeof n, "%lld", f->channels[i].forms);
		memset(row, 0, sizeof row);
		row[0] = msg_text(MSG_REP_CSV_FORMS);
		row[1] = f->channels[i].code;
		row[2] = f->channels[i].label;
		row[3] = n;
		csv_row(out, row, CSV_COLS);
	}
	for (i = 0; i < f->nsources; i++) {
		char *label = flash_source_label(f->sources[i].collector, f->sources[i].format);

		snprintf(a, sizeof a, "%lld", f->sources[i].forms);
		snprintf(b, sizeof b, "%s/%s", f->sources[i].collector, f->sources[i].format);
		memset(row, 0, sizeof row);
		row[0] = msg_text(MSG_REP_CSV_SOURCE);
		row[1] = b;
		row[2] = label ? label : "";
		row[3] = a;
		csv_row(out, row, CSV_COLS);
		free(label);
	}
	for (i = 0; i < f->nbatches; i++) {
		snprintf(a, sizeof a, "%lld", f->batches[i].forms);
		memset(row, 0, sizeof row);
		row[0] = msg_text(MSG_REP_CSV_BATCH);
		row[1] = f->batches[i].id;
		row[2] = f->batches[i].day;
		row[3] = a;
		csv_row(out, row, CSV_COLS);
	}
	return out->failed ? -1 : 0;
}

/* The method note of the bundle (malloc'd). */
static char *flash_method_file(const struct flash *f, const char *pdf_name, const char *csv_name)
{
	char start[40], end[40], data[40], title[512];
	char *method = flash_method_text(f), *note, *doc;

	flash_date(f->period_start, start, sizeof start);
	flash_date(f->period_end, end, sizeof end);
	flash_date(f->data_day, data, sizeof data);
	doc = msg_format(MSG_REP_DOC_TITLE, f->title);
	snprintf(title, sizeof title, "%s", doc ? doc : "");
	free(doc);
	note = msg_format(MSG_REP_METHOD_FILE, title, f->org_name, start, end, data, pdf_name,
	                  csv_name, method ? method : "");
	free(method);
	return note;
}

int report_flash(int argc, char **argv)
{
	struct report_args a;
	struct flash f;
	struct outbuf pdf, csv;
	const char *why = "";
	char *note = NULL, pdf_name[160], csv_name[160];
	PGconn *conn = NULL;
	int org, rc;

	rc = report_args_parse(argc, argv, MSG_REP_FLASH_USAGE, &a);
	if (rc >= 0)
		return rc;
	rc = EXIT_DB;
	memset(&f, 0, sizeof f);
	outbuf_init(&pdf, OUTBUF_MAX);
	outbuf_init(&csv, OUTBUF_MAX);
	conn = report_connect(&a, &org);
	if (!conn)
		goto out;
	rc = flash_load(conn, org, a.survey, &f);
	if (rc != EXIT_DONE)
		goto out;
	rc = EXIT_DB;
	PQfinish(conn);
	conn = NULL;
	if (strcmp(f.kind, "flash") != 0)
		msg_print(stderr, PROG, MSG_REP_NOT_FLASH, a.survey);
	if (a.epoch >= 0)
		f.data_epoch = a.epoch;

	if (flash_draw(&f, &pdf, &why) != 0) {
		msg_print(stderr, PROG, MSG_REP_PDF_FAILED, why);
		goto out;
	}
	if (flash_csv(&f, &csv) != 0) {
		msg_print(stderr, PROG, MSG_REP_TOO_BIG);
		goto out;
	}
	snprintf(pdf_name, sizeof pdf_name, "%s.pdf", f.survey_code);
	snprintf(csv_name, sizeof csv_name, "%s.csv", f.survey_code);
	note = flash_method_file(&f, pdf_name, csv_name);
	if (!note || report_write(&a, f.survey_code, &pdf, &csv, note, f.data_epoch) != 0)
		goto out;
	rc = EXIT_DONE;
out:
	free(note);
	outbuf_release(&pdf);
	outbuf_release(&csv);
	flash_release(&f);
	if (conn)
		PQfinish(conn);
	return rc;
}

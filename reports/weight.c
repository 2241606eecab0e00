/* weight.c: `survey-report weight`: reads the census margins (through the core row stream, so
 * that French Excel files, XLSX and any encoding work), checks them against the survey's profile
 * questions and answers, rakes the respondents' weights (rake.c) and stores them per response
 * with one row in table weighting, in one transaction (schema/functions/040_brief.sql). A
 * refused file or a raking that fails leaves every weight as it was. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "frfmt.h"
#include "msg.h"
#include "outbuf.h"
#include "rake.h"
#include "report.h"
#include "rowstream.h"
#include "text.h"

#define PROG "survey-report"
#define CODE_MAX 64          /* bytes of a question or category code */
#define SUM_TOLERANCE 0.5    /* percentage points */

struct wcat {
	char code[CODE_MAX];
	double pct;
	long line;
};

struct wmargin {
	char question[CODE_MAX];
	long line;               /* first line of this question in the file */
	size_t ncat;
	struct wcat cat[RAKE_MAX_CATS];
	long missing;            /* respondents without a category (set from the cells) */
};

struct wfile {
	size_t n;
	struct wmargin m[RAKE_MAX_MARGINS];
};

/* Parses a percentage: "14", "52,5", "52.5", "14 %", with any spaces. 0 or -1. */
static int parse_pct(const char *s, double *out)
{
	char buf[64];
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	char *end;
	double v;

	while (*p) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xC2 && p[1] == 0xA0) {          /* U+00A0 */
			p += 2;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) {  /* U+202F */
			p += 3;
		} else {
			if (o + 1 >= sizeof buf)
				return -1;
			buf[o++] = *p == ',' ? '.' : (char)*p;
			p++;
		}
	}
	if (o > 0 && buf[o - 1] == '%')
		o--;
	buf[o] = '\0';
	if (o == 0 || strchr(buf, 'x') || strchr(buf, 'X'))
		return -1;
	errno = 0;
	v = strtod(buf, &end);
	if (errno || *end || !isfinite(v) || v < 0 || v > 100)
		return -1;
	*out = v;
	return 0;
}

/* Column index of a header among accepted names (folded), or -1. */
static long find_column(const struct row *r, const char *const *names)
{
	size_t i, k;
	char *f;
	long found = -1;

	for (i = 0; i < r->n && found < 0; i++) {
		f = text_fold(r->f[i], r->len[i]);
		if (!f)
			return -1;
		for (k = 0; names[k]; k++)
			if (strcmp(f, names[k]) == 0)
				found = (long)i;
		free(f);
	}
	return found;
}

static struct wmargin *margin_get(struct wfile *wf, const char *question, long line,
                                  struct diag *d)
{
	size_t i;

	for (i = 0; i < wf->n; i++)
		if (strcmp(wf->m[i].question, question) == 0)
			return &wf->m[i];
	if (wf->n >= RAKE_MAX_MARGINS) {
		diag_at(d, line, 1, MSG_W_TOO_MANY, RAKE_MAX_MARGINS, RAKE_MAX_CATS);
		return NULL;
	}
	memset(&wf->m[wf->n], 0, sizeof wf->m[wf->n]);
	snprintf(wf->m[wf->n].question, CODE_MAX, "%s", question);
	wf->m[wf->n].line = line;
	return &wf->m[wf->n++];
}

/* Reads the margins file. Returns 0 (problems, if any, counted on d) or -1 when the file
 * cannot be read at all. */
static int margins_read(const char *path, struct wfile *wf, struct diag *d)
{
	static const char *const q_names[] = { "question", "variable", "question de profil", NULL };
	static const char *const c_names[] = { "categorie", "modalite", "code", "categorie (code)",
		                               "reponse", NULL };
	static const char *const p_names[] = { "part", "part (%)", "part en %", "pourcentage",
		                               "%", "parts", NULL };
	struct rowstream_opts o;
	struct rowstream *rs = NULL;
	const struct row *r;
	long qc = -1, cc = -1, pc = -1;
	int got, header = 1, ret = -1;
	struct wmargin *m;
	double pct;
	size_t k;

	wf->n = 0;
	rowstream_opts_default(&o);
	if (rowstream_open(&rs, path, &o, d) < 0)
		return -1;
	for (;;) {
		got = rowstream_next(rs, &r, d);
		if (got < 0)
			goto out;
		if (got == 0)
			break;
		if (header) {
			header = 0;
			qc = find_column(r, q_names);
			cc = find_column(r, c_names);
			pc = find_column(r, p_names);
			if (qc < 0 || cc < 0 || pc < 0) {
				diag_at(d, r->line, 0, MSG_W_HEADER);
				ret = 0;
				goto out;
			}
			continue;
		}
		if ((size_t)qc >= r->n || r->len[qc] == 0 || !text_trim(r->f[qc])[0]) {
			diag_at(d, r->line, qc + 1, MSG_W_EMPTY_CELL, "question");
			continue;
		}
		if ((size_t)cc >= r->n || !text_trim(r->f[cc])[0]) {
			diag_at(d, r->line, cc + 1, MSG_W_EMPTY_CELL, "categorie");
			continue;
		}
		if ((size_t)pc >= r->n || !text_trim(r->f[pc])[0]) {
			diag_at(d, r->line, pc + 1, MSG_W_EMPTY_CELL, "part");
			continue;
		}
		if (strlen(r->f[qc]) >= CODE_MAX || strlen(r->f[cc]) >= CODE_MAX ||
		    strchr(r->f[cc], '|')) {
			diag_at(d, r->line, cc + 1, MSG_W_UNKNOWN_CAT, r->f[cc], r->f[qc], "?");
			continue;
		}
		if (parse_pct(r->f[pc], &pct) < 0) {
			diag_at(d, r->line, pc + 1, MSG_W_BAD_SHARE, r->f[pc]);
			continue;
		}
		m = margin_get(wf, r->f[qc], r->line, d);
		if (!m)
			continue;
		for (k = 0; k < m->ncat; k++)
			if (strcmp(m->cat[k].code, r->f[cc]) == 0)
				break;
		if (k < m->ncat) {
			diag_at(d, r->line, cc + 1, MSG_W_DUP, r->f[cc], m->question,
			        m->cat[k].line);
			continue;
		}
		if (m->ncat >= RAKE_MAX_CATS) {
			diag_at(d, r->line, cc + 1, MSG_W_TOO_MANY, RAKE_MAX_MARGINS,
			        RAKE_MAX_CATS);
			continue;
		}
		snprintf(m->cat[m->ncat].code, CODE_MAX, "%s", r->f[cc]);
		m->cat[m->ncat].pct = pct;
		m->cat[m->ncat].line = r->line;
		m->ncat++;
	}
	if (header)
		diag_file(d, MSG_W_HEADER);
	else if (wf->n == 0 && d->count == 0)
		diag_file(d, MSG_W_NO_ROWS);
	ret = 0;
out:
	rowstream_free(rs);
	return ret;
}

/* Checks that each question's shares total 100 (within SUM_TOLERANCE). */
static void margins_check_sums(const struct wfile *wf, struct diag *d)
{
	char num[FR_NUM_SIZE];
	double s;
	size_t i, k;

	for (i = 0; i < wf->n; i++) {
		s = 0;
		for (k = 0; k < wf->m[i].ncat; k++)
			s += wf->m[i].cat[k].pct;
		if (fabs(s - 100.0) > SUM_TOLERANCE) {
			fr_decimal(s, 1, num, sizeof num);
			diag_at(d, wf->m[i].line, 0, MSG_W_SUM, wf->m[i].question, num);
		}
	}
}

/* Appends s to b as a PostgreSQL array element or JSON string (both quote with "). */
static void add_quoted(struct outbuf *b, const char *s)
{
	outbuf_adds(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			outbuf_add(b, "\\", 1);
		if ((unsigned char)*s < 0x20)
			outbuf_addf(b, "\\u%04x", (unsigned)(unsigned char)*s);
		else
			outbuf_add(b, s, 1);
	}
	outbuf_adds(b, "\"");
}

static int survey_find(PGconn *conn, int org, const char *code, int *id)
{
	char orgs[16];
	const char *p[2];
	PGresult *r;
	int ret = -1;

	snprintf(orgs, sizeof orgs, "%d", org);
	p[0] = orgs;
	p[1] = code;
	r = db_query(conn, PROG, PGRES_TUPLES_OK,
	             "SELECT (SELECT survey_id FROM survey WHERE org_id = $1 AND code = $2), "
	             "(SELECT string_agg(code, ', ' ORDER BY code) FROM survey WHERE org_id = $1)",
	             2, p);
	if (!r)
		return -1;
	if (PQgetisnull(r, 0, 0)) {
		msg_print(stderr, PROG, MSG_UNKNOWN_SURVEY, code, PQgetvalue(r, 0, 1));
		ret = -2;
	} else {
		*id = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
		ret = 0;
	}
	PQclear(r);
	return ret;
}

/* Checks the margins against the survey's questions, options and answers (problems on d).
 * Returns 0, or -1 on a database error. */
static int margins_check_db(PGconn *conn, const char *orgs, const char *surveys,
                            const char *survey_code, const char *qarray, struct wfile *wf,
                            struct diag *d)
{
	const char *p[3] = { orgs, surveys, qarray };
	struct outbuf codes, all;
	PGresult *r;
	size_t i, k;
	int row, nrow, found, asked_any = 0, asked;
	char num[FR_NUM_SIZE], pct[FR_NUM_SIZE];

	r = db_query(conn, PROG, PGRES_TUPLES_OK,
	             "SELECT question, asked, option_code, counted, n "
	             "FROM weighting_options($1, $2, $3)", 3, p);
	if (!r)
		return -1;
	nrow = PQntuples(r);
	outbuf_init(&all, 4096);
	for (i = 0; i < wf->n; i++) {
		struct wmargin *m = &wf->m[i];

		found = 0;
		asked = 0;
		outbuf_init(&codes, 4096);
		for (row = 0; row < nrow; row++) {
			if (strcmp(PQgetvalue(r, row, 0), m->question) != 0)
				continue;
			found = 1;
			asked = PQgetvalue(r, row, 1)[0] == 't';
			if (PQgetvalue(r, row, 3)[0] == 't')
				outbuf_addf(&codes, "%s%s", codes.len ? ", " : "",
				            PQgetvalue(r, row, 2));
		}
		outbuf_addf(&all, "%s%s", all.len ? ", " : "", m->question);
		if (!found) {
			diag_at(d, m->line, 0, MSG_W_UNKNOWN_QUESTION, m->question);
			outbuf_release(&codes);
			continue;
		}
		if (!asked) {
			outbuf_release(&codes);
			continue;
		}
		asked_any = 1;
		/* Each category of the file: an option that counts, with respondents. */
		for (k = 0; k < m->ncat; k++) {
			int hit = -1;

			for (row = 0; row < nrow; row++)
				if (strcmp(PQgetvalue(r, row, 0), m->question) == 0 &&
				    strcmp(PQgetvalue(r, row, 2), m->cat[k].code) == 0)
					hit = row;
			if (hit < 0) {
				diag_at(d, m->cat[k].line, 0, MSG_W_UNKNOWN_CAT, m->cat[k].code,
				        m->question, codes.data ? (char *)codes.data : "");
			} else if (PQgetvalue(r, hit, 3)[0] != 't') {
				diag_at(d, m->cat[k].line, 0, MSG_W_UNCOUNTED_CAT, m->cat[k].code,
				        m->question);
			} else if (strcmp(PQgetvalue(r, hit, 4), "0") == 0 && m->cat[k].pct > 0) {
				fr_decimal(m->cat[k].pct, 1, pct, sizeof pct);
				diag_at(d, m->cat[k].line, 0, MSG_W_EMPTY_CAT, m->question,
				        m->cat[k].code, pct);
			}
		}
		/* Each answered option that counts must have a share. */
		for (row = 0; row < nrow; row++) {
			if (strcmp(PQgetvalue(r, row, 0), m->question) != 0 ||
			    PQgetvalue(r, row, 3)[0] != 't' ||
			    strcmp(PQgetvalue(r, row, 4), "0") == 0)
				continue;
			for (k = 0; k < m->ncat; k++)
				if (strcmp(m->cat[k].code, PQgetvalue(r, row, 2)) == 0)
					break;
			if (k == m->ncat) {
				fr_int(strtoll(PQgetvalue(r, row, 4), NULL, 10), num, sizeof num);
				diag_at(d, m->line, 0, MSG_W_MISSING_CAT, num, m->question,
				        PQgetvalue(r, row, 2));
			}
		}
		outbuf_release(&codes);
	}
	if (!asked_any) {
		diag_file(d, MSG_W_NO_PROFILE, survey_code, all.data ? (char *)all.data : "");
	} else {
		for (i = 0; i < wf->n; i++) {
			for (row = 0; row < nrow; row++)
				if (strcmp(PQgetvalue(r, row, 0), wf->m[i].question) == 0 &&
				    PQgetvalue(r, row, 1)[0] != 't') {
					diag_at(d, wf->m[i].line, 0, MSG_W_NOT_ASKED, survey_code,
					        wf->m[i].question);
					break;
				}
		}
	}
	outbuf_release(&all);
	PQclear(r);
	return 0;
}

struct wcells {
	PGresult *res;           /* owns the keys */
	size_t n;
	int *cat;                /* n * nmargins */
	double *count;
	double *weight;
};

static void wcells_release(struct wcells *c)
{
	PQclear(c->res);
	free(c->cat);
	free(c->count);
	free(c->weight);
	memset(c, 0, sizeof *c);
}

/* Fetches the profile cells and turns their keys into category indexes. 0 or -1. */
static int cells_load(PGconn *conn, const char *orgs, const char *surveys, const char *qarray,
                      struct wfile *wf, struct wcells *c)
{
	const char *p[3] = { orgs, surveys, qarray };
	const char *key, *bar;
	size_t i, m, k, len;

	c->res = db_query(conn, PROG, PGRES_TUPLES_OK,
	                  "SELECT key, n FROM weighting_cells($1, $2, $3)", 3, p);
	if (!c->res)
		return -1;
	c->n = (size_t)PQntuples(c->res);
	if (c->n == 0)
		return 0;
	c->cat = calloc(c->n * wf->n, sizeof *c->cat);
	c->count = calloc(c->n, sizeof *c->count);
	c->weight = calloc(c->n, sizeof *c->weight);
	if (!c->cat || !c->count || !c->weight) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		return -1;
	}
	for (m = 0; m < wf->n; m++)
		wf->m[m].missing = 0;
	for (i = 0; i < c->n; i++) {
		key = PQgetvalue(c->res, (int)i, 0);
		c->count[i] = strtod(PQgetvalue(c->res, (int)i, 1), NULL);
		for (m = 0; m < wf->n; m++) {
			bar = strchr(key, '|');
			len = bar ? (size_t)(bar - key) : strlen(key);
			c->cat[i * wf->n + m] = -1;
			for (k = 0; k < wf->m[m].ncat; k++)
				if (strlen(wf->m[m].cat[k].code) == len &&
				    memcmp(wf->m[m].cat[k].code, key, len) == 0)
					c->cat[i * wf->n + m] = (int)k;
			if (c->cat[i * wf->n + m] < 0)
				wf->m[m].missing += (long)c->count[i];
			key = bar ? bar + 1 : key + len;
		}
	}
	return 0;
}

static int parse_trim(const char *s, double *lo, double *hi)
{
	char buf[64], *colon, *end;
	size_t i;

	if (strlen(s) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	colon = strchr(buf, ':');
	if (!colon)
		return -1;
	*colon = '\0';
	for (i = 0; buf[i]; i++)
		if (buf[i] == ',')
			buf[i] = '.';
	for (end = colon + 1; *end; end++)
		if (*end == ',')
			*end = '.';
	errno = 0;
	*lo = strtod(buf, &end);
	if (errno || *end || end == buf)
		return -1;
	*hi = strtod(colon + 1, &end);
	if (errno || *end || end == colon + 1)
		return -1;
	if (!(*lo > 0) || !(*lo < 1) || !(*hi > 1) || !isfinite(*hi))
		return -1;
	return 0;
}

static void print_summary(const char *survey, const struct wfile *wf, const struct wcells *c,
                          const struct rake_result *res, const struct rake_opts *o)
{
	char n[FR_NUM_SIZE], deff[FR_NUM_SIZE], lo[FR_NUM_SIZE], hi[FR_NUM_SIZE], ratio[FR_NUM_SIZE];
	double total = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		total += c->count[i];
	fr_int((long long)total, n, sizeof n);
	fr_decimal(res->deff, 3, deff, sizeof deff);
	fr_decimal(res->w_min, 3, lo, sizeof lo);
	fr_decimal(res->w_max, 3, hi, sizeof hi);
	fr_decimal(res->w_max / res->w_min, 1, ratio, sizeof ratio);
	msg_print(stdout, PROG, MSG_W_DONE, survey, n, wf->n, res->iterations, deff, lo, hi, ratio);
	for (i = 0; i < wf->n; i++) {
		if (wf->m[i].missing == 0)
			continue;
		fr_int(wf->m[i].missing, n, sizeof n);
		msg_print(stdout, PROG, MSG_W_DONE_MISSING, wf->m[i].question, n);
	}
	if (o->trim_lo > 0 || o->trim_hi > 0) {
		fr_decimal(o->trim_lo, 2, lo, sizeof lo);
		fr_decimal(o->trim_hi, 2, hi, sizeof hi);
		msg_print(stdout, PROG, MSG_W_DONE_TRIM, lo, hi, res->trim_rounds);
	}
}

/* Stores the weights and the run. 0 or -1 (nothing stored). */
static int weights_store(PGconn *conn, const char *orgs, const char *surveys,
                         const char *qarray, const char *margins_path, const struct wfile *wf,
                         const struct wcells *c, const struct rake_result *res,
                         const struct rake_opts *o)
{
	struct outbuf keys, w, js;
	char it[16], deff[32], lo[32], hi[32];
	const char *p[10];
	PGresult *r;
	size_t i, k;
	int ret = -1;

	outbuf_init(&keys, OUTBUF_MAX);
	outbuf_init(&w, OUTBUF_MAX);
	outbuf_init(&js, OUTBUF_MAX);
	outbuf_adds(&keys, "{");
	outbuf_adds(&w, "{");
	for (i = 0; i < c->n; i++) {
		if (i) {
			outbuf_adds(&keys, ",");
			outbuf_adds(&w, ",");
		}
		add_quoted(&keys, PQgetvalue(c->res, (int)i, 0));
		outbuf_addf(&w, "%.17g", c->weight[i]);
	}
	outbuf_adds(&keys, "}");
	outbuf_adds(&w, "}");

	outbuf_adds(&js, "{\"file\":");
	add_quoted(&js, margins_path);
	outbuf_adds(&js, ",\"margins\":{");
	for (i = 0; i < wf->n; i++) {
		outbuf_adds(&js, i ? "," : "");
		add_quoted(&js, wf->m[i].question);
		outbuf_adds(&js, ":{");
		for (k = 0; k < wf->m[i].ncat; k++) {
			outbuf_adds(&js, k ? "," : "");
			add_quoted(&js, wf->m[i].cat[k].code);
			outbuf_addf(&js, ":%.17g", wf->m[i].cat[k].pct);
		}
		outbuf_adds(&js, "}");
	}
	outbuf_adds(&js, "},\"missing\":{");
	for (i = 0; i < wf->n; i++) {
		outbuf_adds(&js, i ? "," : "");
		add_quoted(&js, wf->m[i].question);
		outbuf_addf(&js, ":%ld", wf->m[i].missing);
	}
	outbuf_adds(&js, "}");
	if (o->trim_lo > 0 || o->trim_hi > 0)
		outbuf_addf(&js, ",\"trim\":[%.17g,%.17g]", o->trim_lo, o->trim_hi);
	outbuf_adds(&js, "}");
	if (keys.failed || w.failed || js.failed) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		goto out;
	}
	snprintf(it, sizeof it, "%d", res->iterations);
	snprintf(deff, sizeof deff, "%.17g", res->deff);
	snprintf(lo, sizeof lo, "%.17g", res->w_min);
	snprintf(hi, sizeof hi, "%.17g", res->w_max);
	p[0] = orgs;
	p[1] = surveys;
	p[2] = qarray;
	p[3] = (const char *)keys.data;
	p[4] = (const char *)w.data;
	p[5] = (const char *)js.data;
	p[6] = it;
	p[7] = deff;
	p[8] = lo;
	p[9] = hi;
	r = db_query(conn, PROG, PGRES_TUPLES_OK,
	             "SELECT weighting_apply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10, p);
	if (r) {
		ret = 0;
		PQclear(r);
	}
out:
	outbuf_release(&keys);
	outbuf_release(&w);
	outbuf_release(&js);
	return ret;
}

static void usage_error(const char *what)
{
	msg_print(stderr, PROG, MSG_W_BAD_USAGE, what, PROG);
}

int report_weight(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "survey", required_argument, NULL, 's' },
		{ "margins", required_argument, NULL, 'm' },
		{ "trim", required_argument, NULL, 't' },
		{ "max-iter", required_argument, NULL, 'i' },
		{ "db", required_argument, NULL, 'd' },
		{ "org", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *survey = NULL, *margins = NULL, *db = NULL, *org_code = NULL;
	struct rake_opts ro;
	struct rake_margin rm[RAKE_MAX_MARGINS];
	struct rake_result res;
	struct rake_cells rc;
	struct wfile *wf = NULL;
	struct wcells cells;
	struct outbuf qarray;
	struct diag d;
	PGconn *conn = NULL;
	enum rake_status st;
	char orgs[16], surveys[16], gap[FR_NUM_SIZE], lo[FR_NUM_SIZE], hi[FR_NUM_SIZE];
	char *end, *bad;
	int c, org, survey_id = 0, ret = REPORT_USAGE;
	long v;
	double s;
	size_t i, k;

	memset(&cells, 0, sizeof cells);
	outbuf_init(&qarray, 1 << 16);
	rake_opts_default(&ro);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': survey = optarg; break;
		case 'm': margins = optarg; break;
		case 'd': db = optarg; break;
		case 'g': org_code = optarg; break;
		case 'h':
			printf(msg_text(MSG_W_USAGE), PROG);
			ret = REPORT_OK;
			goto out;
		case 't':
			if (parse_trim(optarg, &ro.trim_lo, &ro.trim_hi) < 0) {
				bad = msg_format(MSG_W_BAD_TRIM, optarg);
				usage_error(bad ? bad : "--trim");
				free(bad);
				goto out;
			}
			break;
		case 'i':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 1 || v > 100000) {
				bad = msg_format(MSG_W_BAD_MAXIT, optarg);
				usage_error(bad ? bad : "--max-iter");
				free(bad);
				goto out;
			}
			ro.max_iter = (int)v;
			break;
		default:
			usage_error(argv[optind - 1]);
			goto out;
		}
	}
	if (!survey || !margins || optind < argc) {
		usage_error(optind < argc ? argv[optind] : "--survey CODE --margins FICHIER");
		goto out;
	}

	/* The file first: every problem of it at once. */
	ret = REPORT_REJECTED;
	wf = calloc(1, sizeof *wf);
	if (!wf) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		goto out;
	}
	diag_init(&d, margins, stderr);
	if (margins_read(margins, wf, &d) < 0)
		goto out;
	margins_check_sums(wf, &d);

	conn = db_connect(PROG, db);
	ret = REPORT_DBERROR;
	if (!conn)
		goto out;
	org = db_org(conn, PROG, org_code);
	if (org < 0)
		goto out;
	c = survey_find(conn, org, survey, &survey_id);
	if (c == -2)
		ret = REPORT_REJECTED;
	if (c < 0)
		goto out;
	snprintf(orgs, sizeof orgs, "%d", org);
	snprintf(surveys, sizeof surveys, "%d", survey_id);
	outbuf_adds(&qarray, "{");
	for (i = 0; i < wf->n; i++) {
		outbuf_adds(&qarray, i ? "," : "");
		add_quoted(&qarray, wf->m[i].question);
	}
	outbuf_adds(&qarray, "}");
	if (wf->n > 0 &&
	    margins_check_db(conn, orgs, surveys, survey, (const char *)qarray.data, wf, &d) < 0)
		goto out;
	ret = REPORT_REJECTED;
	if (d.count > 0) {
		diag_finish(&d);
		msg_print(stderr, PROG, MSG_W_REJECTED, d.count);
		goto out;
	}

	ret = REPORT_DBERROR;
	if (cells_load(conn, orgs, surveys, (const char *)qarray.data, wf, &cells) < 0)
		goto out;
	ret = REPORT_REJECTED;
	if (cells.n == 0) {
		msg_print(stderr, PROG, MSG_W_NO_RESPONSES, survey);
		goto out;
	}
	for (i = 0; i < wf->n; i++) {
		s = 0;
		for (k = 0; k < wf->m[i].ncat; k++)
			s += wf->m[i].cat[k].pct;
		rm[i].ncat = wf->m[i].ncat;
		for (k = 0; k < wf->m[i].ncat; k++)
			rm[i].share[k] = wf->m[i].cat[k].pct / s;
	}
	rc.ncell = cells.n;
	rc.nmargins = wf->n;
	rc.cat = cells.cat;
	rc.count = cells.count;
	st = rake_run(&rc, rm, &ro, cells.weight, &res);
	switch (st) {
	case RAKE_OK:
		break;
	case RAKE_EMPTY_CATEGORY:
		fr_decimal(wf->m[res.bad_margin].cat[res.bad_cat].pct, 1, gap, sizeof gap);
		msg_print(stderr, PROG, MSG_W_EMPTY_CAT, wf->m[res.bad_margin].question,
		          wf->m[res.bad_margin].cat[res.bad_cat].code, gap);
		goto out;
	case RAKE_NO_CONVERGENCE:
		snprintf(gap, sizeof gap, "%.1e", res.max_gap);
		msg_print(stderr, PROG, MSG_W_NO_CONVERGENCE, res.iterations, gap);
		goto out;
	case RAKE_TRIM_FAILED:
		fr_decimal(ro.trim_lo, 2, lo, sizeof lo);
		fr_decimal(ro.trim_hi, 2, hi, sizeof hi);
		msg_print(stderr, PROG, MSG_W_TRIM_FAILED, lo, hi);
		goto out;
	case RAKE_INVALID:
		fprintf(stderr, "%s: weight: invalid raking problem\n", PROG);
		goto out;
	}
	ret = REPORT_DBERROR;
	if (weights_store(conn, orgs, surveys, (const char *)qarray.data, margins, wf, &cells,
	                  &res, &ro) < 0)
		goto out;
	print_summary(survey, wf, &cells, &res, &ro);
	ret = REPORT_OK;
out:
	wcells_release(&cells);
	outbuf_release(&qarray);
	free(wf);
	PQfinish(conn);
	return ret;
}

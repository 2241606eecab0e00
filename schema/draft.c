/* draft.c: `survey-admin draft EXPORT [--survey CODE] -o FILE`: reads an online export (any
 * format collect-online reads: header rows, and the distinct answers seen in the data) and
 * writes a commented definitions skeleton: the questions with their wording, a type guessed
 * from the answers, the options in the order the tool gives them, and the survey. Option codes
 * keep the tool's codes when the export holds codes (LimeSurvey A1, Kobo names), so that the
 * completed draft imports the same export without a map file. Needs no database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../collectors/collectors.h"
#include "admin.h"
#include "text.h"
#include "wide.h"

#define DRAFT_MAX_Q 300
#define DRAFT_MAX_VALUES 41   /* more distinct answers than this: a free-text question */

/* One column that carries answers: its distinct values, first seen first. */
struct dcol {
	char *values[DRAFT_MAX_VALUES];
	size_t nvalues;
	size_t filled;            /* non-empty cells */
	int many;                 /* more than DRAFT_MAX_VALUES - 1 distinct values */
	size_t longest;
};

/* One question of the draft. */
struct dq {
	char code[64];
	char *wording;
	const char *type;         /* "choice", "yesno", "multi", "text" */
	char *opts[DRAFT_MAX_VALUES];   /* labels; codes: opt_codes or 1..n */
	char *opt_codes[DRAFT_MAX_VALUES];
	size_t nopts;
	int split;                /* multi: answers joined in one cell */
};

struct draft {
	const struct adapter *adapter;
	struct dq qs[DRAFT_MAX_Q];
	size_t nq;
	int first_year, last_year;
};

static int code_like(const char *s, size_t max)
{
	size_t i;

	if (!*s || strlen(s) > max)
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static void dcol_add(struct dcol *c, const char *v)
{
	size_t i, n = strlen(v);

	if (!*v)
		return;
	c->filled++;
	if (c->many)
		return;
	for (i = 0; i < c->nvalues; i++)
		if (strcmp(c->values[i], v) == 0)
			return;
	if (c->nvalues == DRAFT_MAX_VALUES - 1) {
		c->many = 1;
		return;
	}
	c->values[c->nvalues] = strdup(v);
	if (c->values[c->nvalues])
		c->nvalues++;
	if (n > c->longest)
		c->longest = n;
}

/* Every value says ticked or not (X, Y, 1, Oui, empty). */
static int all_ticks(const struct dcol *c)
{
	size_t i;

	if (c->many)
		return 0;
	for (i = 0; i < c->nvalues; i++)
		if (wide_ticked(c->values[i]) < 0)
			return 0;
	return 1;
}

/* Every value is X (Webform's ticked box). */
static int x_ticks(const struct dcol *c)
{
	size_t i;

	for (i = 0; i < c->nvalues; i++)
		if (strcmp(c->values[i], "X") != 0 && strcmp(c->values[i], "x") != 0)
			return 0;
	return !c->many;
}

static struct dq *find_q(struct draft *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nq; i++)
		if (strcmp(d->qs[i].code, code) == 0)
			return &d->qs[i];
	return NULL;
}

/* A new question: code from the tool when it is one, else Q01, Q02... (unique). */
static struct dq *new_q(struct draft *d, const char *code, const char *wording)
{
	struct dq *q;
	char base[40];
	int k = 2;

	if (d->nq == DRAFT_MAX_Q)
		return NULL;
	q = &d->qs[d->nq];
	memset(q, 0, sizeof(*q));
	if (code && code_like(code, 39))
		snprintf(base, sizeof(base), "%s", code);
	else
		snprintf(base, sizeof(base), "Q%02zu", d->nq + 1);
	snprintf(q->code, sizeof(q->code), "%s", base);
	while (find_q(d, q->code))
		snprintf(q->code, sizeof(q->code), "%s_%d", base, k++);
	q->wording = strdup(wording && *wording ? wording : q->code);
	q->type = "choice";
	d->nq++;
	return q;
}

static void add_opt(struct dq *q, const char *label, const char *code)
{
	size_t i;

	for (i = 0; i < q->nopts; i++)
		if (strcmp(q->opts[i], label) == 0)
			return;
	if (q->nopts == DRAFT_MAX_VALUES - 1)
		return;
	q->opts[q->nopts] = strdup(label);
	q->opt_codes[q->nopts] = code ? strdup(code) : NULL;
	q->nopts++;
}

/* Natural order of codes: numbers by value, then A1 < A2 < A10. */
static int code_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t i = 0;

	while (x[i] && x[i] == y[i] && !(x[i] >= '0' && x[i] <= '9'))
		i++;
	if (x[i] >= '0' && x[i] <= '9' && y[i] >= '0' && y[i] <= '9') {
		long p = strtol(x + i, NULL, 10), r = strtol(y + i, NULL, 10);

		if (p != r)
			return p < r ? -1 : 1;
	}
	return strcmp(x, y);
}

/* A question answered in one column: options from the values seen (pieces of a joined cell
 * for a multi-select), type guessed. */
static void plain_question(struct draft *d, const char *code, const char *wording,
                           const struct dcol *c)
{
	const char *seps = d->adapter->spec ? ((const struct wide_spec *)d->adapter->spec)->multi_seps
	                                    : NULL;
	struct dq *q = new_q(d, code, wording);
	int joined = 0, codes = 1, yes = 0, no = 0;
	size_t i;

	if (!q)
		return;
	/* free text: many different answers, long ones, or mostly one of a kind */
	if (c->many || c->nvalues == 0 || c->longest > 80 ||
	    (c->nvalues >= 6 && c->nvalues * 2 > c->filled)) {
		q->type = "text";
		return;
	}
	for (i = 0; seps && strchr(seps, ';') && i < c->nvalues; i++)
		joined |= strchr(c->values[i], ';') != NULL;
	for (i = 0; i < c->nvalues; i++) {
		char *v = c->values[i], *p = v;

		if (!joined) {
			add_opt(q, v, NULL);
			continue;
		}
		while (*p) {
			size_t n = strcspn(p, ";");
			char *piece = strndup(p, n);

			if (piece && *text_trim(piece))
				add_opt(q, text_trim(piece), NULL);
			free(piece);
			p += n;
			if (*p)
				p++;
		}
	}
	q->type = joined ? "multi" : "choice";
	q->split = joined;
	/* sentences are free text (comments), not options */
	for (i = 0; i < q->nopts; i++) {
		size_t n = strlen(q->opts[i]);

		if (n > 40 || (n > 0 && strchr(".!", q->opts[i][n - 1])))
			q->type = "text";
	}
	if (strcmp(q->type, "text") == 0) {
		for (i = 0; i < q->nopts; i++)
			free(q->opts[i]);
		q->nopts = 0;
		return;
	}
	for (i = 0; i < q->nopts; i++) {
		codes &= code_like(q->opts[i], 8);
		yes += wide_ticked(q->opts[i]) == 1;
		no += wide_ticked(q->opts[i]) == 0;
	}
	if (codes) {
		qsort(q->opts, q->nopts, sizeof(q->opts[0]), code_cmp);
		for (i = 0; i < q->nopts; i++)
			q->opt_codes[i] = strdup(q->opts[i]);
	}
	if (!joined && q->nopts == 2 && yes == 1 && no == 1) {
		q->type = "yesno";
		if (wide_ticked(q->opts[0]) == 0) {   /* Oui first */
			char *t = q->opts[0], *u = q->opt_codes[0];

			q->opts[0] = q->opts[1];
			q->opt_codes[0] = q->opt_codes[1];
			q->opts[1] = t;
			q->opt_codes[1] = u;
		}
	}
}

/* One option column of a multi-select question (LimeSurvey Q[SQ001], Framaforms' X columns
 * under the question's name, Kobo's question/choice). */
static void option_column(struct draft *d, const char *code, const char *wording,
                          const char *label, const char *opt_code)
{
	struct dq *q = NULL;
	size_t i;

	for (i = 0; i < d->nq && !q; i++)
		if (strcmp(d->qs[i].type, "multi") == 0 &&
		    ((code && strcmp(d->qs[i].code, code) == 0) ||
		     (!code && strcmp(d->qs[i].wording, wording) == 0)))
			q = &d->qs[i];
	if (!q) {
		q = new_q(d, code, wording);
		if (!q)
			return;
		q->type = "multi";
	}
	add_opt(q, label, opt_code && code_like(opt_code, 8) ? opt_code : NULL);
}

static int in_header(const struct row *hdr, const char *h, size_t len)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (strlen(hdr->f[i]) == len && strncmp(hdr->f[i], h, len) == 0)
			return 1;
	return 0;
}

/* Classifies column i of the header (see the top of the file). */
static void column(struct draft *d, const struct row *hdr, const char *group, size_t i,
                   const struct dcol *c)
{
	const char *h = hdr->f[i], *sub, *text = NULL;
	size_t base, sublen, codelen, last;
	char *head = NULL, *b = NULL, *s = NULL;
	static const char *const other[] = { "other", "autre", "comment", "commentaire", NULL };

	/* "CODE. text": the code, with the text as wording */
	if (wide_split_code(h, &codelen)) {
		head = strndup(h, codelen);
		text = h + codelen + 2;
		if (!head)
			return;
		h = head;
	}
	if (*group && all_ticks(c)) {
		option_column(d, NULL, group, text ? text : h, NULL);
	} else if (wide_split_sub(h, &base, &sub, &sublen)) {
		size_t k;
		int is_other = 0;

		b = strndup(h, base);
		s = strndup(sub, sublen);
		if (!b || !s)
			goto out;
		for (k = 0; other[k]; k++)
			is_other |= text_same(s, other[k]);
		if (is_other)
			goto out;   /* an "other" or comment column: kept as a comment */
		if (all_ticks(c)) {
			const char *label = s, *wording = b;
			size_t tb, ts, tl;
			const char *tsub;
			char *tw = NULL, *tlab = NULL;

			/* "Question ? [Option]" after the code gives the wording and the label */
			if (text && wide_split_sub(text, &tb, &tsub, &ts)) {
				tw = strndup(text, tb);
				tlab = strndup(tsub, ts);
				if (tw && tlab) {
					wording = tw;
					label = tlab;
				}
			}
			(void)tl;
			option_column(d, code_like(b, 39) ? b : NULL, wording, label, s);
			free(tw);
			free(tlab);
		} else {
			plain_question(d, code_like(s, 39) ? s : NULL, text ? text : s, c);
		}
	} else if (wide_split_path(h, &last)) {
		size_t start = last - 1;

		while (start > 0 && h[start - 1] != '/')
			start--;
		if (all_ticks(c) && in_header(hdr, h, last - 1)) {
			b = strndup(h + start, last - 1 - start);
			if (b)
				option_column(d, b, b, h + last, h + last);
		} else {
			plain_question(d, h + last, text ? text : h + last, c);
		}
	} else {
		plain_question(d, h, text ? text : h, c);
	}
out:
	free(head);
	free(b);
	free(s);
}

/* Kobo's "question/choice" columns repeat the answers of the "question" column: the option
 * columns give the question its options and type, so the joined column is dropped. */
static void drop_joined_twins(struct draft *d)
{
	size_t i, j, k;

	for (i = 0; i < d->nq; i++) {
		struct dq *m = &d->qs[i];

		if (strcmp(m->type, "multi") != 0 || m->split)
			continue;
		for (j = 0; j < d->nq; j++)
			if (j != i && strcmp(d->qs[j].code, m->code) != 0 &&
			    strncmp(d->qs[j].code, m->code, strlen(m->code)) == 0 &&
			    d->qs[j].code[strlen(m->code)] == '_' &&
			    strcmp(d->qs[j].wording, m->wording) == 0)
				break;
		if (j == d->nq)
			continue;
		for (k = 0; k < d->qs[j].nopts; k++) {
			free(d->qs[j].opts[k]);
			free(d->qs[j].opt_codes[k]);
		}
		free(d->qs[j].wording);
		memmove(&d->qs[j], &d->qs[j + 1], (d->nq - j - 1) * sizeof(d->qs[0]));
		d->nq--;
		if (j < i)
			i--;
	}
}

/* Kobo's HXL row under the header: every filled cell a #hashtag. */
static int hxl_row(const struct row *r)
{
	size_t i, tags = 0;

	for (i = 0; i < r->n; i++) {
		if (!*r->f[i])
			continue;
		if (r->f[i][0] != '#')
			return 0;
		tags++;
	}
	return tags > 0;
}

/* The years of the responses, from the adapter's fixed columns that hold dates. */
static void note_dates(struct draft *d, const struct row *hdr, const struct row *r)
{
	const struct wide_spec *spec = d->adapter->spec;
	struct datetime dt;
	size_t i;

	for (i = 0; spec && i < r->n && i < hdr->n; i++) {
		const char *v = r->f[i];

		if (!wide_fixed_tag(spec->fixed, hdr->f[i]) || !strpbrk(v, "-/:.") ||
		    date_parse(v, &dt) < 0 || dt.year < 1990 || dt.year > 2100)
			continue;
		if (!d->first_year || dt.year < d->first_year)
			d->first_year = dt.year;
		if (dt.year > d->last_year)
			d->last_year = dt.year;
	}
}

/* A YAML double-quoted scalar. */
static void put_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static int write_draft(const struct draft *d, FILE *f, const char *export_path,
                       const char *survey)
{
	size_t i, k;
	time_t now = time(NULL);
	struct tm tmv;
	int y0, y1;

	y0 = d->first_year ? d->first_year
	                   : (localtime_r(&now, &tmv) ? tmv.tm_year + 1900 : 2025);
	y1 = d->last_year ? d->last_year : y0;

	fprintf(f, msg_text(MSG_DRAFT_HEAD), export_path, d->adapter->label, survey, export_path);
	fputs("\nquestions:\n", f);
	for (i = 0; i < d->nq; i++) {
		const struct dq *q = &d->qs[i];

		fprintf(f, "  - code: %s\n    type: %s\n    wording: ", q->code, q->type);
		put_quoted(f, q->wording);
		fputc('\n', f);
		if (strcmp(q->type, "text") == 0)
			continue;
		fprintf(f, "    options:\n");
		for (k = 0; k < q->nopts; k++) {
			char num[24];   /* any size_t in decimal */

			snprintf(num, sizeof(num), "%zu", k + 1);
			fputs("      - { code: ", f);
			put_quoted(f, q->opt_codes[k] ? q->opt_codes[k] : num);
			fputs(", label: ", f);
			put_quoted(f, q->opts[k]);
			fputs(" }\n", f);
		}
	}
	fprintf(f, msg_text(MSG_DRAFT_SURVEYS), survey, survey, y0, y1);
	for (i = 0; i < d->nq; i++)
		fprintf(f, "%s%s", i ? ", " : "", d->qs[i].code);
	fputs("]\n", f);
	return ferror(f) ? -1 : 0;
}

/* The survey code from the export's name: letters, digits and '-'. */
static void survey_from_name(const char *path, char *out, size_t size)
{
	const char *b = strrchr(path, '/');
	size_t o = 0;

	b = b ? b + 1 : path;
	for (; *b && *b != '.' && o + 1 < size; b++) {
		char ch = *b;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		out[o++] = ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) ? ch : '-';
	}
	out[o] = '\0';
	if (o == 0)
		snprintf(out, size, "nouvelle-enquete");
}

int admin_draft(struct admin *a)
{
	const char *path = a->argv[0];
	struct rowstream_opts ro;
	struct rowstream *rs = NULL;
	const struct row *row;
	struct diag dg;
	struct draft *d;
	struct row *hdr = NULL, *groups = NULL;
	struct dcol *cols = NULL;
	char survey[64];
	int score, r, ret = EXIT_REJECTED;
	size_t i, nrows = 0;
	FILE *out;

	if (!a->output) {
		msg_print(stderr, a->prog, MSG_DRAFT_NEED_OUT);
		return EXIT_USAGE;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return EXIT_DB;
	diag_init(&dg, path, stderr);
	d->adapter = collect_detect(path, online_adapters, &score);
	if (!d->adapter) {
		rowstream_opts_default(&ro);
		if (rowstream_open(&rs, path, &ro, &dg) == 0 && rowstream_next(rs, &row, &dg) >= 0)
			diag_file(&dg, MSG_DRAFT_UNDETECTED);
		goto out;
	}
	rowstream_opts_default(&ro);
	if (rowstream_open(&rs, path, &ro, &dg) < 0)
		goto out;
	/* the header: the first of the first three rows with two fixed columns, else the first */
	for (;;) {
		int nfixed = 0;

		r = rowstream_next(rs, &row, &dg);
		if (r <= 0)
			break;
		nrows++;
		if (hdr && hxl_row(row))
			continue;
		if (hdr) {
			/* a data row */
			note_dates(d, hdr, row);
			for (i = 0; i < hdr->n && i < row->n; i++)
				dcol_add(&cols[i], row->f[i]);
			continue;
		}
		for (i = 0; d->adapter->spec && i < row->n; i++)
			nfixed += wide_fixed_tag(d->adapter->spec->fixed, row->f[i]) != 0;
		if (nfixed < 2 && nrows < 3 && d->adapter->spec &&
		    strcmp(d->adapter->name, "framaforms") == 0) {
			row_copy_free(groups);
			groups = row_copy(row);
			continue;
		}
		hdr = row_copy(row);
		cols = calloc(row->n + 1, sizeof(*cols));
		if (!hdr || !cols)
			goto out;
	}
	if (r < 0)
		goto out;
	if (!hdr) {
		diag_file(&dg, MSG_NO_HEADER);
		goto out;
	}
	{
		const char *group = "";

		for (i = 0; i < hdr->n; i++) {
			const char *h = hdr->f[i];
			int g_here = groups && i < groups->n && groups->f[i][0];

			if (g_here)
				group = groups->f[i];
			if (!*h || wide_fixed_tag(d->adapter->spec->fixed, h) || wide_is_personal(h) ||
			    h[0] == '_') {
				if (!g_here)
					group = "";
				continue;
			}
			/* Webform ticks a box with X: under an empty group cell, anything else is
			 * the next question */
			if (!g_here && *group && !x_ticks(&cols[i]))
				group = "";
			column(d, hdr, group, i, &cols[i]);
		}
	}
	drop_joined_twins(d);
	if (d->nq == 0) {
		diag_file(&dg, MSG_DRAFT_NO_QUESTION);
		goto out;
	}
	if (a->survey)
		snprintf(survey, sizeof(survey), "%s", a->survey);
	else
		survey_from_name(path, survey, sizeof(survey));
	out = fopen(a->output, "w");
	if (!out || write_draft(d, out, path, survey) < 0) {
		msg_print(stderr, a->prog, MSG_DRAFT_WRITE, a->output);
		if (out)
			fclose(out);
		goto out;
	}
	if (fclose(out) != 0) {
		msg_print(stderr, a->prog, MSG_DRAFT_WRITE, a->output);
		goto out;
	}
	msg_print(stdout, a->prog, MSG_DRAFT_DONE, a->output, d->nq, d->adapter->label,
	          a->output, survey, path);
	ret = EXIT_DONE;
out:
	rowstream_free(rs);
	for (i = 0; cols && hdr && i < hdr->n; i++) {
		size_t k;

		for (k = 0; k < cols[i].nvalues; k++)
			free(cols[i].values[k]);
	}
	free(cols);
	row_copy_free(hdr);
	row_copy_free(groups);
	for (i = 0; i < d->nq; i++) {
		size_t k;

		for (k = 0; k < d->qs[i].nopts; k++) {
			free(d->qs[i].opts[k]);
			free(d->qs[i].opt_codes[k]);
		}
		free(d->qs[i].wording);
	}
	free(d);
	return ret;
}

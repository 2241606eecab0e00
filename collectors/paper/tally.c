/* tally.c: the paper tally sheet (QUESTIONNAIRE.md, "The paper tally sheet"): one row per site,
 * period, channel, question and answer with the number of forms that gave it, stored as tallies.
 * Header and cell parsing are pure (no database) so that tests and the fuzzer can drive them;
 * tally_run() adds what needs the survey: sites, channels, questions, answers, the period. */
#include <stdlib.h>
#include <string.h>

#include "paper.h"
#include "text.h"

const char *const tally_col_names[TC__COUNT] = {
	"site", "du", "au", "canal", "question", "reponse", "nombre",
};

/* Folded header names accepted for each column (the template's name first). */
static const char *const synonyms[TC__COUNT][6] = {
	[TC_SITE] = { "site", "code site", "accueil", NULL },
	[TC_DU] = { "du", "debut", "date de debut", "date debut", "periode du", NULL },
	[TC_AU] = { "au", "fin", "date de fin", "date fin", "periode au", NULL },
	[TC_CANAL] = { "canal", "code canal", NULL },
	[TC_QUESTION] = { "question", "code question", NULL },
	[TC_REPONSE] = { "reponse", "code reponse", NULL },
	[TC_NOMBRE] = { "nombre", "nb", "effectif", "nombre de formulaires", "total", NULL },
};

static int header_column(const char *folded)
{
	int c, k;

	for (c = 0; c < TC__COUNT; c++)
		for (k = 0; synonyms[c][k]; k++)
			if (strcmp(synonyms[c][k], folded) == 0)
				return c;
	return -1;
}

int tally_header_parse(const struct row *r, struct tally_header *h, struct diag *d)
{
	size_t i;
	int c, found = 0;

	for (c = 0; c < TC__COUNT; c++)
		h->col[c] = -1;
	for (i = 0; i < r->n; i++) {
		char *f = text_fold(r->f[i], r->len[i]);

		c = f ? header_column(f) : -1;
		free(f);
		if (c < 0)
			continue;      /* extra columns (a wording, a note) are ignored */
		if (h->col[c] >= 0) {
			if (d)
				diag_at(d, r->line, (long)i + 1, MSG_PAPER_DUP_COLUMN, tally_col_names[c]);
			continue;
		}
		h->col[c] = (long)i;
		found++;
	}
	if (d)
		for (c = 0; c < TC__COUNT; c++)
			if (h->col[c] < 0)
				diag_at(d, r->line, 0, MSG_PAPER_NO_COLUMN, tally_col_names[c]);
	return found;
}

static int tally_detect(const struct row *first, enum rs_container container)
{
	struct tally_header h;
	int found = tally_header_parse(first, &h, NULL);

	(void)container;
	if (found == TC__COUNT)
		return 100;
	/* most of the columns: surely a tally sheet with a column missing or misspelt, which
	 * tally_run() then reports by name */
	return found >= 4 ? 60 : 0;
}

const char *tally_cell(const struct tally_header *h, const struct row *r, enum tally_col c)
{
	long i = h->col[c];

	return i >= 0 && (size_t)i < r->n ? r->f[i] : "";
}

/* Length of a space at s (ASCII space or tab, U+00A0, U+202F, U+2009), else 0. */
static size_t space_len(const unsigned char *s)
{
	if (s[0] == ' ' || s[0] == '\t')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xAF || s[2] == 0x89))
		return 3;
	return 0;
}

static int is_digit(unsigned char ch)
{
	return ch >= '0' && ch <= '9';
}

enum msg_id tally_count_parse(const char *text, long *n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t k, group = 0, groups = 0;
	long v = 0;
	int big = 0;

	while ((k = space_len(s)) > 0)
		s += k;
	if (*s == '-' && is_digit(s[1]))
		return MSG_PAPER_COUNT_NEGATIVE;
	if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92 && is_digit(s[3]))   /* U+2212 minus */
		return MSG_PAPER_COUNT_NEGATIVE;
	if (!is_digit(*s))
		return MSG_PAPER_COUNT_BAD;
	for (;;) {
		if (is_digit(*s)) {
			if (v > (TALLY_MAX_COUNT - (*s - '0')) / 10)
				big = 1;
			else
				v = v * 10 + (*s - '0');
			group++;
			s++;
			continue;
		}
		k = space_len(s);
		if (k > 0 && is_digit(s[k])) {
			/* a thousands separator: the group before it has 1-3 digits (3 after the
			 * first), the one after it exactly 3 */
			if (group > 3 || (groups > 0 && group != 3))
				return MSG_PAPER_COUNT_BAD;
			groups++;
			group = 0;
			s += k;
			continue;
		}
		break;
	}
	if (groups > 0 && group != 3)
		return MSG_PAPER_COUNT_BAD;
	if ((*s == ',' || *s == '.') && is_digit(s[1]))
		return MSG_PAPER_COUNT_DECIMAL;
	while ((k = space_len(s)) > 0)
		s += k;
	if (*s)
		return MSG_PAPER_COUNT_BAD;
	if (big)
		return MSG_PAPER_COUNT_TOO_BIG;
	*n = v;
	return MSG__COUNT;
}

static int blank(const char *s)
{
	size_t k;

	while ((k = space_len((const unsigned char *)s)) > 0)
		s += k;
	return *s == '\0';
}

/* Parses the date in column c; reports an empty or invalid cell. 0 or -1. */
static int parse_date(const struct tally_header *h, const struct row *r, enum tally_col c,
                      struct datetime *out, struct diag *d)
{
	const char *s = tally_cell(h, r, c);

	if (blank(s)) {
		diag_at(d, r->line, h->col[c] + 1, MSG_PAPER_EMPTY_DATE, tally_col_names[c]);
		return -1;
	}
	if (date_parse(s, out) < 0) {
		diag_at(d, r->line, h->col[c] + 1, MSG_BAD_DATE, s);
		return -1;
	}
	return 0;
}

int tally_row_parse(const struct tally_header *h, const struct row *r, struct tally_cells *out,
                    struct diag *d)
{
	const char *count = tally_cell(h, r, TC_NOMBRE);
	enum msg_id problem;
	int bad = 0, dates = 0;

	memset(out, 0, sizeof(*out));
	out->site = tally_cell(h, r, TC_SITE);
	out->channel = tally_cell(h, r, TC_CANAL);
	out->question = tally_cell(h, r, TC_QUESTION);
	out->answer = tally_cell(h, r, TC_REPONSE);
	if (blank(count))
		return 1;
	dates += parse_date(h, r, TC_DU, &out->from, d);
	dates += parse_date(h, r, TC_AU, &out->to, d);
	if (dates == 0) {
		out->dates_ok = 1;
		if (date_days(&out->to) < date_days(&out->from)) {
			diag_at(d, r->line, h->col[TC_AU] + 1, MSG_PAPER_DATES_ORDER,
			        tally_cell(h, r, TC_AU), tally_cell(h, r, TC_DU));
			bad = 1;
		}
	}
	problem = tally_count_parse(count, &out->n);
	if (problem != MSG__COUNT) {
		if (problem == MSG_PAPER_COUNT_TOO_BIG)
			diag_at(d, r->line, h->col[TC_NOMBRE] + 1, problem, count, TALLY_MAX_COUNT);
		else
			diag_at(d, r->line, h->col[TC_NOMBRE] + 1, problem, count);
		bad = 1;
	}
	return bad || dates ? -1 : 0;
}

/* ---- with the survey ---- */

/* Rows already seen, to refuse the same tally written twice (it would be counted twice).
 * Open addressing; past MAX_SEEN rows the check stops (memory stays bounded). */
#define MAX_SEEN (1u << 20)

struct seen {
	int site, channel, question, option;
	long from, to;
	long line;       /* 0: free slot */
};

struct tally_state {
	struct seen *slots;
	size_t cap, used;
};

static size_t seen_hash(const struct seen *k)
{
	size_t h = 1469598103934665603ull & (size_t)-1;
	long parts[6] = { k->site, k->channel, k->question, k->option, k->from, k->to };
	int i;

	for (i = 0; i < 6; i++)
		h = (h ^ (size_t)parts[i]) * 1099511628211ull;
	return h;
}

static int seen_same(const struct seen *a, const struct seen *b)
{
	return a->site == b->site && a->channel == b->channel && a->question == b->question &&
	       a->option == b->option && a->from == b->from && a->to == b->to;
}

static int seen_grow(struct tally_state *st)
{
	size_t cap = st->cap ? st->cap * 2 : 1024, i;
	struct seen *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < st->cap; i++)
		if (st->slots[i].line) {
			size_t j = seen_hash(&st->slots[i]) & (cap - 1);

			while (slots[j].line)
				j = (j + 1) & (cap - 1);
			slots[j] = st->slots[i];
		}
	free(st->slots);
	st->slots = slots;
	st->cap = cap;
	return 0;
}

/* The line where the same tally was first seen, or 0 (and k is remembered). */
static long seen_check(struct tally_state *st, const struct seen *k)
{
	size_t j;

	if (st->used >= MAX_SEEN)
		return 0;
	if ((st->used + 1) * 10 > st->cap * 7 && seen_grow(st) < 0)
		return 0;
	j = seen_hash(k) & (st->cap - 1);
	while (st->slots[j].line) {
		if (seen_same(&st->slots[j], k))
			return st->slots[j].line;
		j = (j + 1) & (st->cap - 1);
	}
	st->slots[j] = *k;
	st->used++;
	return 0;
}

static void french_date(const char *iso, char *buf, size_t size)
{
	struct datetime dt;

	if (date_parse_iso(iso, &dt) == 0)
		snprintf(buf, size, "%02d/%02d/%04d", dt.day, dt.month, dt.year);
	else
		snprintf(buf, size, "%s", iso);
}

static int check_period(struct import *imp, const struct tally_header *h, const struct row *r,
                        enum tally_col c, const struct datetime *dt)
{
	char a[16], b[16];

	if (import_in_period(imp, dt))
		return 0;
	french_date(imp->survey->start, a, sizeof(a));
	french_date(imp->survey->end, b, sizeof(b));
	diag_at(imp->diag, r->line, h->col[c] + 1, MSG_PAPER_OUT_OF_PERIOD,
	        tally_cell(h, r, c), imp->survey->code, a, b);
	return -1;
}

static const struct place_def *place(struct import *imp, const struct tally_header *h,
                                     const struct row *r, enum tally_col c, const char *text)
{
	long col = h->col[c] + 1;

	if (blank(text)) {
		char *list = c == TC_SITE ? survey_site_list(imp->survey)
		                          : survey_channel_list(imp->survey);

		diag_at(imp->diag, r->line, col,
		        c == TC_SITE ? MSG_PAPER_EMPTY_SITE : MSG_PAPER_EMPTY_CHANNEL,
		        list ? list : "");
		free(list);
		return NULL;
	}
	return c == TC_SITE ? import_site(imp, text, r->line, col)
	                    : import_channel(imp, text, r->line, col);
}

static const struct question_def *question(struct import *imp, const struct tally_header *h,
                                           const struct row *r, const char *text)
{
	long col = h->col[TC_QUESTION] + 1;
	const struct question_def *q;
	char *list;

	if (!blank(text)) {
		q = survey_question(imp->survey, text);
		if (q && strcmp(q->qtype, "text") == 0) {
			diag_at(imp->diag, r->line, col, MSG_PAPER_TEXT_QUESTION, q->code);
			return NULL;
		}
		if (q)
			return q;
	}
	list = survey_question_list(imp->survey, 1);
	if (blank(text))
		diag_at(imp->diag, r->line, col, MSG_PAPER_EMPTY_QUESTION, list ? list : "");
	else
		diag_at(imp->diag, r->line, col, MSG_PAPER_UNKNOWN_QUESTION, imp->survey->code, text,
		        list ? list : "");
	free(list);
	return NULL;
}

static const struct option_def *answer(struct import *imp, const struct tally_header *h,
                                       const struct row *r, const struct question_def *q,
                                       const char *text)
{
	long col = h->col[TC_REPONSE] + 1;
	const struct option_def *opt = blank(text) ? NULL : question_option(q, text);
	char *accepted;

	if (opt)
		return opt;
	accepted = question_accepted(q);
	if (blank(text))
		diag_at(imp->diag, r->line, col, MSG_PAPER_EMPTY_ANSWER, accepted ? accepted : "");
	else
		diag_at(imp->diag, r->line, col, MSG_UNKNOWN_ANSWER, text, q->code,
		        accepted ? accepted : "");
	free(accepted);
	return NULL;
}

static int tally_row(struct import *imp, struct tally_state *st, const struct tally_header *h,
                     const struct row *r)
{
	struct tally_cells c;
	const struct place_def *site, *channel;
	const struct question_def *q;
	const struct option_def *opt = NULL;
	struct seen key;
	long first;
	int parsed = tally_row_parse(h, r, &c, imp->diag);

	if (parsed == 1) {
		import_skip(imp, msg_text(MSG_PAPER_SKIP_UNFILLED));
		return 0;
	}
	if (c.dates_ok) {
		/* out-of-period is only worth saying of a valid date */
		if (check_period(imp, h, r, TC_DU, &c.from) < 0)
			parsed = -1;
		if (check_period(imp, h, r, TC_AU, &c.to) < 0)
			parsed = -1;
	}
	site = place(imp, h, r, TC_SITE, c.site);
	channel = place(imp, h, r, TC_CANAL, c.channel);
	q = question(imp, h, r, c.question);
	if (q)
		opt = answer(imp, h, r, q, c.answer);
	if (parsed < 0 || !site || !channel || !opt)
		return 0;
	memset(&key, 0, sizeof(key));
	key.site = site->id;
	key.channel = channel->id;
	key.question = q->id;
	key.option = (int)(opt - q->opts);
	key.from = date_days(&c.from);
	key.to = date_days(&c.to);
	key.line = r->line;
	first = seen_check(st, &key);
	if (first) {
		diag_at(imp->diag, r->line, 0, MSG_PAPER_DUP_ROW, first);
		return 0;
	}
	return import_tally(imp, r->line, site, channel, &c.from, &c.to, q, opt, c.n);
}

static int tally_run(struct import *imp)
{
	struct tally_header h;
	struct tally_state st;
	const struct row *r;
	int got, ret = 0;

	memset(&st, 0, sizeof(st));
	got = import_next(imp, &r);
	if (got <= 0) {
		if (got == 0)
			diag_file(imp->diag, MSG_NO_HEADER);
		return -1;
	}
	/* the header row is not a data row */
	imp->rows_read--;
	if (tally_header_parse(r, &h, imp->diag) < TC__COUNT)
		return -1;
	for (;;) {
		got = import_next(imp, &r);
		if (got <= 0) {
			if (got < 0)
				ret = -1;
			break;
		}
		if (tally_row(imp, &st, &h, r) < 0 || imp->failed) {
			ret = -1;
			break;
		}
	}
	free(st.slots);
	return ret;
}

const struct adapter adapter_tally = {
	.name = "tally",
	.label = "feuille de comptage",
	.source_system = "paper-tally",
	.no_header = 0,
	.detect = tally_detect,
	.run = tally_run,
};

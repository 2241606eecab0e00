/* asterisk.c: the "ivr" adapter, Asterisk's Master.csv (cdr_csv.c: no header, one call detail
 * record per line). The survey's answers are in the userfield, "ENQ_Q1:4;ENQ_Q2:1", written by
 * the dialplan; the map file says which key is which question (columns), which key pressed is
 * which answer (values) and which dcontext or queue is which site (places). Only ANSWERED calls
 * with at least one answer are responses; a call hung up halfway keeps the answers it gave.
 * The caller's number and name are never kept nor printed: a call is recognised by the salted
 * hash of its uniqueid (or of its start and number). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cdr.h"
#include "phone.h"

/* Look-ups remembered for the whole file (a few keys and contexts repeat on every line). */
#define CACHE_MAX 64
#define NAME_MAX_LEN 64
#define PLACE_KEY_LEN (2 * NAME_MAX_LEN + 2)

struct cached {
	char name[PLACE_KEY_LEN];
	const void *found;             /* question or site, NULL when unknown */
};

struct ivr {
	struct cached keys[CACHE_MAX], places[CACHE_MAX];
	size_t nkeys, nplaces;
	const char *journey;
};

/* One resolved answer of a call. */
struct resolved {
	const struct question_def *q;
	const struct option_def *opt;
};

static const struct cached *cache_find(const struct cached *c, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].name, name) == 0)
			return &c[i];
	return NULL;
}

static void cache_add(struct cached *c, size_t *n, const char *name, const void *found)
{
	if (*n >= CACHE_MAX || strlen(name) >= PLACE_KEY_LEN)
		return;
	memcpy(c[*n].name, name, strlen(name) + 1);
	c[*n].found = found;
	(*n)++;
}

/* The question of a userfield key: the map's columns, else the key is a question code. */
static const struct question_def *key_question(struct import *imp, struct ivr *st,
                                               const char *key)
{
	const struct cached *c = cache_find(st->keys, st->nkeys, key);
	const struct question_def *q;

	if (c)
		return c->found;
	q = import_question(imp, key);
	cache_add(st->keys, &st->nkeys, key, q);
	return q;
}

/* The map's table of keys pressed for question q, or NULL when it has none. */
static const struct map_values *digit_table(const struct import *imp,
                                            const struct question_def *q)
{
	size_t i;

	if (!imp->map)
		return NULL;
	for (i = 0; i < imp->map->nvalues; i++)
		if (strcmp(imp->map->values[i].question, q->code) == 0)
			return &imp->map->values[i];
	return NULL;
}

/* The option that the keys pressed stand for: through the map's values when it has a table
 * for q (then a key it does not list is unknown), else the option of that code. */
static const struct option_def *digit_option(const struct import *imp,
                                             const struct question_def *q, const char *digits)
{
	const struct map_values *t = digit_table(imp, q);
	size_t i;

	if (!t)
		return question_option(q, digits);
	for (i = 0; i < t->n; i++)
		if (strcmp(t->pairs[i].from, digits) == 0)
			return question_option(q, t->pairs[i].to);
	return NULL;
}

/* "1, 2, 3, 4, 5": the keys accepted for q, into buf. */
static void digits_accepted(const struct import *imp, const struct question_def *q, char *buf,
                            size_t size)
{
	const struct map_values *t = digit_table(imp, q);
	size_t i, n = t ? t->n : q->nopts, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < size; i++) {
		const char *d = t ? t->pairs[i].from : q->opts[i].code;
		int w = snprintf(buf + o, size - o, "%s%s", i ? ", " : "", d);

		if (w < 0)
			break;
		o += (size_t)w;
	}
}

/* The site of a call: --site when given; else the map's places for its dcontext or queue;
 * else the map's fixed site. NULL after reporting. */
static const struct place_def *call_site(struct import *imp, struct ivr *st,
                                         const struct cdr_call *call, long line)
{
	const struct cached *c;
	const struct place_def *site = NULL;
	const char *code;
	char queue[NAME_MAX_LEN], name[PLACE_KEY_LEN], shown[NAME_MAX_LEN];
	int cacheable;

	if (imp->opts->site)
		return imp->site;
	cdr_queue(call, queue, sizeof(queue));
	cacheable = strlen(call->dcontext) < NAME_MAX_LEN && strlen(queue) + 1 < NAME_MAX_LEN;
	snprintf(name, sizeof(name), "%s|%s", call->dcontext, queue);
	c = cacheable ? cache_find(st->places, st->nplaces, name) : NULL;
	if (c)
		return c->found;
	code = map_place(imp->map, call->dcontext);
	if (!code && queue[0])
		code = map_place(imp->map, queue);
	if (code) {
		site = import_site(imp, code, line, CDR_DCONTEXT + 1);
	} else if (imp->site) {
		site = imp->site;
	} else {
		phone_mask(call->dcontext, shown, sizeof(shown));
		diag_at(imp->diag, line, CDR_DCONTEXT + 1, MSG_PHONE_NO_SITE, shown,
		        shown[0] ? shown : "contexte");
		return NULL;
	}
	if (site && cacheable)
		cache_add(st->places, &st->nplaces, name, site);
	return site;
}

/* Checks and resolves the answers of a call; returns how many (0: none given), or -1 after
 * reporting every problem. */
static int call_answers(struct import *imp, struct ivr *st, const struct cdr_call *call,
                        long line, struct resolved *out)
{
	struct cdr_answer ans[CDR_MAX_ANSWERS];
	size_t n, bad, i, j;
	int k = 0, failed = 0;
	long col = call->userfield_col;
	char key[NAME_MAX_LEN], digits[16], shown[96], skey[NAME_MAX_LEN], sdigits[16];

	switch (cdr_userfield_parse(call->userfield, ans, &n, &bad)) {
	case CDR_UF_OK:
		break;
	case CDR_UF_BAD_ITEM:
		cdr_userfield_item(call->userfield, bad, shown, sizeof(shown));
		diag_at(imp->diag, line, col, MSG_PHONE_USERFIELD_BAD, bad, shown);
		return -1;
	case CDR_UF_DUP_KEY:
		cdr_userfield_item(call->userfield, bad, shown, sizeof(shown));
		shown[strcspn(shown, ":")] = '\0';
		diag_at(imp->diag, line, col, MSG_PHONE_USERFIELD_DUP, shown);
		return -1;
	case CDR_UF_TOO_MANY:
		diag_at(imp->diag, line, col, MSG_PHONE_USERFIELD_LONG, (size_t)CDR_MAX_ANSWERS);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct question_def *q;
		const struct option_def *opt;

		if (ans[i].vlen == 0)
			continue;          /* nothing pressed: no answer */
		if (ans[i].klen >= sizeof(key)) {
			diag_at(imp->diag, line, col, MSG_PHONE_UNKNOWN_KEY, "…", "CLÉ");
			failed = 1;
			continue;
		}
		memcpy(key, ans[i].key, ans[i].klen);
		key[ans[i].klen] = '\0';
		memcpy(digits, ans[i].val, ans[i].vlen);
		digits[ans[i].vlen] = '\0';
		/* what may be echoed: a number in the wrong place is masked */
		phone_mask(key, skey, sizeof(skey));
		phone_mask(digits, sdigits, sizeof(sdigits));
		q = key_question(imp, st, key);
		if (!q) {
			diag_at(imp->diag, line, col, MSG_PHONE_UNKNOWN_KEY, skey, skey);
			failed = 1;
			continue;
		}
		opt = digit_option(imp, q, digits);
		if (!opt) {
			digits_accepted(imp, q, shown, sizeof(shown));
			diag_at(imp->diag, line, col, MSG_PHONE_UNKNOWN_DIGIT, sdigits, skey, q->code,
			        shown);
			failed = 1;
			continue;
		}
		for (j = 0; j < (size_t)k; j++)
			if (out[j].q == q)
				break;
		if (j < (size_t)k) {
			diag_at(imp->diag, line, col, MSG_PHONE_USERFIELD_DUP, q->code);
			failed = 1;
			continue;
		}
		out[k].q = q;
		out[k].opt = opt;
		k++;
	}
	return failed ? -1 : k;
}

static void ivr_call(struct import *imp, struct ivr *st, const struct row *row)
{
	struct cdr_call call;
	struct resolved res[CDR_MAX_ANSWERS];
	struct datetime dt;
	const struct place_def *site;
	enum msg_id problem;
	char id[65], shown[64];
	long col, rownum;
	int n, i;

	problem = cdr_call_read(row, &call, &col);
	if (problem == MSG_PHONE_CDR_WIDTH) {
		diag_at(imp->diag, row->line, 0, problem, row->n);
		return;
	}
	if (problem != MSG__COUNT) {
		phone_mask(call.disposition, shown, sizeof(shown));
		diag_at(imp->diag, row->line, col, problem, shown);
		return;
	}
	if (!call.answered) {
		import_skip(imp, msg_text(MSG_PHONE_SKIP_NOT_ANSWERED));
		return;
	}
	if (date_parse(call.start, &dt) < 0) {
		phone_mask(call.start, shown, sizeof(shown));
		diag_at(imp->diag, row->line, CDR_START + 1, MSG_BAD_DATE, shown);
		return;
	}
	if (!import_in_period(imp, &dt)) {
		import_skip(imp, msg_text(MSG_SKIP_OUT_OF_PERIOD));
		return;
	}
	n = call_answers(imp, st, &call, row->line, res);
	if (n < 0)
		return;
	if (n == 0) {
		import_skip(imp, msg_text(MSG_PHONE_SKIP_NO_ANSWERS));
		return;
	}
	site = call_site(imp, st, &call, row->line);
	if (!site)
		return;
	if (call.uniqueid[0])
		import_hash(imp, call.uniqueid, id);
	else
		phone_call_key(imp, &dt, call.src, id);
	rownum = import_response(imp, site, NULL, st->journey, &dt, NULL, id);
	if (rownum < 0)
		return;
	for (i = 0; i < n && !imp->failed; i++)
		import_option(imp, rownum, res[i].q, res[i].opt);
}

/* A map that names a question the survey does not ask is a problem of the map. */
static void check_map(struct import *imp)
{
	const struct map *m = imp->map;
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->ncolumns; i++)
		if (!survey_question(imp->survey, m->columns[i].to))
			diag_file(imp->diag, MSG_PHONE_MAP_QUESTION, m->path, m->columns[i].from,
			          m->columns[i].to, imp->survey->code);
	for (i = 0; i < m->nvalues; i++)
		if (!survey_question(imp->survey, m->values[i].question))
			diag_file(imp->diag, MSG_PHONE_MAP_QUESTION, m->path, "values",
			          m->values[i].question, imp->survey->code);
}

static int ivr_run(struct import *imp)
{
	struct ivr *st = calloc(1, sizeof(*st));
	const struct row *row;
	int r;

	if (!st) {
		imp->failed = 1;
		return -1;
	}
	st->journey = imp->map ? imp->map->journey : NULL;
	check_map(imp);
	for (;;) {
		r = import_next(imp, &row);
		if (r != 1 || imp->failed)
			break;
		ivr_call(imp, st, row);
	}
	free(st);
	return r < 0 || imp->failed ? -1 : 0;
}

static int ivr_detect(const struct row *first, enum rs_container container)
{
	return container == RS_XLSX ? 0 : cdr_detect(first);
}

const struct adapter adapter_asterisk = {
	.name = "ivr",
	.label = "Asterisk (Master.csv)",
	.source_system = "asterisk",
	.no_header = 1,
	.detect = ivr_detect,
	.run = ivr_run,
};

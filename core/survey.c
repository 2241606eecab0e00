/* survey.c: loads one survey's definition into memory (questions, options, sites, channels)
 * and answers the tolerant look-ups the collectors make for every cell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "survey.h"
#include "text.h"

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static char *fold(const char *s)
{
	return text_fold(s, strlen(s));
}

static void place_release(struct place_def *p)
{
	free(p->code);
	free(p->name);
	free(p->fold_code);
	free(p->fold_name);
}

static void question_release(struct question_def *q)
{
	size_t i;

	for (i = 0; i < q->nopts; i++) {
		free(q->opts[i].code);
		free(q->opts[i].label);
		free(q->opts[i].fold);
	}
	free(q->opts);
	free(q->code);
	free(q->wording);
	free(q->qtype);
	free(q->fold_code);
	free(q->fold_wording);
}

void survey_def_free(struct survey_def *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nq; i++)
		question_release(&s->qs[i]);
	for (i = 0; i < s->nsites; i++)
		place_release(&s->sites[i]);
	for (i = 0; i < s->nchannels; i++)
		place_release(&s->channels[i]);
	free(s->qs);
	free(s->sites);
	free(s->channels);
	free(s->org_code);
	free(s->org_name);
	free(s->code);
	free(s->kind);
	free(s->title);
	free(s->salt);
	free(s);
}

static int load_places(PGconn *conn, const char *prog, const char *sql, const char *org,
                       struct place_def **out, size_t *n)
{
	const char *params[1] = { org };
	PGresult *r = db_query(conn, prog, PGRES_TUPLES_OK, sql, 1, params);
	int i, rows;

	if (!r)
		return -1;
	rows = PQntuples(r);
	*out = calloc((size_t)rows + 1, sizeof(**out));
	if (!*out) {
		PQclear(r);
		return -1;
	}
	for (i = 0; i < rows; i++) {
		struct place_def *p = &(*out)[i];

		p->id = (int)strtol(PQgetvalue(r, i, 0), NULL, 10);
		p->code = dup_or_empty(PQgetvalue(r, i, 1));
		p->name = dup_or_empty(PQgetvalue(r, i, 2));
		p->fold_code = fold(p->code);
		p->fold_name = fold(p->name);
	}
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

static char *survey_codes(PGconn *conn, const char *prog, const char *org)
{
	const char *params[1] = { org };
	PGresult *r = db_query(conn, prog, PGRES_TUPLES_OK,
	                       "SELECT string_agg(code, ', ' ORDER BY code) FROM survey "
	                       "WHERE org_id = $1", 1, params);
	char *s;

	if (!r)
		return strdup("");
	s = dup_or_empty(PQgetvalue(r, 0, 0));
	PQclear(r);
	return s;
}

static int load_questions(PGconn *conn, const char *prog, struct survey_def *s, const char *org,
                          const char *survey)
{
	const char *params[2] = { org, survey };
	PGresult *q = NULL, *o = NULL;
	int i, j, nq, no;
	int ret = -1;

	q = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT q.question_id, q.code, q.wording, q.qtype FROM survey_question sq "
	             "JOIN question q ON q.org_id = sq.org_id AND q.question_id = sq.question_id "
	             "WHERE sq.org_id = $1 AND sq.survey_id = $2 ORDER BY sq.position", 2, params);
	if (!q)
		goto out;
	o = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT o.question_id, o.code, o.label, o.positive, o.counted FROM option o "
	             "JOIN survey_question sq ON sq.org_id = o.org_id AND sq.question_id = o.question_id "
	             "WHERE sq.org_id = $1 AND sq.survey_id = $2 ORDER BY o.question_id, o.position",
	             2, params);
	if (!o)
		goto out;
	nq = PQntuples(q);
	no = PQntuples(o);
	s->qs = calloc((size_t)nq + 1, sizeof(*s->qs));
	if (!s->qs)
		goto out;
	s->nq = (size_t)nq;
	for (i = 0; i < nq; i++) {
		struct question_def *qd = &s->qs[i];
		size_t k = 0;

		qd->id = (int)strtol(PQgetvalue(q, i, 0), NULL, 10);
		qd->code = dup_or_empty(PQgetvalue(q, i, 1));
		qd->wording = dup_or_empty(PQgetvalue(q, i, 2));
		qd->qtype = dup_or_empty(PQgetvalue(q, i, 3));
		qd->fold_code = fold(qd->code);
		qd->fold_wording = fold(qd->wording);
		for (j = 0; j < no; j++)
			if ((int)strtol(PQgetvalue(o, j, 0), NULL, 10) == qd->id)
				k++;
		qd->opts = calloc(k + 1, sizeof(*qd->opts));
		if (!qd->opts)
			goto out;
		for (j = 0; j < no; j++) {
			struct option_def *od;

			if ((int)strtol(PQgetvalue(o, j, 0), NULL, 10) != qd->id)
				continue;
			od = &qd->opts[qd->nopts++];
			od->code = dup_or_empty(PQgetvalue(o, j, 1));
			od->label = dup_or_empty(PQgetvalue(o, j, 2));
			od->fold = fold(od->label);
			od->positive = PQgetvalue(o, j, 3)[0] == 't';
			od->counted = PQgetvalue(o, j, 4)[0] == 't';
		}
	}
	ret = 0;
out:
	PQclear(q);
	PQclear(o);
	return ret;
}

struct survey_def *survey_def_load(PGconn *conn, const char *prog, int org_id, const char *code)
{
	struct survey_def *s = calloc(1, sizeof(*s));
	char org[16], survey[16];
	const char *params[2] = { org, code };
	PGresult *r;
	struct datetime dt;

	if (!s)
		return NULL;
	snprintf(org, sizeof(org), "%d", org_id);
	r = db_query(conn, prog, PGRES_TUPLES_OK,
	             "SELECT s.survey_id, s.code, s.kind, s.title, s.period_start, s.period_end, "
	             "o.code, o.name, (SELECT salt FROM install_secret x WHERE x.org_id = o.org_id) "
	             "FROM survey s JOIN org o ON o.org_id = s.org_id "
	             "WHERE s.org_id = $1 AND s.code = $2", 2, params);
	if (!r)
		goto fail;
	if (PQntuples(r) != 1) {
		char *codes = survey_codes(conn, prog, org);

		PQclear(r);
		msg_print(stderr, prog, MSG_UNKNOWN_SURVEY, code, codes);
		free(codes);
		goto fail;
	}
	s->org_id = org_id;
	s->survey_id = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
	s->code = dup_or_empty(PQgetvalue(r, 0, 1));
	s->kind = dup_or_empty(PQgetvalue(r, 0, 2));
	s->title = dup_or_empty(PQgetvalue(r, 0, 3));
	snprintf(s->start, sizeof(s->start), "%s", PQgetvalue(r, 0, 4));
	snprintf(s->end, sizeof(s->end), "%s", PQgetvalue(r, 0, 5));
	s->org_code = dup_or_empty(PQgetvalue(r, 0, 6));
	s->org_name = dup_or_empty(PQgetvalue(r, 0, 7));
	s->salt = dup_or_empty(PQgetvalue(r, 0, 8));
	PQclear(r);
	if (date_parse_iso(s->start, &dt) == 0)
		s->start_days = date_days(&dt);
	if (date_parse_iso(s->end, &dt) == 0)
		s->end_days = date_days(&dt);
	snprintf(survey, sizeof(survey), "%d", s->survey_id);
	if (load_questions(conn, prog, s, org, survey) < 0)
		goto fail;
	if (load_places(conn, prog, "SELECT site_id, code, name FROM site WHERE org_id = $1 "
	                "ORDER BY site_id", org, &s->sites, &s->nsites) < 0)
		goto fail;
	if (load_places(conn, prog, "SELECT channel_id, code, label FROM channel WHERE org_id = $1 "
	                "ORDER BY channel_id", org, &s->channels, &s->nchannels) < 0)
		goto fail;
	return s;
fail:
	survey_def_free(s);
	return NULL;
}

const struct question_def *survey_question(const struct survey_def *s, const char *text)
{
	char *f;
	size_t i;
	const struct question_def *found = NULL;

	for (i = 0; i < s->nq; i++)
		if (strcmp(s->qs[i].code, text) == 0)
			return &s->qs[i];
	f = fold(text);
	if (!f)
		return NULL;
	for (i = 0; i < s->nq && !found; i++)
		if (strcmp(s->qs[i].fold_code, f) == 0)
			found = &s->qs[i];
	for (i = 0; i < s->nq && !found; i++)
		if (strcmp(s->qs[i].fold_wording, f) == 0)
			found = &s->qs[i];
	free(f);
	return found;
}

const struct option_def *question_option(const struct question_def *q, const char *text)
{
	char *f;
	size_t i;
	const struct option_def *found = NULL;

	for (i = 0; i < q->nopts; i++)
		if (strcmp(q->opts[i].code, text) == 0)
			return &q->opts[i];
	f = fold(text);
	if (!f)
		return NULL;
	for (i = 0; i < q->nopts && !found; i++)
		if (strcmp(q->opts[i].fold, f) == 0)
			found = &q->opts[i];
	for (i = 0; i < q->nopts && !found; i++) {
		char *c = fold(q->opts[i].code);

		if (c && strcmp(c, f) == 0)
			found = &q->opts[i];
		free(c);
	}
	free(f);
	return found;
}

static const struct place_def *find_place(const struct place_def *p, size_t n, const char *text)
{
	char *f;
	size_t i;
	const struct place_def *found = NULL;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].code, text) == 0)
			return &p[i];
	f = fold(text);
	if (!f)
		return NULL;
	for (i = 0; i < n && !found; i++)
		if (strcmp(p[i].fold_code, f) == 0 || strcmp(p[i].fold_name, f) == 0)
			found = &p[i];
	free(f);
	return found;
}

const struct place_def *survey_site(const struct survey_def *s, const char *text)
{
	return find_place(s->sites, s->nsites, text);
}

const struct place_def *survey_channel(const struct survey_def *s, const char *text)
{
	return find_place(s->channels, s->nchannels, text);
}

/* A growing string for the lists below; NULL on out of memory. */
static char *append(char *s, const char *more)
{
	size_t a = s ? strlen(s) : 0, b = strlen(more);
	char *t = realloc(s, a + b + 1);

	if (!t) {
		free(s);
		return NULL;
	}
	memcpy(t + a, more, b + 1);
	return t;
}

char *question_accepted(const struct question_def *q)
{
	char *s = strdup("");
	char item[512];
	size_t i;

	for (i = 0; i < q->nopts && s; i++) {
		snprintf(item, sizeof(item), "%s« %s » (%s)", i ? ", " : "", q->opts[i].label,
		         q->opts[i].code);
		s = append(s, item);
	}
	return s;
}

static char *place_list(const struct place_def *p, size_t n)
{
	char *s = strdup("");
	size_t i;

	for (i = 0; i < n && s; i++) {
		if (i)
			s = append(s, ", ");
		if (s)
			s = append(s, p[i].code);
	}
	return s;
}

char *survey_question_list(const struct survey_def *s, int closed_only)
{
	char *out = strdup("");
	size_t i;

	for (i = 0; i < s->nq && out; i++) {
		if (closed_only && strcmp(s->qs[i].qtype, "text") == 0)
			continue;
		if (*out)
			out = append(out, ", ");
		if (out)
			out = append(out, s->qs[i].code);
	}
	return out;
}

char *survey_site_list(const struct survey_def *s)
{
	return place_list(s->sites, s->nsites);
}

char *survey_channel_list(const struct survey_def *s)
{
	return place_list(s->channels, s->nchannels);
}

const struct place_def *survey_place_option(const char *prog, const struct survey_def *s,
                                            const char *code, int site)
{
	const struct place_def *p = site ? survey_site(s, code) : survey_channel(s, code);

	if (!p) {
		char *list = site ? survey_site_list(s) : survey_channel_list(s);

		msg_print(stderr, prog, site ? MSG_UNKNOWN_SITE : MSG_UNKNOWN_CHANNEL, code,
		          list ? list : "");
		free(list);
	}
	return p;
}

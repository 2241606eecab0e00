/* omr.c: paper forms read by OMR software: SDAPS's data_1.csv (FORMATS.md, "SDAPS"), one row
 * per sheet, with a map file that names the question of each position column (1_1, 2_3, …) and
 * the option of each box number. Each sheet becomes one response; free text goes to comments.
 * A checkbox question mapped to a multi question is read from its box columns (1_5_1, 1_5_2…,
 * 0/1 each): every ticked box is one answer, its number mapped like a single choice's. */
#include <stdlib.h>
#include <string.h>

#include "paper.h"
#include "text.h"

/* A sheet content met in this file and how many times (sheets without a printed id). */
struct omr_seen {
	char hash[65];
	long count;
};

/* One mapped column of the file. */
struct omr_col {
	size_t field;                     /* 0-based */
	const struct question_def *q;
	char box[12];                     /* a checkbox question's box number ("2"), or "" */
	char name[96];                    /* its column ("1_5_2") */
};

/* Most boxes of one checkbox question. */
#define OMR_MAX_BOXES 40

struct omr_state {
	long qid, gid, empty, valid;      /* 0-based fields, or -1 */
	long site_col, channel_col;       /* the map's site_column / channel_column, or -1 */
	struct omr_col *cols;
	size_t ncols;
	unsigned long unreadable;         /* answers read as several ticks */
	struct omr_seen *seen;            /* sheets without a printed id, by content */
	size_t nseen, capseen;
};

static long find_field(const struct row *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i], name) == 0)
			return (long)i;
	for (i = 0; i < r->n; i++)
		if (text_same(r->f[i], name))
			return (long)i;
	return -1;
}

static int omr_detect(const struct row *first, enum rs_container container)
{
	(void)container;
	if (find_field(first, "questionnaire_id") == 0 && find_field(first, "global_id") == 1)
		return 100;
	if (find_field(first, "questionnaire_id") >= 0)
		return 80;
	return 0;
}

/* The box columns FROM_1, FROM_2… of a checkbox question; returns how many were found. */
static size_t omr_boxes(struct omr_state *st, const struct row *r, const char *from,
                        const struct question_def *q)
{
	char name[96];
	size_t k, found = 0;

	for (k = 1; k <= OMR_MAX_BOXES; k++) {
		long f;

		snprintf(name, sizeof(name), "%.80s_%zu", from, k);
		f = find_field(r, name);
		if (f < 0)
			continue;
		st->cols[st->ncols].field = (size_t)f;
		st->cols[st->ncols].q = q;
		snprintf(st->cols[st->ncols].box, sizeof(st->cols[st->ncols].box), "%zu", k);
		snprintf(st->cols[st->ncols].name, sizeof(st->cols[st->ncols].name), "%s", name);
		st->ncols++;
		found++;
	}
	return found;
}

/* Reads the header: the SDAPS columns and every column the map names. Problems reported. */
static int omr_header(struct import *imp, struct omr_state *st, const struct row *r)
{
	const struct map *m = imp->map;
	size_t i;
	int bad = 0;

	st->qid = find_field(r, "questionnaire_id");
	st->gid = find_field(r, "global_id");
	st->empty = find_field(r, "empty");
	st->valid = find_field(r, "valid");
	st->site_col = m->site_column ? find_field(r, m->site_column) : -1;
	st->channel_col = m->channel_column ? find_field(r, m->channel_column) : -1;
	if (st->qid < 0) {
		diag_at(imp->diag, r->line, 0, MSG_PAPER_OMR_NO_ID);
		bad = 1;
	}
	if (m->site_column && st->site_col < 0) {
		diag_at(imp->diag, r->line, 0, MSG_PAPER_OMR_MAP_MISSING, m->site_column, m->path);
		bad = 1;
	}
	if (m->channel_column && st->channel_col < 0) {
		diag_at(imp->diag, r->line, 0, MSG_PAPER_OMR_MAP_MISSING, m->channel_column, m->path);
		bad = 1;
	}
	st->cols = calloc(m->ncolumns ? m->ncolumns * OMR_MAX_BOXES : 1, sizeof(*st->cols));
	if (!st->cols)
		return -1;
	for (i = 0; i < m->ncolumns; i++) {
		long f = find_field(r, m->columns[i].from);
		const struct question_def *q = survey_question(imp->survey, m->columns[i].to);

		/* a checkbox question (multi): SDAPS gives one 0/1 column per box, 1_5_1, 1_5_2… */
		if (f < 0 && q && strcmp(q->qtype, "multi") == 0 &&
		    omr_boxes(st, r, m->columns[i].from, q))
			continue;
		if (f < 0) {
			diag_at(imp->diag, r->line, 0, MSG_PAPER_OMR_MAP_MISSING, m->columns[i].from,
			        m->path);
			bad = 1;
			continue;
		}
		if (!q) {
			char *list = survey_question_list(imp->survey, 0);

			diag_at(imp->diag, r->line, f + 1, MSG_PAPER_OMR_MAP_QUESTION,
			        m->columns[i].from, m->columns[i].to, imp->survey->code,
			        list ? list : "");
			free(list);
			bad = 1;
			continue;
		}
		st->cols[st->ncols].field = (size_t)f;
		st->cols[st->ncols].q = q;
		st->ncols++;
	}
	return bad ? -1 : 0;
}

static const char *cell(const struct row *r, long field)
{
	return field >= 0 && (size_t)field < r->n ? r->f[field] : "";
}

/* A 0/1 flag column: 0 or 1, or -1 after reporting. Empty counts as dflt. */
static int flag(struct import *imp, const struct row *r, long field, const char *name, int dflt)
{
	const char *s = cell(r, field);

	if (*s == '\0')
		return dflt;
	if (strcmp(s, "0") == 0 || strcmp(s, "1") == 0)
		return s[0] - '0';
	diag_at(imp->diag, r->line, field + 1, MSG_PAPER_OMR_BAD_FLAG, s, name);
	return -1;
}

/* SDAPS writes the text "None" for a questionnaire id that was not printed on the form. */
static int absent(const char *s)
{
	return *s == '\0' || strcmp(s, "None") == 0 || strcmp(s, "NA") == 0;
}

/* The source id of a sheet without a printed questionnaire id: what was read on it (site,
 * channel, every mapped box in the map's order, so not the file's bytes, column order nor row
 * order), salted and hashed, with the rank of that content among the file's identical sheets.
 * The same scans exported again, re-saved or reordered give the same ids. 0, or -1 (memory). */
static int content_source(struct import *imp, struct omr_state *st, const struct row *r,
                          const struct place_def *site, const struct place_def *channel,
                          char *out, size_t size)
{
	size_t i, len = 0, cap = 64;
	char *key = malloc(cap), hash[65];
	struct omr_seen *e = NULL;

	if (!key)
		return -1;
	if (!site)
		site = imp->site;          /* --site, else the map's */
	if (!channel)
		channel = imp->channel;
	for (i = 0; i < st->ncols + 2; i++) {
		const char *v = i == 0 ? (site ? site->code : "")
		                : i == 1 ? (channel ? channel->code : "")
		                : cell(r, (long)st->cols[i - 2].field);
		size_t n = strlen(v);

		if (len + n + 2 > cap) {
			char *k;

			while (len + n + 2 > cap)
				cap *= 2;
			k = realloc(key, cap);
			if (!k) {
				free(key);
				return -1;
			}
			key = k;
		}
		for (; *v; v++)
			if (*v != '\r')    /* a cell's line breaks, LF or CRLF, are the same text */
				key[len++] = *v;
		key[len++] = '\x1f';
	}
	key[len] = '\0';
	import_hash(imp, key, hash);
	free(key);
	for (i = 0; i < st->nseen && !e; i++)
		if (strcmp(st->seen[i].hash, hash) == 0)
			e = &st->seen[i];
	if (!e) {
		if (st->nseen == st->capseen) {
			size_t c = st->capseen ? st->capseen * 2 : 64;
			struct omr_seen *g = realloc(st->seen, c * sizeof(*g));

			if (!g)
				return -1;
			st->seen = g;
			st->capseen = c;
		}
		e = &st->seen[st->nseen++];
		memcpy(e->hash, hash, sizeof(hash));
		e->count = 0;
	}
	snprintf(out, size, "form:%.40s:%ld", hash, ++e->count);
	return 0;
}

static int omr_row(struct import *imp, struct omr_state *st, const struct row *r)
{
	const struct place_def *site = NULL, *channel = NULL;
	const char *qid = cell(r, st->qid), *gid = cell(r, st->gid);
	char source[160];
	long rownum;
	size_t i;
	int empty = flag(imp, r, st->empty, "empty", 0);
	int valid = flag(imp, r, st->valid, "valid", 1);

	if (empty < 0 || valid < 0)
		return 0;
	if (empty == 1) {
		import_skip(imp, msg_text(MSG_PAPER_SKIP_EMPTY_SHEET));
		return 0;
	}
	if (valid == 0) {
		import_skip(imp, msg_text(MSG_PAPER_SKIP_INVALID));
		return 0;
	}
	if (st->site_col >= 0) {
		const char *v = cell(r, st->site_col);
		const char *mapped = map_place(imp->map, v);

		site = import_site(imp, mapped ? mapped : v, r->line, st->site_col + 1);
		if (!site)
			return 0;
	}
	if (st->channel_col >= 0) {
		channel = import_channel(imp, cell(r, st->channel_col), r->line, st->channel_col + 1);
		if (!channel)
			return 0;
	}
	/* The same sheet scanned again carries the same questionnaire id; global_id names the
	 * print run (the same on every sheet), so it only qualifies the id. Without an id, a sheet
	 * is known by what was read on it. */
	if (!absent(qid))
		snprintf(source, sizeof(source), "%.60s/%.80s", absent(gid) ? "" : gid, qid);
	else if (content_source(imp, st, r, site, channel, source, sizeof(source)) < 0)
		return -1;
	rownum = import_response(imp, site, channel, NULL, NULL, NULL, source);
	if (rownum < 0)
		return -1;
	for (i = 0; i < st->ncols; i++) {
		const struct question_def *q = st->cols[i].q;
		const char *v = cell(r, (long)st->cols[i].field);

		if (st->cols[i].box[0]) {
			/* one box of a checkbox question: 1 ticked, 0 (or NA) not */
			int t = strcmp(v, "NA") == 0
			            ? 0 : flag(imp, r, (long)st->cols[i].field, st->cols[i].name, 0);

			if (t == 1)
				import_answer(imp, rownum, q, st->cols[i].box, r->line,
				              (long)st->cols[i].field + 1);
			if (imp->failed)
				return -1;
			continue;
		}
		if (strcmp(q->qtype, "text") == 0) {
			/* a text box holds the transcription, or 0 (blank) / 1 (written, not typed) */
			if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0 &&
			    import_comment(imp, rownum, q, v) < 0)
				return -1;
			continue;
		}
		if (strcmp(v, "NA") == 0 || strcmp(v, "0") == 0)
			continue;
		if (strcmp(v, "error-multi-select") == 0 || strcmp(v, "-1") == 0) {
			st->unreadable++;
			continue;
		}
		import_answer(imp, rownum, q, v, r->line, (long)st->cols[i].field + 1);
		if (imp->failed)
			return -1;
	}
	return 0;
}

static int omr_run(struct import *imp)
{
	struct omr_state st;
	const struct row *r;
	int got, ret = 0;

	memset(&st, 0, sizeof(st));
	if (!imp->map) {
		diag_file(imp->diag, MSG_PAPER_OMR_NEED_MAP);
		return -1;
	}
	got = import_next(imp, &r);
	if (got <= 0) {
		if (got == 0)
			diag_file(imp->diag, MSG_NO_HEADER);
		return -1;
	}
	imp->rows_read--;          /* the header is not a sheet */
	if (omr_header(imp, &st, r) < 0) {
		free(st.cols);
		return -1;
	}
	for (;;) {
		got = import_next(imp, &r);
		if (got <= 0) {
			if (got < 0)
				ret = -1;
			break;
		}
		if (omr_row(imp, &st, r) < 0) {
			ret = -1;
			break;
		}
	}
	/* Unreadable answers are not rows: the framework's summary has no line for them yet, so
	 * they are said here, just before it, when the file is accepted. */
	if (ret == 0 && st.unreadable && imp->diag->count == 0 && !imp->opts->quiet) {
		char *s = msg_format(MSG_PAPER_UNREADABLE, imp->file, st.unreadable);

		msg_say(stdout, NULL, s);
		free(s);
	}
	free(st.cols);
	free(st.seen);
	return ret;
}

const struct adapter adapter_omr = {
	.name = "omr",
	.label = "lecture optique SDAPS",
	.source_system = "omr",
	.no_header = 0,
	.detect = omr_detect,
	.run = omr_run,
};

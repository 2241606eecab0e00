/* wide.c: the shared engine of "wide" exports (see wide.h): header classification against the
 * survey's definition and the map file, and one response per data row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "text.h"
#include "wide.h"

/* ---- pure header classification ---- */

/* Folded headers that name personal data. Compared whole, after folding. */
static const char *const personal_names[] = {
	"email", "e-mail", "e mail", "mail", "courriel", "adresse e-mail", "adresse email",
	"adresse mail", "adresse de messagerie", "adresse electronique", "adresse courriel",
	"email address", "e-mail address", "nom", "prenom", "nom et prenom", "nom complet",
	"name", "first name", "last name", "firstname", "lastname", "full name", "username",
	"user name", "nom d'utilisateur", "utilisateur", "uid", "ip address", "ip", "ipaddr",
	"adresse ip", "remote addr", "token", "jeton", "code d'acces", "code d'invitation",
	"refurl", "referrer url", "referer", "url referente", "url de provenance",
	"url de reference", "telephone", "tel", "phone", "phone number", "numero de telephone",
	"portable", "mobile", "adresse", "adresse postale", "address", "_submitted_by",
	"deviceid", "subscriberid", "simserial", "phonenumber", "_geolocation", "_attachments",
	NULL
};

/* Folded prefixes that name personal data whatever follows ("Adresse e-mail (facultatif)"). */
static const char *const personal_prefixes[] = {
	"email ", "e-mail ", "adresse e-mail", "adresse email", "adresse de messagerie",
	"adresse ip", "ip address", "numero de telephone", NULL
};

int wide_is_personal(const char *header)
{
	char *f = text_fold(header, strlen(header));
	int found = 0;
	size_t i;

	if (!f)
		return 0;
	for (i = 0; personal_names[i] && !found; i++)
		found = strcmp(f, personal_names[i]) == 0;
	for (i = 0; personal_prefixes[i] && !found; i++)
		found = strncmp(f, personal_prefixes[i], strlen(personal_prefixes[i])) == 0;
	free(f);
	return found;
}

int wide_fixed_tag(const struct wide_fixed *list, const char *header)
{
	char *f, *g;
	int tag = 0;
	size_t i, code;

	if (!list)
		return 0;
	f = text_fold(header, strlen(header));
	if (!f)
		return 0;
	for (i = 0; list[i].name && !tag; i++) {
		g = text_fold(list[i].name, strlen(list[i].name));
		if (g && strcmp(f, g) == 0)
			tag = list[i].tag;
		free(g);
	}
	free(f);
	/* LimeSurvey's "question code & question text" headings: "submitdate. Date submitted" */
	if (!tag && wide_split_code(header, &code)) {
		f = strndup(header, code);
		if (f)
			tag = wide_fixed_tag(list, f);
		free(f);
	}
	return tag;
}

int wide_split_sub(const char *h, size_t *baselen, const char **sub, size_t *sublen)
{
	size_t n = strlen(h), open;

	while (n > 0 && h[n - 1] == ' ')
		n--;
	if (n < 3 || h[n - 1] != ']')
		return 0;
	open = n - 1;
	while (open > 0 && h[open - 1] != '[')
		open--;
	if (open == 0)
		return 0;
	*sub = h + open;
	*sublen = n - 1 - open;
	open--;                       /* the '[' */
	while (open > 0 && h[open - 1] == ' ')
		open--;
	if (open == 0 || *sublen == 0)
		return 0;
	*baselen = open;
	return 1;
}

int wide_split_code(const char *h, size_t *codelen)
{
	size_t i = 0;

	while ((h[i] >= 'A' && h[i] <= 'Z') || (h[i] >= 'a' && h[i] <= 'z') ||
	       (h[i] >= '0' && h[i] <= '9') || h[i] == '_' ||
	       (i > 0 && (h[i] == '[' || h[i] == ']' || h[i] == '#')))
		i++;
	if (i == 0 || h[i] != '.' || h[i + 1] != ' ')
		return 0;
	*codelen = i;
	return 1;
}

int wide_split_path(const char *h, size_t *last)
{
	const char *slash = strrchr(h, '/');

	if (!slash || slash == h || slash[1] == '\0')
		return 0;
	*last = (size_t)(slash - h) + 1;
	return 1;
}

int wide_ticked(const char *cell)
{
	static const char *const yes[] = { "x", "1", "y", "oui", "yes", "true", "vrai", NULL };
	static const char *const no[] = { "", "0", "n", "non", "no", "false", "faux", "n/a", NULL };
	char *f = text_fold(cell, strlen(cell));
	int r = -1;
	size_t i;

	if (!f)
		return -1;
	for (i = 0; yes[i] && r < 0; i++)
		if (strcmp(f, yes[i]) == 0)
			r = 1;
	for (i = 0; no[i] && r < 0; i++)
		if (strcmp(f, no[i]) == 0)
			r = 0;
	free(f);
	return r;
}

/* ---- helpers ---- */

void wide_init(struct wide *w, const struct wide_spec *spec)
{
	memset(w, 0, sizeof(*w));
	w->spec = spec;
}

void wide_release(struct wide *w)
{
	if (!w)
		return;
	free(w->cols);
	w->cols = NULL;
	w->ncols = 0;
}

int wide_find(const struct wide *w, int tag)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if (w->cols[i].role == WIDE_FIXED && w->cols[i].tag == tag)
			return (int)i;
	return -1;
}

const char *wide_cell(const struct row *r, int col)
{
	if (col < 0 || (size_t)col >= r->n || !r->f[col])
		return "";
	return r->f[col];
}

/* Appends a column name to a capped ", "-joined list. */
static void names_add(char *buf, size_t *count, const char *name)
{
	size_t len = strlen(buf), room = WIDE_NAMES_MAX - len;
	int n;

	(*count)++;
	if (room < 8)
		return;
	n = snprintf(buf + len, room, "%s« %s »", len ? ", " : "", name);
	if (n < 0 || (size_t)n >= room)
		snprintf(buf + len, room, "%s…", len ? ", " : "");
}

/* The folded text with everything but letters and digits removed: the last, loosest match of a
 * header against a question's wording ("satisfait(e) de l'accueil?" = "... l'accueil ?"). */
static char *loose_key(const char *s, size_t len)
{
	char *f = text_fold(s, len);
	size_t i, o = 0;

	if (!f)
		return NULL;
	for (i = 0; f[i]; i++) {
		unsigned char c = (unsigned char)f[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			f[o++] = (char)c;
	}
	f[o] = '\0';
	return f;
}

/* A question of the survey named by text[0..len): code or wording (tolerant), then loosely. */
static const struct question_def *find_question(const struct import *imp, const char *text,
                                                size_t len)
{
	const struct survey_def *s = imp->survey;
	const struct question_def *q = NULL;
	char *t = strndup(text, len), *k = NULL;
	size_t i;

	if (!t)
		return NULL;
	text_trim(t);
	if (*t == '\0')
		goto out;
	q = survey_question(s, t);
	if (!q && map_column(imp->map, t))
		q = survey_question(s, map_column(imp->map, t));
	if (q)
		goto out;
	k = loose_key(t, strlen(t));
	if (!k || strlen(k) < 4)
		goto out;
	for (i = 0; i < s->nq && !q; i++) {
		char *kw = loose_key(s->qs[i].wording, strlen(s->qs[i].wording));

		if (kw && strcmp(kw, k) == 0)
			q = &s->qs[i];
		free(kw);
	}
out:
	free(t);
	free(k);
	return q;
}

/* An option of q named by text[0..len), through the map's values first. */
static const struct option_def *find_option(const struct import *imp,
                                            const struct question_def *q, const char *text,
                                            size_t len)
{
	char *t = strndup(text, len);
	const struct option_def *o = NULL;
	const char *mapped;

	if (!t)
		return NULL;
	text_trim(t);
	if (*t) {
		mapped = map_value(imp->map, q->code, t);
		o = question_option(q, mapped ? mapped : t);
	}
	free(t);
	return o;
}

static int is_multi(const struct question_def *q)
{
	return strcmp(q->qtype, "multi") == 0;
}

static int is_text(const struct question_def *q)
{
	return strcmp(q->qtype, "text") == 0;
}

static int folded_is(const char *s, size_t len, const char *const *words)
{
	char *f = text_fold(s, len);
	int r = 0;
	size_t i;

	for (i = 0; f && words[i] && !r; i++)
		r = strcmp(f, words[i]) == 0;
	free(f);
	return r;
}

static void set_answer(struct wide_col *c, const struct question_def *q)
{
	c->role = is_text(q) ? WIDE_TEXT : WIDE_ANSWER;
	c->q = q;
}

/*
 * The question (or option) a header carries; header text h, group title g (may be "").
 * Returns 0 (c filled, possibly WIDE_IGNORED) or -1 after reporting a problem.
 */
static int classify_question(struct wide *w, struct import *imp, struct wide_col *c,
                             const char *h, const char *g, int g_here, long col)
{
	static const char *const other[] = { "other", "autre", NULL };
	static const char *const comment[] = { "comment", "commentaire", NULL };
	const struct question_def *q;
	const char *mapped, *sub;
	size_t base, sublen, last, code;

	/* a map file's word wins */
	mapped = map_column(imp->map, h);
	if (mapped) {
		q = survey_question(imp->survey, mapped);
		if (q)
			set_answer(c, q);
		return 0;   /* an unknown question is reported once, by check_map() */
	}
	/* a group title above the column (Framaforms): a multi-select and its options */
	if (*g) {
		q = find_question(imp, g, strlen(g));
		if (q && is_multi(q)) {
			c->opt = find_option(imp, q, h, strlen(h));
			if (!c->opt && !g_here) {
				/* an empty group cell above a column that is no option of the
				 * group: Webform writes one above the single-column question that
				 * follows a multi-select; the group has ended */
				g = "";
			} else if (!c->opt) {
				char *acc = question_accepted(q);

				diag_at(imp->diag, w->header_line, col, MSG_ONLINE_OPTION_COLUMN, h,
				        q->code, acc ? acc : "");
				free(acc);
				return -1;
			} else {
				c->role = WIDE_OPTION;
				c->q = q;
				return 0;
			}
		}
	}
	/* the code or the wording */
	q = find_question(imp, h, strlen(h));
	if (q) {
		set_answer(c, q);
		return 0;
	}
	/* LimeSurvey Q[SQ001], Q[other], Q[comment]; Google Forms "Question [Row]" */
	if (wide_split_sub(h, &base, &sub, &sublen)) {
		q = find_question(imp, h, base);
		if (q && (folded_is(sub, sublen, other) || folded_is(sub, sublen, comment))) {
			c->role = WIDE_TEXT;
			c->q = q;
			return 0;
		}
		if (q && is_multi(q)) {
			c->opt = find_option(imp, q, sub, sublen);
			if (c->opt) {
				c->role = WIDE_OPTION;
				c->q = q;
				return 0;
			}
		}
		q = find_question(imp, sub, sublen);
		if (q) {
			set_answer(c, q);
			return 0;
		}
	}
	/* "CODE. text", "CODE[SUB]. text [sub text]": the code alone */
	if (wide_split_code(h, &code)) {
		char *head = strndup(h, code);
		int r;

		if (!head) {
			imp->failed = 1;
			return -1;
		}
		r = classify_question(w, imp, c, head, g, g_here, col);
		free(head);
		if (r < 0 || c->role != WIDE_IGNORED)
			return r;
	}
	/* Kobo group paths "grp/question", and a multi-select's "question/choice" */
	if (wide_split_path(h, &last)) {
		q = find_question(imp, h + last, strlen(h + last));
		if (q) {
			set_answer(c, q);
			return 0;
		}
		if (last >= 2) {
			size_t start = last - 1;

			while (start > 0 && h[start - 1] != '/')
				start--;
			q = find_question(imp, h + start, last - 1 - start);
			if (q && is_multi(q)) {
				c->opt = find_option(imp, q, h + last, strlen(h + last));
				if (c->opt) {
					c->role = WIDE_OPTION;
					c->q = q;
					return 0;
				}
			}
		}
	}
	c->role = WIDE_IGNORED;
	return 0;
}

/* Every question the map file names must be one of the survey's. */
static void check_map(struct import *imp)
{
	const struct map *m = imp->map;
	size_t i;
	char *list;

	if (!m)
		return;
	list = survey_question_list(imp->survey, 0);
	for (i = 0; i < m->ncolumns; i++)
		if (!survey_question(imp->survey, m->columns[i].to))
			diag_file(imp->diag, MSG_ONLINE_MAP_QUESTION, m->path, m->columns[i].from,
			          m->columns[i].to, imp->survey->code, list ? list : "");
	for (i = 0; i < m->nvalues; i++)
		if (!survey_question(imp->survey, m->values[i].question))
			diag_file(imp->diag, MSG_ONLINE_MAP_VALUES, m->path, m->values[i].question,
			          imp->survey->code, list ? list : "");
	free(list);
}

static int same_header(const char *configured, const char *h)
{
	return configured && *configured && text_same(configured, h);
}

int wide_header(struct wide *w, struct import *imp, const struct row *hdr,
                const struct row *groups)
{
	const char *group = "";
	size_t i;

	free(w->cols);
	w->cols = calloc(hdr->n ? hdr->n : 1, sizeof(*w->cols));
	if (!w->cols) {
		imp->failed = 1;
		return -1;
	}
	w->ncols = hdr->n;
	w->header_line = hdr->line;
	w->respondent = strcmp(imp->survey->kind, "mirror") == 0 ? "agent" : NULL;
	check_map(imp);
	for (i = 0; i < hdr->n; i++) {
		struct wide_col *c = &w->cols[i];
		const char *h = hdr->f[i];
		const struct map *m = imp->map;

		int g_here = groups && i < groups->n && groups->f[i][0];

		if (g_here)
			group = groups->f[i];
		if (*h == '\0') {
			c->role = WIDE_IGNORED;
			continue;
		}
		c->tag = wide_fixed_tag(w->spec->fixed, h);
		if (m && same_header(m->site_column, h))
			c->role = WIDE_SITE;
		else if (m && same_header(m->channel_column, h))
			c->role = WIDE_CHANNEL;
		else if (m && same_header(m->journey_column, h))
			c->role = WIDE_JOURNEY;
		else if (wide_is_personal(h))
			c->role = WIDE_PERSONAL;
		else if (c->tag == WIDE_TAG_SITE)
			c->role = WIDE_SITE;
		else if (c->tag == WIDE_TAG_CHANNEL)
			c->role = WIDE_CHANNEL;
		else if (c->tag == WIDE_TAG_JOURNEY)
			c->role = WIDE_JOURNEY;
		else if (c->tag > 0)
			c->role = WIDE_FIXED;
		else
			classify_question(w, imp, c, h, groups ? group : "", g_here, (long)i + 1);
		/* an empty group cell continues the group over its options only */
		if (!g_here && c->role != WIDE_OPTION)
			group = "";
		if (c->role == WIDE_ANSWER || c->role == WIDE_OPTION || c->role == WIDE_TEXT)
			w->nanswers++;
		else if (c->role == WIDE_IGNORED)
			names_add(w->ignored, &w->nignored, h);
		else if (c->role == WIDE_PERSONAL)
			names_add(w->personal, &w->npersonal, h);
	}
	if (w->nanswers == 0) {
		char *list = survey_question_list(imp->survey, 0);

		diag_at(imp->diag, w->header_line, 0, MSG_ONLINE_NO_QUESTION, imp->survey->code,
		        list ? list : "");
		free(list);
		return -1;
	}
	if (!imp->opts->quiet && w->nignored) {
		char *s = msg_format(MSG_ONLINE_IGNORED, (unsigned long)w->nignored, w->ignored);

		msg_say(stdout, imp->file, s);
		free(s);
	}
	if (!imp->opts->quiet && w->npersonal) {
		char *s = msg_format(MSG_ONLINE_PERSONAL, (unsigned long)w->npersonal, w->personal);

		msg_say(stdout, imp->file, s);
		free(s);
	}
	return 0;
}

/* ---- rows ---- */

/* Most pieces one answer may span when its label holds a separator ("Cantine, garderie"). */
#define MULTI_SPAN 8

/* Several answers in one cell (a multi-select): the whole cell first; then, from each piece on,
 * the longest run of up to MULTI_SPAN pieces that names an option (labels may hold a
 * separator); a piece that starts no such run is reported. A trailing separator is fine. */
static int stage_multi(struct wide *w, struct import *imp, long rownum,
                       const struct question_def *q, const char *cell, long line, long col)
{
	const char *seps = w->spec->multi_seps ? w->spec->multi_seps : ";";
	const struct option_def *o;
	const char *p = cell;
	int ret = 0;

	o = find_option(imp, q, cell, strlen(cell));
	if (o)
		return import_option(imp, rownum, q, o);
	while (*p) {
		const char *end = p, *best_end = NULL;
		const struct option_def *best = NULL;
		int k;

		for (k = 0; k < MULTI_SPAN && *end; k++) {
			end += strcspn(end, seps);
			o = find_option(imp, q, p, (size_t)(end - p));
			if (o) {
				best = o;
				best_end = end;
			}
			if (*end)
				end++;
		}
		if (best) {
			if (import_option(imp, rownum, q, best) < 0)
				ret = -1;
			p = best_end;
		} else {
			size_t n = strcspn(p, seps);
			char *piece = strndup(p, n);

			if (!piece) {
				imp->failed = 1;
				return -1;
			}
			text_trim(piece);
			if (*piece) {
				char *acc = question_accepted(q);

				diag_at(imp->diag, line, col, MSG_UNKNOWN_ANSWER, piece, q->code,
				        acc ? acc : "");
				free(acc);
				ret = -1;
			}
			free(piece);
			p += n;
		}
		if (*p)
			p++;
	}
	return ret;
}

static int stage_tick(struct import *imp, long rownum, const struct wide_col *c,
                      const char *cell, long line, long col)
{
	int t = wide_ticked(cell);

	if (t < 0 && find_option(imp, c->q, cell, strlen(cell)) == c->opt)
		t = 1;
	if (t < 0) {
		diag_at(imp->diag, line, col, MSG_ONLINE_BAD_TICK, cell, c->opt->label, c->q->code);
		return -1;
	}
	return t ? import_option(imp, rownum, c->q, c->opt) : 0;
}

int wide_row(struct wide *w, struct import *imp, const struct row *r, int date_col,
             const char *source_id)
{
	const struct place_def *site = NULL, *channel = NULL;
	const char *journey = NULL, *dtext = wide_cell(r, date_col);
	struct datetime dt;
	int has_date = 0, bad = 0;
	unsigned long before = imp->diag->count;
	long rownum;
	size_t i;

	if (rowstream_container(imp->rs) != RS_XLSX && r->n != w->ncols) {
		diag_at(imp->diag, r->line, (long)(r->n < w->ncols ? r->n : w->ncols) + 1,
		        MSG_ONLINE_TRUNCATED, r->n, w->ncols);
		return -1;
	}
	if (*dtext) {
		if (import_date(imp, dtext, r->line, date_col + 1, &dt) < 0)
			return -1;
		if (!import_in_period(imp, &dt)) {
			import_skip(imp, msg_text(MSG_SKIP_OUT_OF_PERIOD));
			return 1;
		}
		has_date = 1;
	}
	for (i = 0; i < w->ncols && i < r->n; i++) {
		const char *cell = r->f[i];
		const char *place;

		if (!*cell)
			continue;
		switch (w->cols[i].role) {
		case WIDE_SITE:
			place = map_place(imp->map, cell);
			site = import_site(imp, place ? place : cell, r->line, (long)i + 1);
			bad |= !site;
			break;
		case WIDE_CHANNEL:
			channel = import_channel(imp, cell, r->line, (long)i + 1);
			bad |= !channel;
			break;
		case WIDE_JOURNEY:
			journey = cell;
			break;
		default:
			break;
		}
	}
	rownum = import_response(imp, site, channel, journey, has_date ? &dt : NULL,
	                         w->respondent, source_id);
	if (rownum < 0)
		return -1;
	for (i = 0; i < w->ncols && i < r->n; i++) {
		const struct wide_col *c = &w->cols[i];
		const char *cell = r->f[i];
		long col = (long)i + 1;

		switch (c->role) {
		case WIDE_ANSWER:
			if (is_multi(c->q)) {
				if (*cell && strcmp(cell, "N/A") != 0)
					stage_multi(w, imp, rownum, c->q, cell, r->line, col);
			} else {
				import_answer(imp, rownum, c->q, cell, r->line, col);
			}
			break;
		case WIDE_OPTION:
			stage_tick(imp, rownum, c, cell, r->line, col);
			break;
		case WIDE_TEXT:
			import_comment(imp, rownum, c->q, cell);
			break;
		default:
			break;
		}
		if (imp->failed)
			return -1;
	}
	return bad || imp->diag->count > before ? -1 : 0;
}

void wide_row_hash(const struct wide *w, const struct row *r, char out[33])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t k;

	out[0] = '\0';
	if (!ctx)
		return;
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	for (k = 0; k < r->n; k++) {
		if (k < w->ncols && w->cols[k].role == WIDE_PERSONAL)
			continue;
		EVP_DigestUpdate(ctx, r->f[k], r->len[k]);
		EVP_DigestUpdate(ctx, "\x1f", 1);
	}
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < len && i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* ---- one whole export ---- */

int wide_find_header(const struct wide_fixed *list, const struct row *hdr, int tag)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (wide_fixed_tag(list, hdr->f[i]) == tag)
			return (int)i;
	return -1;
}

/* The first row as the header. */
static int first_row_header(struct import *imp, const struct row **hdr)
{
	int r = import_next(imp, hdr);

	if (r == 0)
		diag_file(imp->diag, MSG_NO_HEADER);
	return r;
}

int wide_run(struct import *imp, const struct wide_spec *spec, const struct wide_hooks *hooks,
             void *ctx)
{
	struct wide w;
	const struct row *hdr = NULL, *groups = NULL, *row;
	int r, id = -1, ret = -1;

	wide_init(&w, spec);
	if (hooks->header)
		r = hooks->header(ctx, imp, &hdr, &groups);
	else
		r = first_row_header(imp, &hdr);
	if (r <= 0)
		goto out;
	if (wide_header(&w, imp, hdr, groups) < 0)
		goto out;
	if (hooks->id_tag) {
		id = wide_find(&w, hooks->id_tag);
		if (id < 0 && !hooks->id_missing_ok) {
			diag_at(imp->diag, hdr->line, 0, MSG_ONLINE_MISSING_COLUMN, hooks->id_name,
			        imp->adapter->label);
			goto out;
		}
	}
	if (hooks->columns && hooks->columns(ctx, &w, imp, hdr) < 0)
		goto out;
	for (;;) {
		struct wide_pick pick;

		r = import_next(imp, &row);
		if (r != 1)
			break;
		pick.id = wide_cell(row, id);
		pick.id_col = id;
		pick.date_col = -1;
		pick.key = "";
		pick.reason = MSG__COUNT;
		pick.buf[0] = '\0';
		switch (hooks->row(ctx, &w, imp, row, &pick)) {
		case WIDE_STAGE:
			if (hooks->id_tag && !*pick.id)
				diag_at(imp->diag, row->line, id + 1, MSG_ONLINE_NO_ID, hooks->id_name);
			else
				wide_row(&w, imp, row, pick.date_col, pick.key);
			break;
		case WIDE_ASIDE:
			import_skip(imp, msg_text(pick.reason));
			break;
		case WIDE_DROP:
			break;
		}
		if (imp->failed)
			break;
	}
	ret = r < 0 || imp->failed ? -1 : 0;
out:
	wide_release(&w);
	return ret;
}

/* newfies.c: the "newfies" adapter, Newfies-Dialer's survey call report (survey/views.py,
 * export_surveycall_report): a header starting_date,phone_number,duration,disposition then
 * one column per survey question, headed by the question's text with its commas replaced by
 * spaces; answers are the label of the key pressed or the digit. Columns go through the shared
 * wide engine (core/wide.h) like the online exports. Only answered calls with an answer count;
 * the caller's number is never kept: a call is known by the salted hash of its start and
 * number. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cdr.h"
#include "phone.h"
#include "text.h"
#include "wide.h"

enum { NF_DATE = 1, NF_PHONE, NF_DURATION, NF_DISPOSITION };

static const struct wide_fixed fixed[] = {
	{ "starting_date", NF_DATE },
	{ "phone_number", NF_PHONE },
	{ "duration", NF_DURATION },
	{ "disposition", NF_DISPOSITION },
	{ NULL, 0 },
};

static const struct wide_spec spec = { fixed, NULL };

/* The header's columns as the wide engine should see them: a question's text whose commas
 * Newfies turned into spaces is given back as the question's code. The strings are the
 * row's or the survey's (borrowed); the arrays are malloc'd. */
struct fixed_header {
	struct row row;
	char **f;
	size_t *len;
};

static int same_without_commas(const char *wording, const char *header)
{
	char *w = strdup(wording), *p;
	int same;

	if (!w)
		return 0;
	for (p = w; *p; p++)
		if (*p == ',')
			*p = ' ';
	same = text_same(w, header);
	free(w);
	return same;
}

static int header_fix(struct import *imp, const struct row *hdr, struct fixed_header *out)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	out->f = calloc(hdr->n + 1, sizeof(*out->f));
	out->len = calloc(hdr->n + 1, sizeof(*out->len));
	if (!out->f || !out->len) {
		free(out->f);
		free(out->len);
		return -1;
	}
	out->row = *hdr;
	out->row.f = out->f;
	out->row.len = out->len;
	for (i = 0; i < hdr->n; i++) {
		out->f[i] = hdr->f[i];
		out->len[i] = hdr->len[i];
		if (map_column(imp->map, hdr->f[i]) || import_question(imp, hdr->f[i]))
			continue;
		for (k = 0; k < imp->survey->nq; k++)
			if (same_without_commas(imp->survey->qs[k].wording, hdr->f[i])) {
				out->f[i] = imp->survey->qs[k].code;
				out->len[i] = strlen(out->f[i]);
				break;
			}
	}
	return 0;
}

/* 1 answered, 0 not answered, -1 unknown. */
static int disposition(const char *s)
{
	static const char *const answered[] = { "ANSWER", "ANSWERED", NULL };
	static const char *const other[] = {
		"BUSY", "NOANSWER", "NO ANSWER", "CANCEL", "CONGESTION", "FAILED", "CHANUNAVAIL",
		"DONTCALL", "TORETRY", "INVALIDARGS", NULL,
	};
	size_t i;

	for (i = 0; answered[i]; i++)
		if (strcasecmp(s, answered[i]) == 0)
			return 1;
	for (i = 0; other[i]; i++)
		if (strcasecmp(s, other[i]) == 0)
			return 0;
	return -1;
}

/* 1 when the row carries at least one answer or comment. */
static int has_answers(const struct wide *w, const struct row *r)
{
	size_t i;

	for (i = 0; i < w->ncols && i < r->n; i++) {
		const char *cell = r->f[i];

		switch (w->cols[i].role) {
		case WIDE_ANSWER:
		case WIDE_TEXT:
			while (*cell == ' ')
				cell++;
			if (*cell && strcmp(cell, "N/A") != 0)
				return 1;
			break;
		case WIDE_OPTION:
			if (wide_ticked(cell) == 1)
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

struct newfies {
	struct fixed_header fh;
	const struct row *raw;   /* the header as read, until the first data row */
	int date, phone, disp;
};

/* The first row, with the questions' texts given back as their codes. */
static int nf_header(void *ctx, struct import *imp, const struct row **hdr,
                     const struct row **groups)
{
	struct newfies *nf = ctx;
	const struct row *row;
	int r = import_next(imp, &row);

	(void)groups;
	if (r != 1) {
		if (r == 0)
			diag_file(imp->diag, MSG_NO_HEADER);
		return r;
	}
	if (header_fix(imp, row, &nf->fh) < 0) {
		imp->failed = 1;
		return -1;
	}
	nf->raw = row;
	*hdr = &nf->fh.row;
	return 1;
}

/* The phone number is read from the header as read: the wide engine may have classed it as
 * personal (never read by it; only hashed here). */
static int find_columns(void *ctx, struct wide *w, struct import *imp, const struct row *hdr)
{
	struct newfies *nf = ctx;

	nf->date = wide_find(w, NF_DATE);
	nf->phone = wide_find_header(fixed, nf->raw, NF_PHONE);
	nf->disp = wide_find(w, NF_DISPOSITION);
	if (nf->date < 0 || nf->phone < 0 || nf->disp < 0) {
		diag_at(imp->diag, hdr->line, 0, MSG_PHONE_NO_COLUMN,
		        nf->date < 0 ? "starting_date" : nf->phone < 0 ? "phone_number"
		                                                        : "disposition",
		        "Newfies-Dialer");
		return -1;
	}
	return 0;
}

static enum wide_verdict nf_row(void *ctx, struct wide *w, struct import *imp,
                                const struct row *r, struct wide_pick *pick)
{
	const struct newfies *nf = ctx;
	const char *disp = wide_cell(r, nf->disp), *date = wide_cell(r, nf->date);
	struct datetime dt;
	char shown[64];
	int answered = disposition(disp);

	if (answered < 0) {
		phone_mask(disp, shown, sizeof(shown));
		diag_at(imp->diag, r->line, nf->disp + 1, MSG_PHONE_NEWFIES_DISPOSITION, shown);
		return WIDE_DROP;
	}
	if (!answered) {
		pick->reason = MSG_PHONE_SKIP_NOT_ANSWERED;
		return WIDE_ASIDE;
	}
	if (!has_answers(w, r)) {
		pick->reason = MSG_PHONE_SKIP_NO_ANSWERS;
		return WIDE_ASIDE;
	}
	if (!*date) {
		diag_at(imp->diag, r->line, nf->date + 1, MSG_PHONE_NEED_DATE);
		return WIDE_DROP;
	}
	if (date_parse(date, &dt) < 0) {
		phone_mask(date, shown, sizeof(shown));
		diag_at(imp->diag, r->line, nf->date + 1, MSG_BAD_DATE, shown);
		return WIDE_DROP;
	}
	phone_call_key(imp, &dt, wide_cell(r, nf->phone), pick->buf);
	pick->key = pick->buf;
	pick->date_col = nf->date;
	return WIDE_STAGE;
}

static const struct wide_hooks hooks = {
	.header = nf_header,
	.columns = find_columns,
	.row = nf_row,
};

static int nf_run(struct import *imp)
{
	struct newfies nf;
	int ret;

	memset(&nf, 0, sizeof(nf));
	ret = wide_run(imp, &spec, &hooks, &nf);
	free(nf.fh.f);
	free(nf.fh.len);
	return ret;
}

static int nf_detect(const struct row *first, enum rs_container container)
{
	size_t i;
	int date = 0, phone = 0;

	(void)container;
	for (i = 0; i < first->n; i++) {
		int tag = wide_fixed_tag(fixed, first->f[i]);

		date |= tag == NF_DATE;
		phone |= tag == NF_PHONE;
	}
	return date && phone ? 95 : 0;
}

const struct adapter adapter_newfies = {
	.name = "newfies",
	.label = "Newfies-Dialer",
	.source_system = "newfies",
	.no_header = 0,
	.detect = nf_detect,
	.run = nf_run,
};

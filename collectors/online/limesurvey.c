/* limesurvey.c: LimeSurvey response exports, CSV (comma, semicolon or tab, UTF-8 with BOM) or
 * XLSX, with question-code or full-text headers (English or French fixed columns), answers as
 * codes or full text ("code. text" headings too: "submitdate. Date submitted"). A response
 * without a submission date is incomplete: set aside unless --include-incomplete, then dated
 * by its last action. A survey without date stamps writes 1980-01-01 00:00:00 as the
 * submission date of every completed response: imported without a date. Source id: the response id, which
 * LimeSurvey numbers per form from 1, joined to the response's random seed (always exported)
 * so that two forms imported into one survey do not take each other's responses for their own. */
#include <stdio.h>
#include <string.h>

#include "online.h"
#include "wide.h"

enum { T_META = 1, T_ID, T_SUBMIT, T_STAMP, T_START, T_SEED };

static const struct wide_fixed fixed[] = {
	{ "id", T_ID }, { "ID de la réponse", T_ID }, { "Response ID", T_ID },
	{ "submitdate", T_SUBMIT }, { "Date de soumission", T_SUBMIT },
	{ "Date submitted", T_SUBMIT },
	{ "datestamp", T_STAMP }, { "Date de la dernière action", T_STAMP },
	{ "Date last action", T_STAMP },
	{ "startdate", T_START }, { "Date de lancement", T_START }, { "Date started", T_START },
	{ "lastpage", T_META }, { "Dernière page", T_META }, { "Last page", T_META },
	{ "startlanguage", T_META }, { "Langue de départ", T_META },
	{ "Start language", T_META },
	{ "seed", T_SEED }, { "Tête de série", T_SEED }, { "Seed", T_SEED },
	{ "interviewtime", T_META }, { "Durée totale", T_META }, { "Total time", T_META },
	{ NULL, 0 }
};

static const struct wide_spec spec = { fixed, ";" };

static int detect(const struct row *first, enum rs_container container)
{
	size_t i;
	int meta = 0;

	(void)container;
	if (first->n < 2 || wide_fixed_tag(fixed, first->f[0]) != T_ID)
		return 0;
	for (i = 1; i < first->n && i < 8; i++) {
		int tag = wide_fixed_tag(fixed, first->f[i]);

		if (tag == T_SUBMIT)
			return 95;
		meta += tag != 0 && tag != T_ID;
	}
	return meta ? 70 : 0;
}

struct cols {
	int submit, stamp, start, seed;
};

static int find_columns(void *ctx, struct wide *w, struct import *imp, const struct row *hdr)
{
	struct cols *c = ctx;

	c->submit = wide_find(w, T_SUBMIT);
	c->stamp = wide_find(w, T_STAMP);
	c->start = wide_find(w, T_START);
	c->seed = wide_find(w, T_SEED);
	if (c->submit < 0) {
		diag_at(imp->diag, hdr->line, 0, MSG_ONLINE_MISSING_COLUMN, "submitdate",
		        imp->adapter->label);
		return -1;
	}
	return 0;
}

/* LimeSurvey's submission date of a completed response in a survey without date stamps:
 * 1980-01-01 00:00:00 (as text, or as a date cell of an XLSX export). */
static int undated_marker(const char *cell)
{
	struct datetime dt;

	return date_parse(cell, &dt) == 0 && dt.year == 1980 && dt.month == 1 && dt.day == 1 &&
	       dt.hour == 0 && dt.min == 0 && dt.sec == 0;
}

/* Incomplete (no submission date): set aside, or dated by its last action. Completed in a
 * survey without date stamps: imported undated. */
static enum wide_verdict pick_row(void *ctx, struct wide *w, struct import *imp,
                                  const struct row *r, struct wide_pick *pick)
{
	const struct cols *c = ctx;

	(void)w;
	pick->date_col = c->submit;
	if (undated_marker(wide_cell(r, c->submit))) {
		pick->date_col = -1;
	} else if (!*wide_cell(r, c->submit)) {
		if (!imp->opts->include_incomplete) {
			pick->reason = MSG_ONLINE_SKIP_INCOMPLETE;
			return WIDE_ASIDE;
		}
		pick->date_col = *wide_cell(r, c->stamp) ? c->stamp : c->start;
	}
	if (*wide_cell(r, c->seed))
		snprintf(pick->buf, sizeof(pick->buf), "%.60s#%.60s", pick->id,
		         wide_cell(r, c->seed));
	else
		snprintf(pick->buf, sizeof(pick->buf), "%.60s", pick->id);
	pick->key = pick->buf;
	return WIDE_STAGE;
}

static const struct wide_hooks hooks = {
	.id_tag = T_ID,
	.id_name = "id",
	.columns = find_columns,
	.row = pick_row,
};

static int run(struct import *imp)
{
	struct cols c;

	return wide_run(imp, &spec, &hooks, &c);
}

const struct adapter adapter_limesurvey = {
	.name = "limesurvey",
	.label = "LimeSurvey",
	.source_system = "limesurvey",
	.spec = &spec,
	.detect = detect,
	.run = run,
};

/* limesurvey.c: LimeSurvey response exports, CSV (comma, semicolon or tab, UTF-8 with BOM) or
 * XLSX, with question-code or full-text headers (English or French fixed columns), answers as
 * codes or full text. A response without a submission date is incomplete: set aside unless
 * --include-incomplete, then dated by its last action. Source id: the response id, which
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

static int run(struct import *imp)
{
	struct wide w;
	const struct row *row;
	int r, id, submit, stamp, start, seed, ret = -1;

	wide_init(&w, &spec);
	r = import_next(imp, &row);
	if (r <= 0) {
		if (r == 0)
			diag_file(imp->diag, MSG_NO_HEADER);
		goto out;
	}
	if (wide_header(&w, imp, row, NULL) < 0)
		goto out;
	id = wide_find(&w, T_ID);
	submit = wide_find(&w, T_SUBMIT);
	stamp = wide_find(&w, T_STAMP);
	start = wide_find(&w, T_START);
	seed = wide_find(&w, T_SEED);
	if (id < 0 || submit < 0) {
		diag_at(imp->diag, row->line, 0, MSG_ONLINE_MISSING_COLUMN,
		        id < 0 ? "id" : "submitdate", imp->adapter->label);
		goto out;
	}
	for (;;) {
		char key[160];
		const char *sid;
		int date = submit;

		r = import_next(imp, &row);
		if (r != 1)
			break;
		sid = wide_cell(row, id);

		if (!*wide_cell(row, submit)) {
			if (!imp->opts->include_incomplete) {
				import_skip(imp, msg_text(MSG_ONLINE_SKIP_INCOMPLETE));
				continue;
			}
			date = *wide_cell(row, stamp) ? stamp : start;
		}
		if (!*sid) {
			diag_at(imp->diag, row->line, id + 1, MSG_ONLINE_NO_ID, "id");
			continue;
		}
		if (*wide_cell(row, seed))
			snprintf(key, sizeof(key), "%.60s#%.60s", sid, wide_cell(row, seed));
		else
			snprintf(key, sizeof(key), "%.60s", sid);
		if (wide_row(&w, imp, row, date, key) < 0 && imp->failed)
			goto out;
	}
	ret = r < 0 ? -1 : 0;
out:
	wide_release(&w);
	return ret;
}

const struct adapter adapter_limesurvey = {
	.name = "limesurvey",
	.label = "LimeSurvey",
	.source_system = "limesurvey",
	.detect = detect,
	.run = run,
};

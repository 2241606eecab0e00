/* msforms.c: Microsoft Forms responses (.xlsx only): ID, start and completion times as Excel
 * date serials, e-mail ("anonymous") and name, then one column per question, in English or
 * French; multi-select answers end with ';'. Source id: the response ID, which Forms numbers per
 * form from 1, joined to its start time so that two forms imported into one survey stay apart. */
#include <stdio.h>
#include <string.h>

#include "online.h"
#include "wide.h"

enum { T_META = 1, T_ID, T_START, T_DONE };

static const struct wide_fixed fixed[] = {
	{ "ID", T_ID },
	{ "Start time", T_START }, { "Heure de début", T_START },
	{ "Completion time", T_DONE }, { "Heure de fin", T_DONE },
	{ "Last modified time", T_META }, { "Heure de la dernière modification", T_META },
	{ "Total points", T_META }, { "Total des points", T_META },
	{ "Quiz feedback", T_META }, { "Commentaires sur le questionnaire", T_META },
	{ NULL, 0 }
};

static const struct wide_spec spec = { fixed, ";" };

static int detect(const struct row *first, enum rs_container container)
{
	if (first->n < 3 || wide_fixed_tag(fixed, first->f[0]) != T_ID ||
	    wide_fixed_tag(fixed, first->f[1]) != T_START)
		return 0;
	return container == RS_XLSX ? 95 : 60;
}

static int run(struct import *imp)
{
	struct wide w;
	const struct row *row;
	int r, id, done, start, ret = -1;

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
	done = wide_find(&w, T_DONE);
	start = wide_find(&w, T_START);
	if (id < 0) {
		diag_at(imp->diag, row->line, 0, MSG_ONLINE_MISSING_COLUMN, "ID",
		        imp->adapter->label);
		goto out;
	}
	for (;;) {
		char key[160];
		const char *sid;

		r = import_next(imp, &row);
		if (r != 1)
			break;
		sid = wide_cell(row, id);
		if (!*sid) {
			diag_at(imp->diag, row->line, id + 1, MSG_ONLINE_NO_ID, "ID");
			continue;
		}
		snprintf(key, sizeof(key), "%.60s#%.60s", sid, wide_cell(row, start));
		if (wide_row(&w, imp, row, *wide_cell(row, done) ? done : start, key) < 0 &&
		    imp->failed)
			goto out;
	}
	ret = r < 0 ? -1 : 0;
out:
	wide_release(&w);
	return ret;
}

const struct adapter adapter_ms_forms = {
	.name = "ms-forms",
	.label = "Microsoft Forms",
	.source_system = "ms-forms",
	.detect = detect,
	.run = run,
};

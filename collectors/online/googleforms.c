/* googleforms.c: Google Forms responses, as the .zip that "Download responses (.csv)" gives
 * (every field quoted, "2024/03/12 10:16:41 AM UTC+1" timestamps, checkboxes joined with ';')
 * or as the CSV of the linked Google Sheet (minimal quoting, the sheet's date format,
 * checkboxes joined with ', '). Headers are the question texts, grids "Question [Row]". Google
 * gives no response id: the source id is the timestamp and a hash of the row's content. */
#include <stdio.h>
#include <string.h>

#include "online.h"
#include "wide.h"

enum { T_META = 1, T_TIME };

static const struct wide_fixed fixed[] = {
	{ "Horodateur", T_TIME }, { "Timestamp", T_TIME }, { "Marca temporal", T_TIME },
	{ "Zeitstempel", T_TIME }, { "Informazioni cronologiche", T_TIME },
	{ "Score", T_META }, { "Note", T_META }, { "Total score", T_META },
	{ NULL, 0 }
};

static const struct wide_spec spec = { fixed, ";," };

static int detect(const struct row *first, enum rs_container container)
{
	if (first->n < 2 || wide_fixed_tag(fixed, first->f[0]) != T_TIME)
		return 0;
	return container == RS_ZIP_CSV ? 95 : 85;
}

static int run(struct import *imp)
{
	struct wide w;
	const struct row *row;
	int r, time, ret = -1;

	wide_init(&w, &spec);
	r = import_next(imp, &row);
	if (r <= 0) {
		if (r == 0)
			diag_file(imp->diag, MSG_NO_HEADER);
		goto out;
	}
	if (wide_header(&w, imp, row, NULL) < 0)
		goto out;
	time = wide_find(&w, T_TIME);
	if (time < 0) {
		diag_at(imp->diag, row->line, 0, MSG_ONLINE_MISSING_COLUMN, "Horodateur",
		        imp->adapter->label);
		goto out;
	}
	for (;;) {
		char hash[33], sid[160];
		const char *ts;

		r = import_next(imp, &row);
		if (r != 1)
			break;
		ts = wide_cell(row, time);
		if (!*ts) {
			diag_at(imp->diag, row->line, time + 1, MSG_ONLINE_NO_ID, "Horodateur");
			continue;
		}
		wide_row_hash(&w, row, hash);
		snprintf(sid, sizeof(sid), "%.100s#%s", ts, hash);
		if (wide_row(&w, imp, row, time, sid) < 0 && imp->failed)
			goto out;
	}
	ret = r < 0 ? -1 : 0;
out:
	wide_release(&w);
	return ret;
}

const struct adapter adapter_google_forms = {
	.name = "google-forms",
	.label = "Google Forms",
	.source_system = "google-forms",
	.detect = detect,
	.run = run,
};

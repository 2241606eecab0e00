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

/* No response id: the timestamp (the id column) and a hash of the row. */
static enum wide_verdict pick_row(void *ctx, struct wide *w, struct import *imp,
                                  const struct row *r, struct wide_pick *pick)
{
	char hash[33];

	(void)ctx;
	(void)imp;
	pick->date_col = pick->id_col;
	if (!*pick->id)
		return WIDE_STAGE;   /* reported by wide_run() */
	wide_row_hash(w, r, hash);
	snprintf(pick->buf, sizeof(pick->buf), "%.100s#%s", pick->id, hash);
	pick->key = pick->buf;
	return WIDE_STAGE;
}

static const struct wide_hooks hooks = {
	.id_tag = T_TIME,
	.id_name = "Horodateur",
	.row = pick_row,
};

static int run(struct import *imp)
{
	return wide_run(imp, &spec, &hooks, NULL);
}

const struct adapter adapter_google_forms = {
	.name = "google-forms",
	.label = "Google Forms",
	.source_system = "google-forms",
	.spec = &spec,
	.detect = detect,
	.run = run,
};

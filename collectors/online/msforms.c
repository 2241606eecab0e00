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

struct cols {
	int start, done;
};

static int find_columns(void *ctx, struct wide *w, struct import *imp, const struct row *hdr)
{
	struct cols *c = ctx;

	(void)imp;
	(void)hdr;
	c->start = wide_find(w, T_START);
	c->done = wide_find(w, T_DONE);
	return 0;
}

/* Key: ID#start time; dated by its completion, else its start. */
static enum wide_verdict pick_row(void *ctx, struct wide *w, struct import *imp,
                                  const struct row *r, struct wide_pick *pick)
{
	const struct cols *c = ctx;

	(void)w;
	(void)imp;
	snprintf(pick->buf, sizeof(pick->buf), "%.60s#%.60s", pick->id, wide_cell(r, c->start));
	pick->key = pick->buf;
	pick->date_col = *wide_cell(r, c->done) ? c->done : c->start;
	return WIDE_STAGE;
}

static const struct wide_hooks hooks = {
	.id_tag = T_ID,
	.id_name = "ID",
	.columns = find_columns,
	.row = pick_row,
};

static int run(struct import *imp)
{
	struct cols c;

	return wide_run(imp, &spec, &hooks, &c);
}

const struct adapter adapter_ms_forms = {
	.name = "ms-forms",
	.label = "Microsoft Forms",
	.source_system = "ms-forms",
	.spec = &spec,
	.detect = detect,
	.run = run,
};

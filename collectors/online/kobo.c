/* kobo.c: KoboToolbox exports, CSV (';', every field quoted, UTF-8, CRLF) or XLSX. Headers are
 * labels or XML names, as group paths ("grp_accueil/service") when groups are included; a
 * multi-select gives a column of space-separated choices and one "question/choice" 1/0 column
 * per choice; metadata columns (_id, _uuid, _submission_time, _validation_status, ...) close
 * the row; an HXL tag row may sit under the header. Responses whose validation status is "not
 * approved" are set aside. Source id: _uuid. */
#include <stdlib.h>
#include <string.h>

#include "online.h"
#include "text.h"
#include "wide.h"

enum { T_META = 1, T_ID, T_TIME, T_VALIDATION };

static const struct wide_fixed fixed[] = {
	{ "_uuid", T_ID }, { "_submission_time", T_TIME }, { "_validation_status", T_VALIDATION },
	{ "_id", T_META }, { "_notes", T_META }, { "_status", T_META }, { "__version__", T_META },
	{ "_version_", T_META }, { "_tags", T_META }, { "_index", T_META },
	{ "_parent_index", T_META }, { "_parent_table_name", T_META },
	{ "start", T_META }, { "end", T_META }, { "today", T_META },
	{ "meta/instanceID", T_META }, { "meta/rootUuid", T_META }, { "formhub/uuid", T_META },
	{ "instanceID", T_META },
	{ NULL, 0 }
};

static const struct wide_spec spec = { fixed, " " };

static int detect(const struct row *first, enum rs_container container)
{
	size_t i;
	int score = 0;

	(void)container;
	for (i = 0; i < first->n; i++) {
		int tag = wide_fixed_tag(fixed, first->f[i]);

		if (tag == T_ID || tag == T_TIME)
			score += 45;
		else if (tag == T_VALIDATION)
			score += 5;
	}
	return score > 95 ? 95 : score;
}

/* The HXL hashtag row: every filled cell starts with '#'. */
static int is_hxl(const struct row *r)
{
	size_t i;
	int any = 0;

	for (i = 0; i < r->n; i++) {
		if (!*r->f[i])
			continue;
		if (r->f[i][0] != '#')
			return 0;
		any = 1;
	}
	return any;
}

static int not_approved(const char *status)
{
	return text_same(status, "validation_status_not_approved") ||
	       text_same(status, "Not Approved") || text_same(status, "Non approuvé");
}

struct cols {
	int time, validation;
	int first;   /* the next row is the first under the header (maybe HXL tags) */
};

static int find_columns(void *ctx, struct wide *w, struct import *imp, const struct row *hdr)
{
	struct cols *c = ctx;

	(void)imp;
	(void)hdr;
	c->time = wide_find(w, T_TIME);
	c->validation = wide_find(w, T_VALIDATION);
	c->first = 1;
	return 0;
}

/* The HXL row is passed over; "not approved" is set aside; key: _uuid. */
static enum wide_verdict pick_row(void *ctx, struct wide *w, struct import *imp,
                                  const struct row *r, struct wide_pick *pick)
{
	struct cols *c = ctx;
	int first = c->first;

	(void)w;
	(void)imp;
	c->first = 0;
	if (first && is_hxl(r))
		return WIDE_DROP;
	if (not_approved(wide_cell(r, c->validation))) {
		pick->reason = MSG_ONLINE_SKIP_NOT_APPROVED;
		return WIDE_ASIDE;
	}
	pick->key = pick->id;
	pick->date_col = c->time;
	return WIDE_STAGE;
}

static const struct wide_hooks hooks = {
	.id_tag = T_ID,
	.id_name = "_uuid",
	.columns = find_columns,
	.row = pick_row,
};

static int run(struct import *imp)
{
	struct cols c;

	return wide_run(imp, &spec, &hooks, &c);
}

const struct adapter adapter_kobo = {
	.name = "kobo",
	.label = "KoboToolbox",
	.source_system = "kobo",
	.spec = &spec,
	.detect = detect,
	.run = run,
};

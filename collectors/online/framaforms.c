/* framaforms.c: Framaforms (Drupal Webform) result downloads: tab-separated by default (or
 * comma, semicolon), every field quoted, UTF-8, or UTF-16LE for the "Excel (older)" variant.
 * Three header rows: the form title; "Submission Details" and the names of multi-select and
 * grid questions above their columns; then Serial, SID, Submitted Time, Completed Time,
 * Modified Time, Draft, IP Address, UID, Username and the question or option labels (a
 * multi-select gives one column per option holding "X"). Dates "12/03/2024 - 10:16". Drafts
 * (Draft = 1) are set aside unless --include-incomplete. Source id: the SID. */
#include <stdlib.h>
#include <string.h>

#include "online.h"
#include "text.h"
#include "wide.h"

enum { T_META = 1, T_ID, T_SUBMITTED, T_COMPLETED, T_DRAFT };

static const struct wide_fixed fixed[] = {
	{ "Serial", T_META }, { "Numéro de série", T_META }, { "N°", T_META },
	{ "SID", T_ID },
	{ "Submitted Time", T_SUBMITTED }, { "Heure de soumission", T_SUBMITTED },
	{ "Date de soumission", T_SUBMITTED },
	{ "Completed Time", T_COMPLETED }, { "Heure de fin", T_COMPLETED },
	{ "Modified Time", T_META }, { "Heure de modification", T_META },
	{ "Draft", T_DRAFT }, { "Brouillon", T_DRAFT },
	{ NULL, 0 }
};

static const struct wide_spec spec = { fixed, "," };

static const char submission_details[] = "Submission Details";

/* The title row: only its first cell is filled (or "Submission Details" when the title row
 * is missing). */
static int detect(const struct row *first, enum rs_container container)
{
	size_t i;

	(void)container;
	if (first->n < 1 || !*first->f[0])
		return 0;
	if (text_same(first->f[0], submission_details))
		return 70;
	for (i = 1; i < first->n; i++)
		if (*first->f[i])
			return 0;
	return 60;
}

static int is_header(const struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (wide_fixed_tag(fixed, r->f[i]) == T_ID)
			return 1;
	return 0;
}

struct frama {
	struct row *groups;
	int submitted, completed, draft;
};

/* Reads the header rows up to the column names. Returns 1 with *hdr (and *groups when there
 * was a group row), or 0 (reported) / -1. */
static int read_header(void *ctx, struct import *imp, const struct row **hdr,
                       const struct row **groups)
{
	struct frama *f = ctx;
	const struct row *row;
	int k, r;

	for (k = 0; k < 3; k++) {
		r = import_next(imp, &row);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		if (is_header(row)) {
			*hdr = row;
			*groups = f->groups;
			return 1;
		}
		if (k > 0 || text_same(row->f[0], submission_details)) {
			row_copy_free(f->groups);
			f->groups = row_copy(row);
			if (!f->groups) {
				imp->failed = 1;
				return -1;
			}
		}
	}
	diag_file(imp->diag, MSG_ONLINE_FRAMA_HEADER);
	return 0;
}

static int find_columns(void *ctx, struct wide *w, struct import *imp, const struct row *hdr)
{
	struct frama *f = ctx;

	(void)imp;
	(void)hdr;
	f->submitted = wide_find(w, T_SUBMITTED);
	f->completed = wide_find(w, T_COMPLETED);
	f->draft = wide_find(w, T_DRAFT);
	return 0;
}

/* Drafts are set aside unless --include-incomplete; key: the SID. */
static enum wide_verdict pick_row(void *ctx, struct wide *w, struct import *imp,
                                  const struct row *r, struct wide_pick *pick)
{
	const struct frama *f = ctx;

	(void)w;
	if (strcmp(wide_cell(r, f->draft), "1") == 0 && !imp->opts->include_incomplete) {
		pick->reason = MSG_ONLINE_SKIP_DRAFT;
		return WIDE_ASIDE;
	}
	pick->key = pick->id;
	pick->date_col = *wide_cell(r, f->completed) ? f->completed : f->submitted;
	return WIDE_STAGE;
}

/* The header reader has seen the SID column; should a map file take it over, every row is
 * reported without an id. */
static const struct wide_hooks hooks = {
	.header = read_header,
	.id_tag = T_ID,
	.id_name = "SID",
	.id_missing_ok = 1,
	.columns = find_columns,
	.row = pick_row,
};

static int run(struct import *imp)
{
	struct frama f;
	int ret;

	memset(&f, 0, sizeof(f));
	ret = wide_run(imp, &spec, &hooks, &f);
	row_copy_free(f.groups);
	return ret;
}

const struct adapter adapter_framaforms = {
	.name = "framaforms",
	.label = "Framaforms",
	.source_system = "framaforms",
	.spec = &spec,
	.detect = detect,
	.run = run,
};

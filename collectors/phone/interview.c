/* interview.c: the "interview" adapter, answers typed by the agent at the end of a call, in a
 * spreadsheet (CSV, often French Excel style, or XLSX) with one row per call: a date column, an
 * optional call number, then one column per question (by code, wording or map file), read
 * through the shared wide engine (core/wide.h) like the online exports. A call is recognised
 * on a later import of the same, grown sheet by the salted hash of its call number, else of
 * its date and the caller's number, else of the row's cells. */
#include <stdlib.h>
#include <string.h>

#include "cdr.h"
#include "phone.h"
#include "wide.h"

enum { IV_DATE = 1, IV_ID, IV_AGENT, IV_CALLER, IV_DURATION };

static const struct wide_fixed fixed[] = {
	{ "date", IV_DATE },
	{ "date de l'appel", IV_DATE },
	{ "date d'appel", IV_DATE },
	{ "date appel", IV_DATE },
	{ "date et heure", IV_DATE },
	{ "date et heure de l'appel", IV_DATE },
	{ "horodateur", IV_DATE },
	{ "horodatage", IV_DATE },
	{ "n° d'appel", IV_ID },
	{ "n° appel", IV_ID },
	{ "no d'appel", IV_ID },
	{ "numéro d'appel", IV_ID },
	{ "identifiant", IV_ID },
	{ "identifiant de l'appel", IV_ID },
	{ "id", IV_ID },
	{ "référence", IV_ID },
	{ "n° de fiche", IV_ID },
	{ "agent", IV_AGENT },
	{ "saisi par", IV_AGENT },
	{ "opérateur", IV_AGENT },
	{ "numéro de l'appelant", IV_CALLER },
	{ "n° de l'appelant", IV_CALLER },
	{ "n° appelant", IV_CALLER },
	{ "numéro appelant", IV_CALLER },
	{ "appelant", IV_CALLER },
	{ "téléphone de l'appelant", IV_CALLER },
	{ "durée", IV_DURATION },
	{ "durée de l'appel", IV_DURATION },
	{ NULL, 0 },
};

static const struct wide_spec spec = { fixed, NULL };

/* A column by tag, read from the header itself (the engine classes a caller's number as
 * personal data, which it never reads; it is only hashed here). */
static int find_column(const struct row *hdr, int tag)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (wide_fixed_tag(fixed, hdr->f[i]) == tag)
			return (int)i;
	return -1;
}

static void iv_row(struct import *imp, struct wide *w, const struct row *r, int date_col,
                   int id_col, int caller_col)
{
	const char *date = wide_cell(r, date_col), *callid = wide_cell(r, id_col);
	struct datetime dt;
	char id[65], rowhash[33], shown[64];

	if (!*date) {
		diag_at(imp->diag, r->line, date_col + 1, MSG_PHONE_NEED_DATE);
		return;
	}
	if (date_parse(date, &dt) < 0) {
		/* said here, masked: a number typed in the wrong column must not be echoed */
		phone_mask(date, shown, sizeof(shown));
		diag_at(imp->diag, r->line, date_col + 1, MSG_BAD_DATE, shown);
		return;
	}
	if (*callid) {
		import_hash(imp, callid, id);
	} else if (caller_col >= 0 && *wide_cell(r, caller_col)) {
		phone_call_key(imp, &dt, wide_cell(r, caller_col), id);
	} else {
		wide_row_hash(w, r, rowhash);
		import_hash(imp, rowhash, id);
	}
	wide_row(w, imp, r, date_col, id);
}

static int iv_run(struct import *imp)
{
	struct wide w;
	const struct row *row;
	int r, date_col, id_col, caller_col, ret = -1;

	wide_init(&w, &spec);
	r = import_next(imp, &row);
	if (r != 1) {
		if (r == 0)
			diag_file(imp->diag, MSG_NO_HEADER);
		goto out;
	}
	if (wide_header(&w, imp, row, NULL) < 0)
		goto out;
	date_col = wide_find(&w, IV_DATE);
	id_col = wide_find(&w, IV_ID);
	caller_col = find_column(row, IV_CALLER);
	if (date_col < 0) {
		diag_at(imp->diag, row->line, 0, MSG_PHONE_NO_COLUMN, "Date de l'appel",
		        "saisie d'appels");
		goto out;
	}
	for (;;) {
		r = import_next(imp, &row);
		if (r != 1 || imp->failed)
			break;
		iv_row(imp, &w, row, date_col, id_col, caller_col);
	}
	ret = r < 0 || imp->failed ? -1 : 0;
out:
	wide_release(&w);
	return ret;
}

/* A header with a date column and at least two others: likely, but less so than the tools'
 * own exports. */
static int iv_detect(const struct row *first, enum rs_container container)
{
	(void)container;
	return first->n >= 3 && find_column(first, IV_DATE) >= 0 ? 30 : 0;
}

const struct adapter adapter_interview = {
	.name = "interview",
	.label = "saisie des agents",
	.source_system = "interview",
	.no_header = 0,
	.detect = iv_detect,
	.run = iv_run,
};

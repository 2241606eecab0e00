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

struct cols {
	int date, id, caller;
};

/* The caller's number is read from the header itself: the engine classes it as personal data,
 * which it never reads; it is only hashed here. */
static int find_columns(void *ctx, struct wide *w, struct import *imp, const struct row *hdr)
{
	struct cols *c = ctx;

	c->date = wide_find(w, IV_DATE);
	c->id = wide_find(w, IV_ID);
	c->caller = wide_find_header(fixed, hdr, IV_CALLER);
	if (c->date < 0) {
		diag_at(imp->diag, hdr->line, 0, MSG_PHONE_NO_COLUMN, "Date de l'appel",
		        "saisie d'appels");
		return -1;
	}
	return 0;
}

static enum wide_verdict iv_row(void *ctx, struct wide *w, struct import *imp,
                                const struct row *r, struct wide_pick *pick)
{
	const struct cols *c = ctx;
	const char *date = wide_cell(r, c->date), *callid = wide_cell(r, c->id);
	struct datetime dt;
	char rowhash[33], shown[64];

	if (!*date) {
		diag_at(imp->diag, r->line, c->date + 1, MSG_PHONE_NEED_DATE);
		return WIDE_DROP;
	}
	if (date_parse(date, &dt) < 0) {
		/* said here, masked: a number typed in the wrong column must not be echoed */
		phone_mask(date, shown, sizeof(shown));
		diag_at(imp->diag, r->line, c->date + 1, MSG_BAD_DATE, shown);
		return WIDE_DROP;
	}
	if (*callid) {
		import_hash(imp, callid, pick->buf);
	} else if (c->caller >= 0 && *wide_cell(r, c->caller)) {
		phone_call_key(imp, &dt, wide_cell(r, c->caller), pick->buf);
	} else {
		wide_row_hash(w, r, rowhash);
		import_hash(imp, rowhash, pick->buf);
	}
	pick->key = pick->buf;
	pick->date_col = c->date;
	return WIDE_STAGE;
}

static const struct wide_hooks hooks = {
	.columns = find_columns,
	.row = iv_row,
};

static int iv_run(struct import *imp)
{
	struct cols c;

	return wide_run(imp, &spec, &hooks, &c);
}

/* A header with a date column and at least two others: likely, but less so than the tools'
 * own exports. */
static int iv_detect(const struct row *first, enum rs_container container)
{
	(void)container;
	return first->n >= 3 && wide_find_header(fixed, first, IV_DATE) >= 0 ? 30 : 0;
}

const struct adapter adapter_interview = {
	.name = "interview",
	.label = "saisie des agents",
	.source_system = "interview",
	.no_header = 0,
	.detect = iv_detect,
	.run = iv_run,
};

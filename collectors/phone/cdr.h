/* cdr.h: the pure part of reading Asterisk's Master.csv (cdr_csv.c): where each field of a call
 * detail record sits, which rows look like one, and the survey answers that the dialplan wrote
 * in the userfield ("ENQ_Q1:4;ENQ_Q2:1"). No database, no allocation: the fuzz target calls
 * these directly. */
#ifndef PHONE_CDR_H
#define PHONE_CDR_H

#include <stddef.h>

#include "msg.h"
#include "rowbuf.h"

/* Fields of a record, 0-based, as cdr_csv.c writes them. */
enum cdr_field {
	CDR_ACCOUNTCODE, CDR_SRC, CDR_DST, CDR_DCONTEXT, CDR_CLID, CDR_CHANNEL, CDR_DSTCHANNEL,
	CDR_LASTAPP, CDR_LASTDATA, CDR_START, CDR_ANSWER, CDR_END, CDR_DURATION, CDR_BILLSEC,
	CDR_DISPOSITION, CDR_AMAFLAGS, CDR_BASE_FIELDS
};

/* One call, pointing into the row's fields (borrowed). Absent fields are "". The caller's
 * number and name (src, clid) are deliberately not part of it, except src for the
 * duplicate key of a record without uniqueid: never print it. */
struct cdr_call {
	const char *dcontext, *dst, *lastapp, *lastdata, *start, *disposition;
	const char *uniqueid, *userfield;
	const char *src;        /* personal: only for hashing */
	long userfield_col;     /* 1-based, 0 when the record has no userfield */
	int answered;           /* disposition is ANSWERED */
};

/* Reads a row into *call. Returns MSG__COUNT when it is a record, else the problem
 * (MSG_PHONE_CDR_WIDTH or MSG_PHONE_CDR_DISPOSITION) with *col set (1-based, 0 for the row). */
enum msg_id cdr_call_read(const struct row *row, struct cdr_call *call, long *col);

/* How surely row is an Asterisk record: 0 or 95 (16 to 18 or 21 fields, a known disposition at
 * field 15, "YYYY-MM-DD HH:MM:SS" at fields 10 and 12, field 11 such a date or empty). */
int cdr_detect(const struct row *row);

/* 1 when s is exactly "YYYY-MM-DD HH:MM:SS" (shape only). */
int cdr_is_datetime(const char *s);

/* The queue a call went through when its last application was Queue ("accueil" from
 * "accueil,t,,,300"), copied into buf; "" otherwise. */
void cdr_queue(const struct cdr_call *call, char *buf, size_t size);

/* One answer of the userfield: the key and the keys pressed (borrowed, not NUL-terminated).
 * An empty value means the caller pressed nothing (timeout, hang-up). */
struct cdr_answer {
	const char *key, *val;
	size_t klen, vlen;
};

#define CDR_MAX_ANSWERS 32

enum cdr_uf_status { CDR_UF_OK, CDR_UF_BAD_ITEM, CDR_UF_DUP_KEY, CDR_UF_TOO_MANY };

/*
 * Parses the userfield "KEY:DIGITS;KEY:DIGITS", with optional spaces around items and empty
 * items (";;", a trailing ";") ignored. A key is letters, digits, '_', '-' or '.'; the value is
 * at most 8 of 0-9 * #, or empty. Fills out[0..*n). On a problem returns its status with
 * *bad set to the 1-based number of the item at fault (CDR_UF_DUP_KEY: the second one).
 */
enum cdr_uf_status cdr_userfield_parse(const char *s, struct cdr_answer out[CDR_MAX_ANSWERS],
                                       size_t *n, size_t *bad);

/* The item number `item` (1-based) of userfield s, copied into buf for a message, with every
 * run of 5 or more digits (a phone number) replaced by "…". */
void cdr_userfield_item(const char *s, size_t item, char *buf, size_t size);

/* Copies s into buf for a message: cut to fit, runs of 5 or more digits (phone numbers)
 * replaced by "…", control bytes by '?'. */
void phone_mask(const char *s, char *buf, size_t size);

#endif

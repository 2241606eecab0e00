/* cdr.c: the pure part of reading Asterisk's Master.csv (see cdr.h): record layout, detection,
 * the userfield's answers, and masking of phone numbers in messages. */
#include <string.h>

#include "cdr.h"

static const char *const dispositions[] = {
	"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION",
};

static int known_disposition(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(dispositions) / sizeof(dispositions[0]); i++)
		if (strcmp(s, dispositions[i]) == 0)
			return 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int cdr_is_datetime(const char *s)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t i;

	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
			return 0;
	}
	return s[i] == '\0';
}

/* A uniqueid as Asterisk writes it: "1741770902.18" (seconds, dot, sequence). */
static int looks_like_uniqueid(const char *s)
{
	size_t i = 0, digits = 0;

	while (is_digit(s[i])) {
		i++;
		digits++;
	}
	if (digits == 0 || s[i] != '.')
		return 0;
	i++;
	if (!is_digit(s[i]))
		return 0;
	while (is_digit(s[i]))
		i++;
	return s[i] == '\0';
}

static int known_width(size_t n)
{
	return (n >= CDR_BASE_FIELDS && n <= CDR_BASE_FIELDS + 2) || n == CDR_BASE_FIELDS + 5;
}

enum msg_id cdr_call_read(const struct row *row, struct cdr_call *call, long *col)
{
	size_t n = row->n;

	memset(call, 0, sizeof(*call));
	*col = 0;
	if (!known_width(n))
		return MSG_PHONE_CDR_WIDTH;
	call->dcontext = row->f[CDR_DCONTEXT];
	call->dst = row->f[CDR_DST];
	call->lastapp = row->f[CDR_LASTAPP];
	call->lastdata = row->f[CDR_LASTDATA];
	call->start = row->f[CDR_START];
	call->disposition = row->f[CDR_DISPOSITION];
	call->src = row->f[CDR_SRC];
	call->uniqueid = "";
	call->userfield = "";
	if (n == CDR_BASE_FIELDS + 1) {
		/* one of uniqueid or userfield was enabled: a uniqueid has its own shape */
		if (looks_like_uniqueid(row->f[CDR_BASE_FIELDS])) {
			call->uniqueid = row->f[CDR_BASE_FIELDS];
		} else {
			call->userfield = row->f[CDR_BASE_FIELDS];
			call->userfield_col = CDR_BASE_FIELDS + 1;
		}
	} else if (n >= CDR_BASE_FIELDS + 2) {
		/* both, then (21 fields) peeraccount, linkedid, sequence of newcdrcolumns */
		call->uniqueid = row->f[CDR_BASE_FIELDS];
		call->userfield = row->f[CDR_BASE_FIELDS + 1];
		call->userfield_col = CDR_BASE_FIELDS + 2;
	}
	if (!known_disposition(call->disposition)) {
		*col = CDR_DISPOSITION + 1;
		return MSG_PHONE_CDR_DISPOSITION;
	}
	call->answered = strcmp(call->disposition, "ANSWERED") == 0;
	return MSG__COUNT;
}

int cdr_detect(const struct row *row)
{
	if (!known_width(row->n))
		return 0;
	if (!known_disposition(row->f[CDR_DISPOSITION]))
		return 0;
	if (!cdr_is_datetime(row->f[CDR_START]) || !cdr_is_datetime(row->f[CDR_END]))
		return 0;
	if (row->f[CDR_ANSWER][0] != '\0' && !cdr_is_datetime(row->f[CDR_ANSWER]))
		return 0;
	return 95;
}

void cdr_queue(const struct cdr_call *call, char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (strcmp(call->lastapp, "Queue") != 0)
		return;
	while (call->lastdata[n] && call->lastdata[n] != ',' && call->lastdata[n] != '|' &&
	       n + 1 < size) {
		buf[n] = call->lastdata[n];
		n++;
	}
	buf[n] = '\0';
}

static int key_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '-' || c == '.';
}

static int value_char(char c)
{
	return is_digit(c) || c == '*' || c == '#';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One item s[0..len) (trimmed by the caller) into *a. Returns 0 or -1. */
static int parse_item(const char *s, size_t len, struct cdr_answer *a)
{
	size_t i = 0, k, v;

	while (i < len && key_char(s[i]))
		i++;
	k = i;
	if (i == 0 || i >= len)
		return -1;
	while (i < len && is_blank(s[i]))
		i++;
	if (i >= len || s[i] != ':')
		return -1;
	i++;
	while (i < len && is_blank(s[i]))
		i++;
	v = i;
	while (i < len && value_char(s[i]))
		i++;
	if (i != len || i - v > 8)
		return -1;
	a->key = s;
	a->klen = k;
	a->val = s + v;
	a->vlen = i - v;
	return 0;
}

enum cdr_uf_status cdr_userfield_parse(const char *s, struct cdr_answer out[CDR_MAX_ANSWERS],
                                       size_t *n, size_t *bad)
{
	size_t item = 0, j;

	*n = 0;
	*bad = 0;
	while (*s) {
		const char *end = strchr(s, ';');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *p = s;

		item++;
		while (len > 0 && is_blank(*p)) {
			p++;
			len--;
		}
		while (len > 0 && is_blank(p[len - 1]))
			len--;
		if (len > 0) {
			if (*n >= CDR_MAX_ANSWERS) {
				*bad = item;
				return CDR_UF_TOO_MANY;
			}
			if (parse_item(p, len, &out[*n]) < 0) {
				*bad = item;
				return CDR_UF_BAD_ITEM;
			}
			for (j = 0; j < *n; j++)
				if (out[j].klen == out[*n].klen &&
				    memcmp(out[j].key, out[*n].key, out[j].klen) == 0) {
					*bad = item;
					return CDR_UF_DUP_KEY;
				}
			(*n)++;
		}
		if (!end)
			break;
		s = end + 1;
	}
	return CDR_UF_OK;
}

void cdr_userfield_item(const char *s, size_t item, char *buf, size_t size)
{
	char tmp[128];
	size_t k = 1, len;
	const char *end;

	if (size == 0)
		return;
	while (k < item && s) {
		s = strchr(s, ';');
		if (s)
			s++;
		k++;
	}
	if (!s) {
		buf[0] = '\0';
		return;
	}
	end = strchr(s, ';');
	len = end ? (size_t)(end - s) : strlen(s);
	if (len >= sizeof(tmp))
		len = sizeof(tmp) - 1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	phone_mask(tmp, buf, size);
}

/* Digits in the run of digits starting at s, where a single space or dot may join two groups
 * ("06 12 34 56 78", "06.12.34.56.78"); *len is the length of the run in bytes. */
static size_t digit_run(const char *s, size_t *len)
{
	size_t i = 0, digits = 0;

	if (s[0] == '+')
		i++;
	for (;;) {
		if (is_digit(s[i])) {
			digits++;
			i++;
		} else if ((s[i] == ' ' || s[i] == '.') && i > 0 && is_digit(s[i - 1]) &&
		           is_digit(s[i + 1])) {
			i++;
		} else {
			break;
		}
	}
	*len = i;
	return digits;
}

/* The length of buf[0..o) without a UTF-8 sequence cut at its end. */
static size_t utf8_whole(const char *buf, size_t o)
{
	size_t lead = o, need;
	unsigned char c;

	while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0)
		return o;
	c = (unsigned char)buf[lead - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	return o - (lead - 1) < need ? lead - 1 : o;
}

void phone_mask(const char *s, char *buf, size_t size)
{
	static const char ellipsis[] = "\xe2\x80\xa6";   /* … */
	size_t o = 0, i = 0, len;

	if (size == 0)
		return;
	while (s[i] && o + 1 < size) {
		if (is_digit(s[i]) || (s[i] == '+' && is_digit(s[i + 1]))) {
			size_t digits = digit_run(s + i, &len);

			if (digits >= 8) {
				if (o + sizeof(ellipsis) > size)
					break;
				memcpy(buf + o, ellipsis, sizeof(ellipsis) - 1);
				o += sizeof(ellipsis) - 1;
				i += len;
				continue;
			}
			if (o + len >= size)
				break;
			memcpy(buf + o, s + i, len);
			o += len;
			i += len;
			continue;
		}
		buf[o++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
		i++;
	}
	buf[utf8_whole(buf, o)] = '\0';
}

/* xlsx.c: a streaming reader of the first worksheet of an XLSX workbook, or of the first table
 * of an ODS spreadsheet (see xlsx.h).
 * xl/workbook.xml and its relationships name the first sheet; the shared strings are loaded
 * into one capped buffer; the sheet XML is then fed to expat one chunk per xlsx_pump() call, and
 * each <row> becomes one rowbuf row. Memory stays flat whatever the sheet's size: only the
 * shared strings, one cell's text and expat's current token are held. DTDs are refused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "xlsx.h"

#define NS_SEP '|'           /* expat joins namespace URI and local name with this */
#define PART_MAX 512         /* longest part name we resolve */
#define MAX_COL 16384        /* XFD, Excel's last column, is 16384 */
#define MAX_ROW 0x7fffffffL

/* Bytes of the sheet read per xlsx_pump() call; the unit test includes this file and lowers
 * it, to parse every fixture at every chunk size. */
static size_t xlsx_chunk = 65536;

struct sst_entry {
	size_t off, len;
};

struct xlsx {
	zip_t *za;                    /* borrowed */
	const struct limits *lim;
	char part[PART_MAX];          /* the sheet's part name, for messages */
	zip_file_t *zf;               /* the sheet being streamed */
	XML_Parser p;                 /* its parser */
	char *buf;                    /* one chunk of it */
	size_t chunk;
	unsigned long long done, total;
	int ended, failed;

	/* the parser being fed, and how a handler stopped it */
	XML_Parser cur;
	unsigned long long fed;       /* bytes given to cur */
	long long last_event;         /* byte index of cur's last callback */
	int stopped;                  /* a handler stopped cur on purpose */
	enum msg_id err;              /* a handler stopped cur on an error (MSG__COUNT: none) */
	unsigned long err_line;
	char err_arg[40], err_arg2[24];
	int depth;

	/* workbook and relationships */
	char rid[128];
	char sheet_target[PART_MAX], ss_target[PART_MAX];

	/* shared strings, one after the other, NUL-terminated */
	char *ss;
	size_t ss_used, ss_cap;
	struct sst_entry *sse;
	size_t ss_n, ss_alloc;
	size_t si_start, si_len;      /* the <si> being read */
	int si_trunc;
	int si_depth, t_depth, rph_depth;

	/* the sheet */
	struct rowbuf *rb;            /* during xlsx_pump() only */
	int data_depth, row_depth, cell_depth, v_depth, is_depth;
	long row, prev_row;
	size_t col, width;            /* current cell; columns used so far in the row */
	char ctype;                   /* 's' shared string, 'i' inline string, 'v' other */
	int has_value;
	char *text;                   /* the cell's text, at most raw_cap() bytes */
	size_t text_len, text_cap;
	int text_trunc;

	int date1904;                 /* workbookPr date1904: serials count from 1904-01-01 */

	/* ODS (content.xml): the first table, read the same way */
	int ods;
	int p_depth, ann_depth;       /* inside text:p; inside an office:annotation */
	int np;                       /* text:p seen in the cell */
	unsigned long rows_rep, cols_rep;
	int row_filled;
	char *saved;                  /* the row's cells, to repeat a repeated row */
	size_t saved_len, saved_cap;
};

/* ---- helpers ---- */

static const char *local_name(const char *name)
{
	const char *s = strrchr(name, NS_SEP);

	return s ? s + 1 : name;
}

/* The value of the attribute without namespace called name, or NULL. */
static const char *attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Copies s for a message, cut if needed at a UTF-8 character boundary. */
static void copy_arg(char *dst, size_t size, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n >= size) {
		n = size - 1;   /* s[n] is the first byte left out: cut before its character */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Stops the parser being fed on an error, reported by feed() once XML_Parse() returns.
 * MSG_XLSX_BAD_XML here means out of memory. */
static void parse_fail(struct xlsx *x, enum msg_id id, const char *arg, const char *arg2)
{
	if (x->err != MSG__COUNT || x->stopped)
		return;
	x->err = id;
	x->err_line = (unsigned long)XML_GetCurrentLineNumber(x->cur);
	copy_arg(x->err_arg, sizeof(x->err_arg), arg);
	copy_arg(x->err_arg2, sizeof(x->err_arg2), arg2);
	XML_StopParser(x->cur, XML_FALSE);
}

/* Stops the parser being fed because what was wanted is found. */
static void parse_stop(struct xlsx *x)
{
	if (x->err != MSG__COUNT || x->stopped)
		return;
	x->stopped = 1;
	XML_StopParser(x->cur, XML_FALSE);
}

/* Every callback notes where it is, so that feed() sees a token growing without end. Returns 0
 * when the handler should go on, -1 when the parser was already stopped (expat may still call
 * a few handlers after XML_StopParser()). */
static int event(struct xlsx *x)
{
	x->last_event = (long long)XML_GetCurrentByteIndex(x->cur);
	return (x->err != MSG__COUNT || x->stopped) ? -1 : 0;
}

/*
 * Decodes the _xHHHH_ escapes of ECMA-376 strings (Excel writes a carriage return as _x000D_,
 * and a literal "_x" as _x005F_x) in place; returns the new length. NUL and surrogates stay
 * as written.
 */
static size_t xstring_decode(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned long cp = 0;
		size_t k;

		if (s[i] == '_' && i + 7 <= len && s[i + 1] == 'x' && s[i + 6] == '_') {
			for (k = 2; k < 6; k++) {
				char c = s[i + k];

				if (c >= '0' && c <= '9')
					cp = cp * 16 + (unsigned long)(c - '0');
				else if (c >= 'a' && c <= 'f')
					cp = cp * 16 + (unsigned long)(c - 'a' + 10);
				else if (c >= 'A' && c <= 'F')
					cp = cp * 16 + (unsigned long)(c - 'A' + 10);
				else
					break;
			}
			if (k == 6 && cp != 0 && (cp < 0xd800 || cp > 0xdfff)) {
				if (cp < 0x80) {
					s[o++] = (char)cp;
				} else if (cp < 0x800) {
					s[o++] = (char)(0xc0 | (cp >> 6));
					s[o++] = (char)(0x80 | (cp & 0x3f));
				} else {
					s[o++] = (char)(0xe0 | (cp >> 12));
					s[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
					s[o++] = (char)(0x80 | (cp & 0x3f));
				}
				i += 7;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	return o;
}

/* Finds a part by name; OPC part names compare without case, Excel writes them as below. */
static zip_int64_t part_locate(zip_t *za, const char *name)
{
	zip_int64_t i = zip_name_locate(za, name, 0);

	if (i < 0)
		i = zip_name_locate(za, name, ZIP_FL_NOCASE);
	return i;
}

/*
 * Resolves a relationship target of xl/workbook.xml into a part name: "worksheets/sheet1.xml"
 * is relative to xl/, "/xl/worksheets/sheet1.xml" is absolute; "." and ".." segments are
 * folded. Returns 0, or -1 when the name is too long or leaves the package.
 */
static int part_resolve(const char *target, char *out, size_t size)
{
	char tmp[PART_MAX];
	size_t o = 0;
	const char *s;
	int n;

	if (target[0] == '/')
		n = snprintf(tmp, sizeof(tmp), "%s", target + 1);
	else
		n = snprintf(tmp, sizeof(tmp), "xl/%s", target);
	if (n < 0 || (size_t)n >= sizeof(tmp) || (size_t)n >= size)
		return -1;
	s = tmp;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t seg = e ? (size_t)(e - s) : strlen(s);

		if (seg == 0 || (seg == 1 && s[0] == '.')) {
			/* nothing */
		} else if (seg == 2 && s[0] == '.' && s[1] == '.') {
			if (o == 0)
				return -1;
			o--;
			while (o > 0 && out[o - 1] != '/')
				o--;
		} else {
			memcpy(out + o, s, seg);
			o += seg;
			if (e)
				out[o++] = '/';
		}
		s += seg + (e ? 1 : 0);
	}
	out[o] = '\0';
	return o > 0 && out[o - 1] != '/' ? 0 : -1;
}

/*
 * The raw bytes of one string kept before decoding: an _xHHHH_ escape is 7 bytes for at least
 * one decoded byte, so a string cut at this length still decodes to more than max_field bytes,
 * and rowbuf refuses it; a string that fits once decoded is never cut.
 */
static size_t raw_cap(const struct xlsx *x)
{
	size_t f = x->lim->max_field;

	return f > (SIZE_MAX - 8) / 7 ? SIZE_MAX - 1 : 7 * f + 7;
}

/* ---- feeding a parser ---- */

/*
 * The longest stretch of input without a callback: a tag or a comment this long is hostile.
 * Text reaches the handlers as it is read, so only markup forms long tokens: an attribute
 * value of up to max_field bytes, written with entities (twice the room), plus 16 KiB for the
 * rest of the tag. The cap follows max_field so that a test with a small max_field reaches it
 * after a few kilobytes: expat before 2.6 parses a growing token again at every feed, which is
 * quadratic when it is fed in small pieces.
 */
static size_t token_cap(const struct xlsx *x)
{
	size_t f = x->lim->max_field;

	return f > (SIZE_MAX - (16u << 10)) / 2 ? SIZE_MAX / 2 : 2 * f + (16u << 10);
}

/*
 * Gives len bytes to the parser p (of the part named part); final on the last call.
 * Returns 0 to go on, 1 when a handler stopped the parser on purpose, -1 on an error reported
 * on d.
 */
static int feed(struct xlsx *x, XML_Parser p, const char *part, const char *data, size_t len,
		int final, struct diag *d)
{
	enum XML_Status st;

	x->cur = p;
	x->fed += len;
	st = XML_Parse(p, data, (int)len, final);
	if (x->err != MSG__COUNT) {
		switch (x->err) {
		case MSG_XLSX_DTD:
			diag_file(d, MSG_XLSX_DTD, part, x->err_line);
			break;
		case MSG_XLSX_BAD_REF:
			diag_file(d, MSG_XLSX_BAD_REF, part, x->err_line, x->err_arg);
			break;
		case MSG_XLSX_BAD_STRING:
			diag_file(d, MSG_XLSX_BAD_STRING, part, x->err_line, x->err_arg, x->err_arg2);
			break;
		case MSG_FILE_TOO_BIG:
			diag_file(d, MSG_FILE_TOO_BIG, (unsigned long long)x->lim->max_strings);
			break;
		default:
			diag_file(d, MSG_XLSX_BAD_XML, part, x->err_line,
				  XML_ErrorString(XML_ERROR_NO_MEMORY));
			break;
		}
		return -1;
	}
	if (x->stopped)
		return 1;
	if (st != XML_STATUS_OK) {
		diag_file(d, MSG_XLSX_BAD_XML, part, (unsigned long)XML_GetCurrentLineNumber(p),
			  XML_ErrorString(XML_GetErrorCode(p)));
		return -1;
	}
	if (x->fed > (unsigned long long)x->last_event + token_cap(x) + len) {
		diag_file(d, MSG_XLSX_TOKEN, part, (unsigned long)XML_GetCurrentLineNumber(p),
			  token_cap(x));
		return -1;
	}
	return 0;
}

/* Opens a part and checks its uncompressed size. Returns the file, or NULL after reporting. */
static zip_file_t *part_open(struct xlsx *x, zip_int64_t idx, unsigned long long *size,
			     struct diag *d)
{
	zip_stat_t st;
	zip_file_t *zf;

	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		diag_file(d, MSG_XLSX_BAD, zip_strerror(x->za));
		return NULL;
	}
	if (st.size > x->lim->max_file) {
		diag_file(d, MSG_FILE_TOO_BIG, (unsigned long long)x->lim->max_file);
		return NULL;
	}
	zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		diag_file(d, MSG_XLSX_BAD, zip_strerror(x->za));
		return NULL;
	}
	*size = st.size;
	return zf;
}

/* Reads one chunk of zf, whose declared size (checked against max_file) is size, into x->buf.
 * Returns the bytes read, or -1 after reporting: also when the entry inflates to more than its
 * declared size, which a lying archive can do. */
static zip_int64_t part_read(struct xlsx *x, zip_file_t *zf, unsigned long long *done,
			     unsigned long long size, struct diag *d)
{
	zip_int64_t n = zip_fread(zf, x->buf, x->chunk);

	if (n < 0) {
		diag_file(d, MSG_XLSX_BAD, zip_file_strerror(zf));
		return -1;
	}
	if ((unsigned long long)n > size - *done) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, ZIP_ER_INCONS);
		diag_file(d, MSG_XLSX_BAD, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	*done += (unsigned long long)n;
	return n;
}

/* Parses a whole part (or until a handler stops) with handlers already set on p.
 * Returns 0, or -1 after reporting on d. */
static int part_parse(struct xlsx *x, zip_int64_t idx, const char *name, XML_Parser p,
		      struct diag *d)
{
	unsigned long long size = 0, done = 0;
	zip_file_t *zf = part_open(x, idx, &size, d);
	int ret = -1;

	if (!zf)
		return -1;
	x->fed = 0;
	x->last_event = 0;
	x->stopped = 0;
	x->err = MSG__COUNT;
	x->depth = 0;
	for (;;) {
		zip_int64_t n = part_read(x, zf, &done, size, d);
		int r;

		if (n < 0)
			goto out;
		r = feed(x, p, name, x->buf, (size_t)n, n == 0, d);
		if (r < 0)
			goto out;
		if (r > 0 || n == 0)
			break;
	}
	ret = 0;
out:
	zip_fclose(zf);
	return ret;
}

/* ---- refusing DTDs ---- */

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	struct xlsx *x = ud;

	parse_fail(x, MSG_XLSX_DTD, NULL, NULL);
}

static void on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
		      int value_len, const XML_Char *base, const XML_Char *sysid,
		      const XML_Char *pubid, const XML_Char *notation)
{
	struct xlsx *x = ud;

	parse_fail(x, MSG_XLSX_DTD, NULL, NULL);
}

static XML_Parser parser_new(struct xlsx *x)
{
	XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);

	if (!p)
		return NULL;
	XML_SetUserData(p, x);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetEntityDeclHandler(p, on_entity);
	return p;
}

/* ---- workbook: the first sheet's relationship id ---- */

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	size_t i;

	if (event(x) < 0)
		return;
	if (strcmp(local_name(name), "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");

		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		return;
	}
	if (strcmp(local_name(name), "sheet") != 0)
		return;
	for (i = 0; atts[i]; i += 2) {
		const char *sep = strrchr(atts[i], NS_SEP);

		/* r:id, in the relationships namespace (transitional or strict) */
		if (sep && strcmp(sep + 1, "id") == 0 &&
		    strstr(atts[i], "relationships") != NULL) {
			copy_arg(x->rid, sizeof(x->rid), atts[i + 1]);
			break;
		}
	}
	parse_stop(x);
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *id, *target, *type, *mode;
	size_t tl;

	if (event(x) < 0 || strcmp(local_name(name), "Relationship") != 0)
		return;
	id = attr(atts, "Id");
	target = attr(atts, "Target");
	type = attr(atts, "Type");
	mode = attr(atts, "TargetMode");
	if (!target || (mode && strcmp(mode, "External") == 0))
		return;
	if (id && x->rid[0] && strcmp(id, x->rid) == 0 && !x->sheet_target[0])
		part_resolve(target, x->sheet_target, sizeof(x->sheet_target));
	tl = type ? strlen(type) : 0;
	if (tl >= 14 && strcmp(type + tl - 14, "/sharedStrings") == 0 && !x->ss_target[0])
		part_resolve(target, x->ss_target, sizeof(x->ss_target));
}

/* Finds the sheet's part name, and the shared strings' if the relationships name them.
 * Returns 0 (x->part set), or -1 after reporting. */
static int find_sheet(struct xlsx *x, struct diag *d)
{
	XML_Parser p = NULL;
	zip_int64_t idx;
	int ret = -1;

	idx = part_locate(x->za, "xl/workbook.xml");
	if (idx >= 0) {
		p = parser_new(x);
		if (!p) {
			diag_file(d, MSG_XLSX_BAD, XML_ErrorString(XML_ERROR_NO_MEMORY));
			goto out;
		}
		XML_SetStartElementHandler(p, wb_start);
		if (part_parse(x, idx, "xl/workbook.xml", p, d) < 0)
			goto out;
		XML_ParserFree(p);
		p = NULL;
	}
	idx = part_locate(x->za, "xl/_rels/workbook.xml.rels");
	if (idx >= 0) {
		p = parser_new(x);
		if (!p) {
			diag_file(d, MSG_XLSX_BAD, XML_ErrorString(XML_ERROR_NO_MEMORY));
			goto out;
		}
		XML_SetStartElementHandler(p, rels_start);
		if (part_parse(x, idx, "xl/_rels/workbook.xml.rels", p, d) < 0)
			goto out;
	}
	if (x->sheet_target[0] && part_locate(x->za, x->sheet_target) >= 0)
		copy_arg(x->part, sizeof(x->part), x->sheet_target);
	else if (part_locate(x->za, "xl/worksheets/sheet1.xml") >= 0)
		copy_arg(x->part, sizeof(x->part), "xl/worksheets/sheet1.xml");
	else {
		diag_file(d, MSG_XLSX_NO_SHEET);
		goto out;
	}
	ret = 0;
out:
	if (p)
		XML_ParserFree(p);
	return ret;
}

/* ---- shared strings ---- */

/* Makes room for len more bytes of strings. Returns 0, or -1 on the max_strings cap or when
 * out of memory (the parser is then stopped). */
static int ss_reserve(struct xlsx *x, size_t len)
{
	size_t need = x->ss_used + len + 1;
	size_t cap;
	char *ss;

	if (need <= x->ss_cap)
		return 0;
	if (need + x->ss_n * sizeof(struct sst_entry) > x->lim->max_strings) {
		parse_fail(x, MSG_FILE_TOO_BIG, NULL, NULL);
		return -1;
	}
	cap = x->ss_cap ? x->ss_cap : 4096;
	while (cap < need)
		cap *= 2;
	if (cap > x->lim->max_strings)
		cap = x->lim->max_strings;
	ss = realloc(x->ss, cap);
	if (!ss) {
		parse_fail(x, MSG_XLSX_BAD_XML, NULL, NULL);
		return -1;
	}
	x->ss = ss;
	x->ss_cap = cap;
	return 0;
}

static void ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = local_name(name);

	if (event(x) < 0)
		return;
	x->depth++;
	if (strcmp(ln, "si") == 0 && !x->si_depth) {
		x->si_depth = x->depth;
		x->si_start = x->ss_used;
		x->si_len = 0;
		x->si_trunc = 0;
	} else if (strcmp(ln, "rPh") == 0 && x->si_depth && !x->rph_depth) {
		x->rph_depth = x->depth;       /* phonetic reading: not part of the text */
	} else if (strcmp(ln, "t") == 0 && x->si_depth && !x->rph_depth && !x->t_depth) {
		x->t_depth = x->depth;
	}
}

static void ss_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	if (event(x) < 0)
		return;
	if (x->depth == x->t_depth)
		x->t_depth = 0;
	else if (x->depth == x->rph_depth)
		x->rph_depth = 0;
	else if (x->depth == x->si_depth) {
		size_t len = x->si_len;

		x->si_depth = 0;
		if (x->si_start + len + 1 + (x->ss_n + 1) * sizeof(struct sst_entry) >
		    x->lim->max_strings) {
			parse_fail(x, MSG_FILE_TOO_BIG, NULL, NULL);
			return;
		}
		if (x->ss_n == x->ss_alloc) {
			size_t na = x->ss_alloc ? x->ss_alloc * 2 : 256;
			struct sst_entry *e;

			e = realloc(x->sse, na * sizeof(*e));
			if (!e) {
				parse_fail(x, MSG_XLSX_BAD_XML, NULL, NULL);
				return;
			}
			x->sse = e;
			x->ss_alloc = na;
		}
		if (ss_reserve(x, x->si_len) < 0)
			return;
		len = xstring_decode(x->ss + x->si_start, len);
		x->ss[x->si_start + len] = '\0';
		x->sse[x->ss_n].off = x->si_start;
		x->sse[x->ss_n].len = len;
		x->ss_n++;
		x->ss_used = x->si_start + len + 1;
	}
	x->depth--;
}

static void ss_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	size_t n = (size_t)len, room;

	if (event(x) < 0 || !x->t_depth || x->si_trunc)
		return;
	room = raw_cap(x) - x->si_len;
	if (n > room) {
		n = room;
		x->si_trunc = 1;
	}
	if (ss_reserve(x, x->si_len + n) < 0)
		return;
	memcpy(x->ss + x->si_start + x->si_len, s, n);
	x->si_len += n;
}

/* Loads the shared strings, if the workbook has some. Returns 0, or -1 after reporting. */
static int load_strings(struct xlsx *x, struct diag *d)
{
	const char *name = x->ss_target[0] ? x->ss_target : "xl/sharedStrings.xml";
	zip_int64_t idx = part_locate(x->za, name);
	XML_Parser p;
	int ret;

	if (idx < 0 && x->ss_target[0]) {
		name = "xl/sharedStrings.xml";
		idx = part_locate(x->za, name);
	}
	if (idx < 0)
		return 0;
	p = parser_new(x);
	if (!p) {
		diag_file(d, MSG_XLSX_BAD, XML_ErrorString(XML_ERROR_NO_MEMORY));
		return -1;
	}
	XML_SetElementHandler(p, ss_start, ss_end);
	XML_SetCharacterDataHandler(p, ss_text);
	ret = part_parse(x, idx, name, p, d);
	XML_ParserFree(p);
	return ret;
}

/* ---- the sheet ---- */

/* Parses a cell reference such as "AB12" into its 0-based column. Returns 0, or -1 when it is
 * not letters then digits, or lies beyond column XFD. */
static int ref_col(const char *s, size_t *col)
{
	size_t c = 0, letters = 0;

	while (*s >= 'A' && *s <= 'Z') {
		if (++letters > 3)
			return -1;
		c = c * 26 + (size_t)(*s - 'A' + 1);
		s++;
	}
	if (letters == 0 || c > MAX_COL || !(*s >= '1' && *s <= '9'))
		return -1;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s)
		return -1;
	*col = c - 1;
	return 0;
}

/* Parses a row number: digits only, 1 to MAX_ROW. Returns it, or -1. */
static long parse_row(const char *s)
{
	long v = 0;

	if (!(*s >= '1' && *s <= '9'))
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (MAX_ROW - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return *s ? -1 : v;
}

/* The cell reference of the current cell ("B3"), for messages. */
static void cell_name(const struct xlsx *x, char *out, size_t size)
{
	char letters[4];
	size_t c = x->col + 1, n = 0, i;
	char rev[4];

	while (c > 0 && n < 3) {
		rev[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (i = 0; i < n; i++)
		letters[i] = rev[n - 1 - i];
	letters[n] = '\0';
	snprintf(out, size, "%s%ld", letters, x->row);
}

static void text_add(struct xlsx *x, const char *s, size_t n)
{
	size_t room = raw_cap(x) - x->text_len;

	if (x->text_trunc)
		return;
	if (n > room) {
		n = room;
		x->text_trunc = 1;
	}
	if (x->text_len + n > x->text_cap) {
		size_t cap = x->text_cap ? x->text_cap : 256;
		char *t;

		while (cap < x->text_len + n)
			cap *= 2;
		if (cap > raw_cap(x))
			cap = raw_cap(x);
		t = realloc(x->text, cap);
		if (!t) {
			parse_fail(x, MSG_XLSX_BAD_XML, NULL, NULL);
			return;
		}
		x->text = t;
		x->text_cap = cap;
	}
	if (n)
		memcpy(x->text + x->text_len, s, n);
	x->text_len += n;
}

static void cell_start(struct xlsx *x, const char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t");

	if (r) {
		if (ref_col(r, &x->col) < 0 || x->col < x->width) {
			parse_fail(x, MSG_XLSX_BAD_REF, r, NULL);
			return;
		}
	} else {
		x->col = x->width;
		if (x->col >= MAX_COL) {
			parse_fail(x, MSG_XLSX_BAD_REF, "XFE", NULL);
			return;
		}
	}
	x->width = x->col + 1;
	if (t && strcmp(t, "s") == 0)
		x->ctype = 's';
	else if (t && strcmp(t, "inlineStr") == 0)
		x->ctype = 'i';
	else
		x->ctype = 'v';   /* n, str, b ("1"/"0" as written), e ("#N/A"), d: the text of <v> */
	x->has_value = 0;
	x->text_len = 0;
	x->text_trunc = 0;
}

/* Hands the finished cell to the rowbuf. Empty cells give nothing (rowbuf pads the gaps). */
static void cell_end(struct xlsx *x)
{
	const char *val = x->text;
	size_t len = x->text_len;

	if (!x->has_value || len == 0)
		return;
	if (x->ctype == 's') {
		char idx[24], ref[24];
		size_t i;
		unsigned long long v = 0;

		for (i = 0; i < len && i < sizeof(idx) - 1; i++)
			idx[i] = x->text[i];
		while (i > 0 && i < len && ((unsigned char)x->text[i] & 0xc0) == 0x80)
			i--;      /* cut for the message at a character boundary */
		idx[i] = '\0';
		for (i = 0; i < len; i++) {
			if (x->text[i] < '0' || x->text[i] > '9' || v > x->ss_n)
				break;
			v = v * 10 + (unsigned long long)(x->text[i] - '0');
		}
		if (i < len || v >= x->ss_n) {
			cell_name(x, ref, sizeof(ref));
			parse_fail(x, MSG_XLSX_BAD_STRING, ref, idx);
			return;
		}
		val = x->ss + x->sse[v].off;
		len = x->sse[v].len;
	} else {
		len = xstring_decode(x->text, len);
	}
	if (len == 0)
		return;
	/* -1 here is a cap hit, recorded in the row by rowbuf and reported when popped */
	rowbuf_field_at(x->rb, x->col, val, len);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = local_name(name);

	if (event(x) < 0)
		return;
	x->depth++;
	if (x->data_depth < 0)
		return;
	if (!x->data_depth) {
		if (strcmp(ln, "sheetData") == 0)
			x->data_depth = x->depth;
	} else if (!x->row_depth) {
		if (strcmp(ln, "row") == 0) {
			const char *r = attr(atts, "r");
			long n = r ? parse_row(r) : x->prev_row + 1;

			if (n <= x->prev_row || n > MAX_ROW) {
				parse_fail(x, MSG_XLSX_BAD_REF, r ? r : "", NULL);
				return;
			}
			x->row_depth = x->depth;
			x->row = n;
			x->width = 0;
		}
	} else if (!x->cell_depth) {
		if (strcmp(ln, "c") == 0) {
			x->cell_depth = x->depth;
			cell_start(x, atts);
		}
	} else if (strcmp(ln, "v") == 0 && !x->v_depth && !x->is_depth && x->ctype != 'i') {
		x->v_depth = x->depth;
		x->has_value = 1;
		x->text_len = 0;
		x->text_trunc = 0;
	} else if (strcmp(ln, "is") == 0 && !x->is_depth && !x->v_depth && x->ctype == 'i') {
		x->is_depth = x->depth;
		x->has_value = 1;
		x->text_len = 0;
		x->text_trunc = 0;
	} else if (x->is_depth && !x->rph_depth && strcmp(ln, "rPh") == 0) {
		x->rph_depth = x->depth;
	} else if (x->is_depth && !x->rph_depth && !x->t_depth && strcmp(ln, "t") == 0) {
		x->t_depth = x->depth;
	}
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	int dd = x->depth;

	if (event(x) < 0)
		return;
	x->depth--;
	if (dd == x->t_depth) {
		x->t_depth = 0;
	} else if (dd == x->rph_depth) {
		x->rph_depth = 0;
	} else if (dd == x->v_depth) {
		x->v_depth = 0;
	} else if (dd == x->is_depth) {
		x->is_depth = 0;
	} else if (dd == x->cell_depth) {
		x->cell_depth = 0;
		cell_end(x);
	} else if (dd == x->row_depth) {
		x->row_depth = 0;
		x->prev_row = x->row;
		rowbuf_end(x->rb, x->row);
		if (x->rb->full)
			parse_stop(x);    /* the row cap: rowbuf keeps nothing more */
	} else if (dd == x->data_depth) {
		x->data_depth = -1;    /* one sheetData per sheet: ignore the rest */
	}
}

static void sheet_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;

	if (event(x) < 0)
		return;
	if (x->v_depth || x->t_depth)
		text_add(x, s, (size_t)len);
}

/* ---- ODS: the first table of content.xml ---- */

/* The value of the attribute whose local name is name (any namespace), or NULL. */
static const char *attr_local(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* A repeat count attribute: 1 when absent, capped at cap. */
static unsigned long repeat_of(const char **atts, const char *name, unsigned long cap)
{
	const char *v = attr_local(atts, name);
	unsigned long n = 0;

	if (!v || !*v)
		return 1;
	for (; *v >= '0' && *v <= '9' && n <= cap; v++)
		n = n * 10 + (unsigned long)(*v - '0');
	return n == 0 ? 1 : n > cap ? cap : n;
}

/* A filled row repeated more than this is hostile (Calc repeats identical consecutive rows only;
 * a tiny file would otherwise give millions of rows at once). */
#define ODS_MAX_ROW_REPEAT 10000

/* Keeps one cell of the row (column, length, bytes), for a row repeated N times; the copy is
 * capped like one field. */
static void saved_add(struct xlsx *x, size_t col, const char *s, size_t len)
{
	size_t need = x->saved_len + 2 * sizeof(size_t) + len;

	if (x->rows_rep < 2)
		return;
	if (need > raw_cap(x)) {
		parse_fail(x, MSG_XLSX_BAD_REF, "table:number-rows-repeated", NULL);
		return;
	}
	if (need > x->saved_cap) {
		size_t cap = x->saved_cap ? x->saved_cap : 1024;
		char *t;

		while (cap < need)
			cap *= 2;
		t = realloc(x->saved, cap);
		if (!t) {
			parse_fail(x, MSG_XLSX_BAD_XML, NULL, NULL);
			return;
		}
		x->saved = t;
		x->saved_cap = cap;
	}
	memcpy(x->saved + x->saved_len, &col, sizeof(size_t));
	memcpy(x->saved + x->saved_len + sizeof(size_t), &len, sizeof(size_t));
	memcpy(x->saved + x->saved_len + 2 * sizeof(size_t), s, len);
	x->saved_len = need;
}

static void ods_cell_start(struct xlsx *x, const char **atts)
{
	const char *type = attr_local(atts, "value-type"), *v = NULL;

	x->cols_rep = repeat_of(atts, "number-columns-repeated", MAX_COL);
	x->text_len = 0;
	x->text_trunc = 0;
	x->np = 0;
	x->ctype = 't';   /* the text of the cell's paragraphs */
	if (type && (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
	             strcmp(type, "currency") == 0))
		v = attr_local(atts, "value");
	else if (type && strcmp(type, "date") == 0)
		v = attr_local(atts, "date-value");
	if (v) {
		x->ctype = 'a';   /* the value as stored, like XLSX's <v> */
		text_add(x, v, strlen(v));
	}
}

/* Hands the finished cell (repeated cols_rep times) to the rowbuf. */
static void ods_cell_end(struct xlsx *x)
{
	unsigned long k;

	/* repetition must not make a small file huge: one cell element gives at most one field's
	 * worth of text */
	if (x->cols_rep > 1 && x->text_len > 0 && x->text_len * x->cols_rep > raw_cap(x)) {
		parse_fail(x, MSG_XLSX_BAD_REF, "table:number-columns-repeated", NULL);
		return;
	}
	if (x->text_len > 0)
		for (k = 0; k < x->cols_rep && x->col + k < MAX_COL; k++) {
			rowbuf_field_at(x->rb, x->col + k, x->text, x->text_len);
			saved_add(x, x->col + k, x->text, x->text_len);
			x->row_filled = 1;
		}
	x->col += x->cols_rep;
	if (x->col > MAX_COL)
		x->col = MAX_COL;
}

/* Ends the row; a filled row repeated N times gives N rows. Empty rows are skipped, their
 * numbers kept, as XLSX leaves them out. */
static void ods_row_end(struct xlsx *x)
{
	unsigned long k;

	if (!x->row_filled) {
		x->row += (long)(x->rows_rep - 1);
		x->prev_row = x->row;
		return;
	}
	rowbuf_end(x->rb, x->row);
	if (x->rows_rep > ODS_MAX_ROW_REPEAT) {
		parse_fail(x, MSG_XLSX_BAD_REF, "table:number-rows-repeated", NULL);
		return;
	}
	for (k = 1; k < x->rows_rep && !x->rb->full; k++) {
		size_t off = 0;

		x->row++;
		while (off < x->saved_len) {
			size_t col, len;

			memcpy(&col, x->saved + off, sizeof(size_t));
			memcpy(&len, x->saved + off + sizeof(size_t), sizeof(size_t));
			rowbuf_field_at(x->rb, col, x->saved + off + 2 * sizeof(size_t), len);
			off += 2 * sizeof(size_t) + len;
		}
		rowbuf_end(x->rb, x->row);
	}
	x->prev_row = x->row;
	if (x->rb->full)
		parse_stop(x);
}

static void ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *ln = local_name(name);

	if (event(x) < 0)
		return;
	x->depth++;
	if (x->data_depth < 0)
		return;
	if (!x->data_depth) {
		if (strcmp(ln, "table") == 0)
			x->data_depth = x->depth;
	} else if (!x->row_depth) {
		if (strcmp(ln, "table-row") == 0) {
			x->row_depth = x->depth;
			x->row = x->prev_row + 1;
			x->rows_rep = repeat_of(atts, "number-rows-repeated", MAX_ROW);
			if (x->row > MAX_ROW - (long)x->rows_rep) {
				parse_fail(x, MSG_XLSX_BAD_REF, "table-row", NULL);
				return;
			}
			x->col = 0;
			x->row_filled = 0;
			x->saved_len = 0;
		}
	} else if (!x->cell_depth) {
		if (strcmp(ln, "table-cell") == 0 || strcmp(ln, "covered-table-cell") == 0) {
			x->cell_depth = x->depth;
			ods_cell_start(x, atts);
		}
	} else if (x->ann_depth) {
		return;
	} else if (strcmp(ln, "annotation") == 0) {
		x->ann_depth = x->depth;
	} else if (x->ctype != 't') {
		return;
	} else if (!x->p_depth && strcmp(ln, "p") == 0) {
		if (x->np++)
			text_add(x, "\n", 1);
		x->p_depth = x->depth;
	} else if (x->p_depth && strcmp(ln, "s") == 0) {
		unsigned long n = repeat_of(atts, "c", 1024);

		while (n--)
			text_add(x, " ", 1);
	} else if (x->p_depth && strcmp(ln, "tab") == 0) {
		text_add(x, "\t", 1);
	} else if (x->p_depth && strcmp(ln, "line-break") == 0) {
		text_add(x, "\n", 1);
	}
}

static void ods_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	int dd = x->depth;

	if (event(x) < 0)
		return;
	x->depth--;
	if (dd == x->ann_depth) {
		x->ann_depth = 0;
	} else if (dd == x->p_depth) {
		x->p_depth = 0;
	} else if (dd == x->cell_depth) {
		x->cell_depth = 0;
		ods_cell_end(x);
	} else if (dd == x->row_depth) {
		x->row_depth = 0;
		ods_row_end(x);
	} else if (dd == x->data_depth) {
		x->data_depth = -1;    /* the first table only */
		parse_stop(x);
	}
}

static void ods_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;

	if (event(x) < 0)
		return;
	if (x->p_depth && !x->ann_depth)
		text_add(x, s, (size_t)len);
}

/* ---- the interface ---- */

/* Opens the XLSX sheet, or with ods the first table of an ODS content.xml. */
static int book_open(struct xlsx **out, zip_t *za, const struct limits *lim, int ods,
                     struct diag *d)
{
	struct xlsx *x = calloc(1, sizeof(*x));
	zip_int64_t idx;

	*out = NULL;
	if (!x) {
		diag_file(d, MSG_XLSX_BAD, XML_ErrorString(XML_ERROR_NO_MEMORY));
		return -1;
	}
	x->za = za;
	x->lim = lim;
	x->err = MSG__COUNT;
	x->chunk = xlsx_chunk ? xlsx_chunk : 65536;
	x->buf = malloc(x->chunk);
	if (!x->buf) {
		diag_file(d, MSG_XLSX_BAD, XML_ErrorString(XML_ERROR_NO_MEMORY));
		goto fail;
	}
	x->ods = ods;
	if (ods)
		snprintf(x->part, sizeof(x->part), "content.xml");
	else if (find_sheet(x, d) < 0 || load_strings(x, d) < 0)
		goto fail;
	idx = part_locate(za, x->part);
	x->zf = part_open(x, idx, &x->total, d);
	if (!x->zf)
		goto fail;
	x->p = parser_new(x);
	if (!x->p) {
		diag_file(d, MSG_XLSX_BAD, XML_ErrorString(XML_ERROR_NO_MEMORY));
		goto fail;
	}
	XML_SetElementHandler(x->p, ods ? ods_start : sheet_start, ods ? ods_end : sheet_end);
	XML_SetCharacterDataHandler(x->p, ods ? ods_text : sheet_text);
	x->fed = 0;
	x->last_event = 0;
	x->stopped = 0;
	x->err = MSG__COUNT;
	x->depth = 0;
	x->t_depth = x->rph_depth = 0;
	*out = x;
	return 0;
fail:
	xlsx_free(x);
	return -1;
}

int xlsx_open(struct xlsx **out, zip_t *za, const struct limits *lim, struct diag *d)
{
	return book_open(out, za, lim, 0, d);
}

int xlsx_open_ods(struct xlsx **out, zip_t *za, const struct limits *lim, struct diag *d)
{
	return book_open(out, za, lim, 1, d);
}

int xlsx_is_ods(const struct xlsx *x)
{
	return x && x->ods;
}

int xlsx_date1904(const struct xlsx *x)
{
	return x && x->date1904;
}

int xlsx_pump(struct xlsx *x, struct rowbuf *rb, struct diag *d)
{
	zip_int64_t n;
	int r;

	if (x->failed)
		return -1;
	if (x->ended)
		return 0;
	n = part_read(x, x->zf, &x->done, x->total, d);
	if (n < 0) {
		x->failed = 1;
		return -1;
	}
	x->rb = rb;
	r = feed(x, x->p, x->part, x->buf, (size_t)n, n == 0, d);
	x->rb = NULL;
	if (r < 0) {
		x->failed = 1;
		return -1;
	}
	if (r > 0 || n == 0) {
		x->ended = 1;
		return 0;
	}
	return 1;
}

unsigned long long xlsx_done(const struct xlsx *x)
{
	return x ? x->done : 0;
}

unsigned long long xlsx_total(const struct xlsx *x)
{
	return x ? x->total : 0;
}

void xlsx_free(struct xlsx *x)
{
	if (!x)
		return;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->zf)
		zip_fclose(x->zf);
	free(x->buf);
	free(x->ss);
	free(x->sse);
	free(x->text);
	free(x->saved);
	free(x);
}

/* rowstream.c: the single row iterator every format reads from (see rowstream.h).
 * Opening reads the input once (SHA-256, container, encoding, binary check, delimiter sniff);
 * then rows are parsed as the input is read: raw bytes -> UTF-8 (iconv) -> libcsv, fed one line
 * at a time so that each row knows the line it starts on; or XLSX cells via the xlsx reader. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <openssl/evp.h>
#include <zip.h>

#include "rowstream.h"
#include "text.h"
#include "xlsx.h"

enum encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_UTF16LE, ENC_UTF16BE, ENC_CP1252 };

static const char *const encoding_names[] = {
	"UTF-8", "UTF-8 avec BOM", "UTF-16LE", "UTF-16BE", "Windows-1252",
};

#define SNIFF_SIZE 65536

struct rowstream {
	struct rowstream_opts o;
	enum rs_container container;
	enum encoding enc;
	char delim;
	char sha[65];

	/* the source: a file descriptor, bytes in memory, or a ZIP entry */
	int fd;
	const unsigned char *mem;
	size_t memsize, mempos;
	zip_t *za;
	zip_uint64_t entry;
	zip_file_t *zf;
	uint64_t zsize, zread;     /* the ZIP entry's declared size, bytes inflated since open */
	const char *zname;
	struct xlsx *xlsx;
	uint64_t total, done;

	/* decoding */
	iconv_t cd;
	char *raw;            /* bytes read and not yet converted */
	size_t rawlen;
	char *text;           /* UTF-8 converted and not yet fed to libcsv */
	size_t textlen, textcap;
	int skip_bom;         /* bytes of BOM still to drop */

	/* parsing */
	struct csv_parser csv;
	int csv_ready;
	struct rowbuf rb;
	long line;            /* the line being fed */
	long row_start;       /* line where the current row began, or -1 */
	long fields_in_row;
	int eof, finished;
};

/* ---- reading the source ---- */

#define ZIP_RATIO_FROM (1u << 20)   /* entries smaller than this are not checked for ratio */
#define ZIP_MAX_RATIO 400           /* CSV exports deflate 5 to 50 times */

static long src_read(struct rowstream *rs, void *buf, size_t size)
{
	ssize_t n;

	if (rs->zf) {
		zip_int64_t z = zip_fread(rs->zf, buf, size);

		/* an entry that inflates beyond its declared size lies about it: stop there */
		if (z > 0 && (uint64_t)z > rs->zsize - rs->zread)
			return -2;
		if (z > 0)
			rs->zread += (uint64_t)z;
		return (long)z;
	}
	if (rs->mem) {
		size_t left = rs->memsize - rs->mempos;

		if (size > left)
			size = left;
		memcpy(buf, rs->mem + rs->mempos, size);
		rs->mempos += size;
		return (long)size;
	}
	do
		n = read(rs->fd, buf, size);
	while (n < 0 && errno == EINTR);
	return (long)n;
}

/* Reports why src_read returned n < 0. */
static void src_failed(struct rowstream *rs, long n, struct diag *d)
{
	if (n == -2)
		diag_file(d, MSG_ZIP_OVERSIZE, rs->zname, (unsigned long long)rs->zsize);
	else if (rs->zf)
		diag_file(d, MSG_ZIP_BAD, zip_file_strerror(rs->zf));
	else
		diag_file(d, MSG_READ_FAILED, strerror(errno));
}

static int src_rewind(struct rowstream *rs, struct diag *d)
{
	if (rs->za) {
		if (rs->zf)
			zip_fclose(rs->zf);
		rs->zf = zip_fopen_index(rs->za, rs->entry, 0);
		if (!rs->zf) {
			diag_file(d, MSG_ZIP_BAD, zip_strerror(rs->za));
			return -1;
		}
		rs->zread = 0;
		return 0;
	}
	if (rs->mem) {
		rs->mempos = 0;
		return 0;
	}
	if (lseek(rs->fd, 0, SEEK_SET) < 0) {
		diag_file(d, MSG_READ_FAILED, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- the first pass ---- */

struct scan {
	unsigned char head[SNIFF_SIZE];
	size_t headlen;
	int utf8_ok;             /* no invalid UTF-8 sequence in the whole source */
	unsigned need;           /* continuation bytes still expected by the sequence being read */
	unsigned char lo, hi;    /* the range of the next continuation byte */
	uint64_t utf8_multi;     /* valid multi-byte sequences */
	uint64_t utf8_bad;       /* invalid sequences */
	long bad_line, bad_char; /* where the first invalid sequence is (1-based), or 0 */
	unsigned char bad_byte;
	long line_now;           /* lines ended so far (by the validator) */
	long char_in_line;       /* characters seen on the current line */
	unsigned char lead;      /* the lead byte of the sequence being read */
	long nul_line;           /* line of the first NUL byte, or 0 */
	unsigned long long nul_pos;
	long lines;
	uint64_t size;
};

static void utf8_bad(struct scan *sc, unsigned char c)
{
	if (!sc->utf8_bad++) {
		sc->bad_line = sc->line_now + 1;
		sc->bad_char = sc->char_in_line;
		sc->bad_byte = sc->need ? sc->lead : c;
	}
	sc->need = 0;
}

/* One byte through a UTF-8 validator (no overlongs, surrogates, nor code points past
 * U+10FFFF), counting valid multi-byte sequences and invalid ones; lines and characters are
 * counted to say where the first invalid one is. */
static void utf8_step(struct scan *sc, unsigned char c)
{
	if (sc->need) {
		if (c >= sc->lo && c <= sc->hi) {
			sc->lo = 0x80;
			sc->hi = 0xBF;
			if (--sc->need == 0)
				sc->utf8_multi++;
			return;
		}
		utf8_bad(sc, c);   /* then c is read afresh, as a lead byte */
	}
	if (c == '\n') {
		sc->line_now++;
		sc->char_in_line = 0;
		return;
	}
	sc->char_in_line++;
	sc->lead = c;
	sc->lo = 0x80;
	sc->hi = 0xBF;
	if (c < 0x80)
		return;
	if (c >= 0xC2 && c <= 0xDF) {
		sc->need = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		sc->need = 2;
		if (c == 0xE0)
			sc->lo = 0xA0;
		else if (c == 0xED)
			sc->hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		sc->need = 3;
		if (c == 0xF0)
			sc->lo = 0x90;
		else if (c == 0xF4)
			sc->hi = 0x8F;
	} else {
		utf8_bad(sc, c);
	}
}

static void scan_bytes(struct scan *sc, const unsigned char *p, size_t n)
{
	size_t i;

	if (sc->headlen < SNIFF_SIZE) {
		size_t k = SNIFF_SIZE - sc->headlen < n ? SNIFF_SIZE - sc->headlen : n;

		memcpy(sc->head + sc->headlen, p, k);
		sc->headlen += k;
	}
	for (i = 0; i < n && !sc->nul_line; i++) {
		if (p[i] == '\n')
			sc->lines++;
		else if (p[i] == 0) {
			sc->nul_line = sc->lines + 1;
			sc->nul_pos = sc->size + i;
		}
	}
	for (i = 0; i < n; i++)
		utf8_step(sc, p[i]);
	sc->size += n;
}

/* Reads the whole source once; sha may be NULL (a ZIP entry: the hash is of the archive). */
static int scan_source(struct rowstream *rs, struct scan *sc, EVP_MD_CTX *sha, struct diag *d)
{
	unsigned char buf[65536];
	long n;

	memset(sc, 0, sizeof(*sc));
	sc->utf8_ok = 1;
	for (;;) {
		n = src_read(rs, buf, sizeof(buf));
		if (n < 0) {
			src_failed(rs, n, d);
			return -1;
		}
		if (n == 0)
			break;
		if (sha)
			EVP_DigestUpdate(sha, buf, (size_t)n);
		scan_bytes(sc, buf, (size_t)n);
		if (sc->size > rs->o.lim.max_file) {
			diag_file(d, MSG_FILE_TOO_BIG, (unsigned long long)rs->o.lim.max_file);
			return -1;
		}
	}
	if (sc->need)
		utf8_bad(sc, 0);
	sc->utf8_ok = sc->utf8_bad == 0;
	return 0;
}

static int detect_encoding(struct rowstream *rs, const struct scan *sc, struct diag *d)
{
	const unsigned char *h = sc->head;

	rs->skip_bom = 0;
	if (sc->headlen >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) {
		rs->enc = ENC_UTF8_BOM;
		rs->skip_bom = 3;
	} else if (sc->headlen >= 2 && h[0] == 0xFF && h[1] == 0xFE) {
		rs->enc = ENC_UTF16LE;
		rs->skip_bom = 2;
	} else if (sc->headlen >= 2 && h[0] == 0xFE && h[1] == 0xFF) {
		rs->enc = ENC_UTF16BE;
		rs->skip_bom = 2;
	} else if (sc->utf8_ok) {
		rs->enc = ENC_UTF8;
	} else if (sc->utf8_multi > 0 && sc->utf8_multi >= sc->utf8_bad) {
		/* mostly UTF-8 with a few invalid sequences: read as Windows-1252 it would store
		 * every accent garbled (Ã©); refused where the first invalid sequence is */
		diag_at(d, sc->bad_line, 0, MSG_MIXED_UTF8, (unsigned)sc->bad_byte, sc->bad_char,
		        (unsigned long long)sc->utf8_bad);
		return -1;
	} else {
		rs->enc = ENC_CP1252;
	}
	if (rs->enc != ENC_UTF16LE && rs->enc != ENC_UTF16BE && sc->nul_line) {
		diag_at(d, sc->nul_line, 0, MSG_BINARY_FILE, 0, sc->nul_pos);
		return -1;
	}
	if (rs->enc == ENC_UTF16LE || rs->enc == ENC_UTF16BE) {
		const char *from = rs->enc == ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE";

		rs->cd = iconv_open("UTF-8", from);
		if (rs->cd == (iconv_t)-1) {
			diag_file(d, MSG_ICONV_FAILED, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* ---- decoding ---- */

static int text_reserve(struct rowstream *rs, size_t more)
{
	if (rs->textlen + more > rs->textcap) {
		size_t cap = rs->textcap ? rs->textcap : 65536;
		char *t;

		while (cap < rs->textlen + more)
			cap *= 2;
		t = realloc(rs->text, cap);
		if (!t)
			return -1;
		rs->text = t;
		rs->textcap = cap;
	}
	return 0;
}

/* Windows-1252 bytes 0x80..0x9F; the five bytes Windows leaves undefined keep their C1 code
 * point, as Windows itself does, so that any byte converts and no chunking changes the result.
 * 0xA0..0xFF are Latin-1. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static int decode_cp1252(struct rowstream *rs, const unsigned char *in, size_t n)
{
	size_t i;
	char *out;

	if (text_reserve(rs, n * 3 + 1) < 0)
		return -1;
	out = rs->text + rs->textlen;
	for (i = 0; i < n; i++) {
		unsigned c = in[i];

		if (c >= 0x80 && c < 0xA0)
			c = cp1252_high[c - 0x80];
		if (c < 0x80) {
			*out++ = (char)c;
		} else if (c < 0x800) {
			*out++ = (char)(0xC0 | (c >> 6));
			*out++ = (char)(0x80 | (c & 0x3F));
		} else {
			*out++ = (char)(0xE0 | (c >> 12));
			*out++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*out++ = (char)(0x80 | (c & 0x3F));
		}
	}
	rs->textlen = (size_t)(out - rs->text);
	rs->rawlen = 0;
	return 0;
}

/* Converts rs->raw into rs->text; keeps an incomplete trailing sequence in raw unless final. */
static int decode(struct rowstream *rs, int final, struct diag *d)
{
	char *in = rs->raw;
	size_t inleft = rs->rawlen;

	if (rs->skip_bom) {
		size_t k = inleft < (size_t)rs->skip_bom ? inleft : (size_t)rs->skip_bom;

		in += k;
		inleft -= k;
		rs->skip_bom -= (int)k;
	}
	if (rs->enc == ENC_CP1252)
		return decode_cp1252(rs, (const unsigned char *)in, inleft);
	if (rs->cd == (iconv_t)0 || rs->cd == (iconv_t)-1) {
		size_t incomplete, ok = utf8_valid_prefix(in, inleft, &incomplete);

		if (ok != inleft || (final && incomplete)) {
			long line = rs->line;
			size_t i;

			for (i = 0; i < ok; i++)
				if (in[i] == '\n')
					line++;
			diag_at(d, line, 0, MSG_BAD_UTF8);
			return -1;
		}
		if (text_reserve(rs, inleft + 1) < 0)
			return -1;
		if (inleft > incomplete)
			memcpy(rs->text + rs->textlen, in, inleft - incomplete);
		rs->textlen += inleft - incomplete;
		memmove(rs->raw, in + inleft - incomplete, incomplete);
		rs->rawlen = incomplete;
		return 0;
	}
	while (inleft) {
		char *out;
		size_t outleft, r;

		if (text_reserve(rs, inleft * 3 + 16) < 0)
			return -1;
		out = rs->text + rs->textlen;
		outleft = rs->textcap - rs->textlen;
		r = iconv(rs->cd, &in, &inleft, &out, &outleft);
		rs->textlen = (size_t)(out - rs->text);
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			if (errno == EINVAL && !final)
				break;
			diag_at(d, rs->line, 0, MSG_BAD_UTF16);
			return -1;
		}
	}
	memmove(rs->raw, in, inleft);
	rs->rawlen = inleft;
	return 0;
}

/* ---- parsing ---- */

static void cb_field(void *s, size_t len, void *data)
{
	struct rowstream *rs = data;

	rs->fields_in_row++;
	rowbuf_field(&rs->rb, s ? s : "", s ? len : 0);
}

static void cb_row(int c, void *data)
{
	struct rowstream *rs = data;

	(void)c;
	rowbuf_end(&rs->rb, rs->row_start > 0 ? rs->row_start : rs->line);
	rs->row_start = -1;
	rs->fields_in_row = 0;
}

static int is_space(unsigned char c)
{
	return c == ' ';
}

/* libcsv grows its field buffer without bound; this realloc refuses past the cap so that a
 * hostile field stops with a clear error. One stream parses at a time per thread. */
static _Thread_local size_t field_cap;

static void *capped_realloc(void *p, size_t size)
{
	if (size > field_cap + 65536)
		return NULL;
	return realloc(p, size);
}

static int csv_start(struct rowstream *rs, struct diag *d)
{
	if (csv_init(&rs->csv, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag_file(d, MSG_READ_FAILED, "libcsv");
		return -1;
	}
	csv_set_delim(&rs->csv, (unsigned char)rs->delim);
	csv_set_space_func(&rs->csv, is_space);
	csv_set_realloc_func(&rs->csv, capped_realloc);
	csv_set_blk_size(&rs->csv, 4096);
	rs->csv_ready = 1;
	rs->line = 1;
	rs->row_start = -1;
	return 0;
}

static void report_field_error(struct rowstream *rs, struct diag *d)
{
	long line = rs->row_start > 0 ? rs->row_start : rs->line;

	diag_at(d, line, rs->fields_in_row + 1, MSG_FIELD_TOO_LONG, rs->o.lim.max_field);
}

static int only_newlines(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Feeds the converted text to libcsv one line at a time; keeps a last partial line. */
static int feed(struct rowstream *rs, int final, struct diag *d)
{
	size_t pos = 0;

	field_cap = rs->o.lim.max_field;
	while (pos < rs->textlen) {
		char *nl = memchr(rs->text + pos, '\n', rs->textlen - pos);
		size_t seg = nl ? (size_t)(nl - (rs->text + pos)) + 1 : rs->textlen - pos;

		if (rs->row_start < 0 && !only_newlines(rs->text + pos, seg))
			rs->row_start = rs->line;
		if (csv_parse(&rs->csv, rs->text + pos, seg, cb_field, cb_row, rs) != seg) {
			report_field_error(rs, d);
			return -1;
		}
		/* a row begun after a bare CR (which ends a row for libcsv) begins on this line,
		 * whether or not the rest of the line has been read yet */
		if (rs->row_start < 0 && rs->csv.pstate != 0)
			rs->row_start = rs->line;
		pos += seg;
		if (!nl)
			break;
		rs->line++;
		if (rs->csv.pstate == 0) {       /* ROW_NOT_BEGUN: a blank line, or a row ended */
			rs->row_start = -1;
			rs->fields_in_row = 0;
		}
	}
	rs->textlen = 0;
	if (final) {
		if (rs->csv.pstate == 2 && rs->csv.quoted) {   /* FIELD_BEGUN inside quotes */
			diag_at(d, rs->row_start > 0 ? rs->row_start : rs->line, rs->fields_in_row + 1,
			        MSG_UNTERMINATED_QUOTE);
			return -1;
		}
		if (csv_fini(&rs->csv, cb_field, cb_row, rs) != 0) {
			long line = rs->row_start > 0 ? rs->row_start : rs->line;

			if (csv_error(&rs->csv) == CSV_EPARSE)
				diag_at(d, line, rs->fields_in_row + 1, MSG_UNTERMINATED_QUOTE);
			else
				report_field_error(rs, d);
			return -1;
		}
	}
	return 0;
}

/* Reads and parses more input, until rows are waiting or the input ends. */
static int pump(struct rowstream *rs, struct diag *d)
{
	size_t chunk = rs->o.chunk ? rs->o.chunk : 65536;
	long n;

	if (rs->container == RS_XLSX) {
		int r = xlsx_pump(rs->xlsx, &rs->rb, d);

		if (r < 0)
			return -1;
		if (r == 0)
			rs->finished = 1;
		return 0;
	}
	if (!rs->raw) {
		rs->raw = malloc(chunk + 8);
		if (!rs->raw)
			return -1;
	}
	n = src_read(rs, rs->raw + rs->rawlen, chunk);
	if (n < 0) {
		src_failed(rs, n, d);
		return -1;
	}
	rs->done += (uint64_t)n;
	rs->rawlen += (size_t)n;
	if (decode(rs, n == 0, d) < 0)
		return -1;
	if (feed(rs, n == 0, d) < 0)
		return -1;
	if (n == 0)
		rs->finished = 1;
	return 0;
}

/* ---- sniffing the delimiter ---- */

static char sniff_delimiter(const char *t, size_t len)
{
	static const char cands[] = { ';', '\t', ',' };
	long count[3] = { 0, 0, 0 };
	int quoted = 0, lines = 0;
	size_t i;
	int k, best = 0;

	for (i = 0; i < len && lines < 5; i++) {
		char c = t[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && c == '\n')
			lines++;
		else if (!quoted)
			for (k = 0; k < 3; k++)
				if (c == cands[k])
					count[k]++;
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] ? cands[best] : ';';
}

/* Delimiters and quotes are ASCII, the same bytes in UTF-8 and Windows-1252: sniff the raw
 * bytes (an invalid byte is reported later, with its line); UTF-16 is converted first. */
static int sniff(struct rowstream *rs, const struct scan *sc, struct diag *d)
{
	char *saved_raw = rs->raw;
	int r = 0;

	if (rs->o.delimiter) {
		rs->delim = rs->o.delimiter;
		return 0;
	}
	if (rs->enc != ENC_UTF16LE && rs->enc != ENC_UTF16BE) {
		rs->delim = sniff_delimiter((const char *)sc->head + rs->skip_bom,
		                            sc->headlen - (size_t)rs->skip_bom);
		return 0;
	}
	rs->raw = malloc(sc->headlen + 8);
	if (!rs->raw)
		return -1;
	memcpy(rs->raw, sc->head, sc->headlen);
	rs->rawlen = sc->headlen;
	rs->line = 1;
	r = decode(rs, 0, d);
	if (r == 0)
		rs->delim = sniff_delimiter(rs->text, rs->textlen);
	free(rs->raw);
	rs->raw = saved_raw;
	rs->rawlen = 0;
	rs->textlen = 0;
	rs->skip_bom = 2;
	iconv(rs->cd, NULL, NULL, NULL, NULL);
	return r;
}

/* ---- containers ---- */

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The CSV entry's declared sizes, checked as the XLSX parts are: under max_file, and an
 * inflation ratio that a spreadsheet export does not reach (past ZIP_RATIO_FROM bytes). */
static int zip_entry_check(struct rowstream *rs, struct diag *d)
{
	zip_stat_t st;

	zip_stat_init(&st);
	rs->zname = zip_get_name(rs->za, rs->entry, 0);
	if (zip_stat_index(rs->za, rs->entry, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    !(st.valid & ZIP_STAT_COMP_SIZE)) {
		diag_file(d, MSG_ZIP_BAD, zip_strerror(rs->za));
		return -1;
	}
	if (st.size > rs->o.lim.max_file) {
		diag_file(d, MSG_FILE_TOO_BIG, (unsigned long long)rs->o.lim.max_file);
		return -1;
	}
	if (st.size > ZIP_RATIO_FROM && st.size / (st.comp_size ? st.comp_size : 1) > ZIP_MAX_RATIO) {
		diag_file(d, MSG_ZIP_RATIO, rs->zname, (unsigned long long)(st.size /
		          (st.comp_size ? st.comp_size : 1)), ZIP_MAX_RATIO);
		return -1;
	}
	rs->zsize = st.size;
	return 0;
}

static int open_zip(struct rowstream *rs, struct diag *d)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_int64_t i, n, found = -1;
	const char *first = NULL;

	zip_error_init(&ze);
	if (rs->mem)
		src = zip_source_buffer_create(rs->mem, rs->memsize, 0, &ze);
	else {
		FILE *fp = fdopen(dup(rs->fd), "rb");

		src = fp ? zip_source_filep_create(fp, 0, -1, &ze) : NULL;
		if (fp && !src)
			fclose(fp);
	}
	if (!src) {
		diag_file(d, MSG_ZIP_BAD, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	rs->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!rs->za) {
		diag_file(d, MSG_ZIP_BAD, zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	if (zip_name_locate(rs->za, "xl/workbook.xml", 0) >= 0) {
		rs->container = RS_XLSX;
		return xlsx_open(&rs->xlsx, rs->za, &rs->o.lim, d);
	}
	if (zip_name_locate(rs->za, "content.xml", 0) >= 0) {
		rs->container = RS_XLSX;   /* a spreadsheet, read by the same reader */
		return xlsx_open_ods(&rs->xlsx, rs->za, &rs->o.lim, d);
	}
	n = zip_get_num_entries(rs->za, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(rs->za, (zip_uint64_t)i, 0);

		if (!name || strncmp(name, "__MACOSX/", 9) == 0 || !has_suffix(name, ".csv"))
			continue;
		if (found >= 0) {
			diag_file(d, MSG_ZIP_MANY_CSV, first, name);
			return -1;
		}
		found = i;
		first = name;
	}
	if (found < 0) {
		diag_file(d, MSG_ZIP_NO_CSV);
		return -1;
	}
	rs->container = RS_ZIP_CSV;
	rs->entry = (zip_uint64_t)found;
	return zip_entry_check(rs, d) < 0 ? -1 : src_rewind(rs, d);
}

/* ---- opening ---- */

void rowstream_opts_default(struct rowstream_opts *o)
{
	memset(o, 0, sizeof(*o));
	limits_default(&o->lim);
}

static int rowstream_start(struct rowstream *rs, struct diag *d)
{
	struct scan *sc = malloc(sizeof(*sc));
	EVP_MD_CTX *sha = EVP_MD_CTX_new();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	int ret = -1;

	if (!sc || !sha)
		goto out;
	EVP_DigestInit_ex(sha, EVP_sha256(), NULL);
	if (scan_source(rs, sc, sha, d) < 0)
		goto out;
	EVP_DigestFinal_ex(sha, md, &mdlen);
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(rs->sha + 2 * i, 3, "%02x", md[i]);
	if (sc->size == 0) {
		diag_file(d, MSG_EMPTY_FILE);
		goto out;
	}
	rowbuf_init(&rs->rb, &rs->o.lim);
	if (sc->headlen >= 4 && memcmp(sc->head, "PK\003\004", 4) == 0) {
		if (open_zip(rs, d) < 0)
			goto out;
		if (rs->container == RS_XLSX) {
			rs->total = xlsx_total(rs->xlsx);
			ret = 0;
			goto out;
		}
		/* the CSV inside: its own pass for the encoding */
		if (scan_source(rs, sc, NULL, d) < 0 || src_rewind(rs, d) < 0)
			goto out;
		if (sc->size == 0) {
			diag_file(d, MSG_EMPTY_FILE);
			goto out;
		}
	} else {
		rs->container = RS_CSV;
		if (src_rewind(rs, d) < 0)
			goto out;
	}
	rs->total = sc->size;
	if (detect_encoding(rs, sc, d) < 0 || sniff(rs, sc, d) < 0 || csv_start(rs, d) < 0)
		goto out;
	ret = 0;
out:
	free(sc);
	EVP_MD_CTX_free(sha);
	return ret;
}

int rowstream_open(struct rowstream **out, const char *path, const struct rowstream_opts *o,
                   struct diag *d)
{
	struct rowstream *rs = calloc(1, sizeof(*rs));
	struct stat st;

	*out = NULL;
	if (!rs)
		return -1;
	rs->o = *o;
	rs->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (rs->fd < 0) {
		diag_file(d, MSG_OPEN_FAILED, strerror(errno));
		free(rs);
		return -1;
	}
	if (fstat(rs->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_file(d, MSG_OPEN_FAILED, strerror(EISDIR));
		rowstream_free(rs);
		return -1;
	}
	if (rowstream_start(rs, d) < 0) {
		rowstream_free(rs);
		return -1;
	}
	*out = rs;
	return 0;
}

int rowstream_open_mem(struct rowstream **out, const void *data, size_t size,
                       const struct rowstream_opts *o, struct diag *d)
{
	static const unsigned char empty[1];
	struct rowstream *rs = calloc(1, sizeof(*rs));

	*out = NULL;
	if (!rs)
		return -1;
	rs->o = *o;
	rs->fd = -1;
	rs->mem = size ? data : empty;
	rs->memsize = size;
	if (rowstream_start(rs, d) < 0) {
		rowstream_free(rs);
		return -1;
	}
	*out = rs;
	return 0;
}

int rowstream_next(struct rowstream *rs, const struct row **row, struct diag *d)
{
	for (;;) {
		if (rowbuf_pop(&rs->rb, row)) {
			const struct row *r = *row;

			if (r->error == MSG__COUNT)
				return 1;
			if (r->error == MSG_FIELD_TOO_LONG)
				diag_at(d, r->line, r->error_col, r->error, rs->o.lim.max_field);
			else if (r->error == MSG_TOO_MANY_FIELDS)
				diag_at(d, r->line, r->error_col, r->error, rs->o.lim.max_fields);
			else if (r->error == MSG_TOO_MANY_ROWS) {
				diag_at(d, r->line, 0, r->error,
				        (unsigned long long)rs->o.lim.max_rows);
				return -1;
			} else {
				diag_at(d, r->line, r->error_col, r->error,
				        (unsigned long long)rs->o.lim.max_file);
				return -1;
			}
			continue;
		}
		if (rs->finished || rs->eof)
			return 0;
		if (pump(rs, d) < 0) {
			rs->eof = 1;
			return -1;
		}
	}
}

int rowstream_date1904(const struct rowstream *rs)
{
	return rs && rs->container == RS_XLSX && xlsx_date1904(rs->xlsx);
}

enum rs_container rowstream_container(const struct rowstream *rs)
{
	return rs->container;
}

const char *rowstream_encoding(const struct rowstream *rs)
{
	if (rs->container == RS_XLSX)
		return xlsx_is_ods(rs->xlsx) ? "ODS" : "XLSX";
	return encoding_names[rs->enc];
}

char rowstream_delimiter(const struct rowstream *rs)
{
	return rs->container == RS_XLSX ? 0 : rs->delim;
}

const char *rowstream_delimiter_name(const struct rowstream *rs)
{
	switch (rowstream_delimiter(rs)) {
	case ';':
		return "point-virgule";
	case ',':
		return "virgule";
	case '\t':
		return "tabulation";
	default:
		return "aucun";
	}
}

const char *rowstream_sha256(const struct rowstream *rs)
{
	return rs->sha;
}

uint64_t rowstream_done(const struct rowstream *rs)
{
	return rs->container == RS_XLSX ? xlsx_done(rs->xlsx) : rs->done;
}

uint64_t rowstream_total(const struct rowstream *rs)
{
	return rs->total;
}

void rowstream_free(struct rowstream *rs)
{
	if (!rs)
		return;
	if (rs->csv_ready)
		csv_free(&rs->csv);
	rowbuf_release(&rs->rb);
	xlsx_free(rs->xlsx);
	if (rs->zf)
		zip_fclose(rs->zf);
	if (rs->za)
		zip_discard(rs->za);
	if (rs->cd != (iconv_t)0 && rs->cd != (iconv_t)-1)
		iconv_close(rs->cd);
	if (rs->fd >= 0 && !rs->mem)
		close(rs->fd);
	free(rs->raw);
	free(rs->text);
	free(rs);
}

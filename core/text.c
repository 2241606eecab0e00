/* text.c: UTF-8 validation (whole buffers and streamed chunks) and the folding that makes
 * label matching tolerant of case, accents, spacing and typographic punctuation. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/*
 * Decodes the sequence at s[0..len) (len >= 1), following Table 3-7 of the Unicode standard:
 * no overlong forms, no surrogates, nothing above U+10FFFF. Returns the sequence length
 * (1..4) and sets *cp; 0 when s is a valid but incomplete start of a sequence that ends
 * with the buffer; -1 when s[0] does not start a valid sequence.
 */
static int utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	uint32_t v;
	int n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;         /* overlong below U+0800 */
		else if (c == 0xED)
			hi = 0x9F;         /* surrogates U+D800..U+DFFF */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;         /* overlong below U+10000 */
		else if (c == 0xF4)
			hi = 0x8F;         /* above U+10FFFF */
	} else {
		return -1;                 /* continuation byte, C0, C1, F5..FF */
	}
	for (i = 1; i < n; i++) {
		if ((size_t)i >= len)
			return 0;
		if (s[i] < lo || s[i] > hi)
			return -1;
		v = (v << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	size_t incomplete;

	if (!s)
		return len == 0;
	return utf8_valid_prefix(s, len, &incomplete) == len && incomplete == 0;
}

size_t utf8_valid_prefix(const char *s, size_t len, size_t *incomplete)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t pos = 0;
	uint32_t cp;
	int n;

	*incomplete = 0;
	while (pos < len) {
		if (u[pos] < 0x80) {
			pos++;
			continue;
		}
		n = utf8_decode(u + pos, len - pos, &cp);
		if (n < 0)
			return pos;
		if (n == 0) {
			*incomplete = len - pos;
			return len;
		}
		pos += (size_t)n;
	}
	return len;
}

/* ASCII replacements of U+00C0..U+00FF; "" keeps the character (× and ÷). */
static const char *const latin1_fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",   /* À Á Â Ã Ä Å Æ Ç */
	"e", "e", "e", "e", "i", "i", "i", "i",    /* È É Ê Ë Ì Í Î Ï */
	"d", "n", "o", "o", "o", "o", "o", "",     /* Ð Ñ Ò Ó Ô Õ Ö × */
	"o", "u", "u", "u", "u", "y", "th", "ss",  /* Ø Ù Ú Û Ü Ý Þ ß */
	"a", "a", "a", "a", "a", "a", "ae", "c",   /* à á â ã ä å æ ç */
	"e", "e", "e", "e", "i", "i", "i", "i",    /* è é ê ë ì í î ï */
	"d", "n", "o", "o", "o", "o", "o", "",     /* ð ñ ò ó ô õ ö ÷ */
	"o", "u", "u", "u", "u", "y", "th", "y",   /* ø ù ú û ü ý þ ÿ */
};

/* ASCII replacements of U+0100..U+017F, one letter each; '1' stands for "ij", '2' for "oe". */
static const char latinA_fold[] =
	"aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "11" "jj" "kkk"
	"llllllllll" "nnnnnnnnn" "oooooo" "22" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww"
	"yyy" "zzzzzz" "s";

_Static_assert(sizeof(latinA_fold) == 129, "one letter for each of U+0100..U+017F");

static int is_space_cp(uint32_t cp)
{
	if (cp <= 0x20 || cp == 0x7F)
		return 1;                  /* space, tab, line breaks and other C0 controls */
	switch (cp) {
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
	case 0x3000:
		return 1;
	default:
		return cp >= 0x2000 && cp <= 0x200A;
	}
}

/* Characters that vanish: soft hyphen, zero-width characters, byte order mark, and the
 * combining diacritical marks that decomposed (NFD) text puts after its base letter. */
static int is_ignored_cp(uint32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
	       (cp >= 0x0300 && cp <= 0x036F);
}

/* The ASCII text cp folds to, or NULL when it has no ASCII form. */
static const char *ascii_of(uint32_t cp, char one[2])
{
	switch (cp) {
	case 0xB4: case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x2032:
	case 0x2035:
		return "'";
	case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039:
	case 0x203A: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	default:
		break;
	}
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1_fold[cp - 0xC0][0] ? latin1_fold[cp - 0xC0] : NULL;
	if (cp >= 0x100 && cp <= 0x17F) {
		char c = latinA_fold[cp - 0x100];

		if (c == '1')
			return "ij";
		if (c == '2')
			return "oe";
		one[0] = c;
		one[1] = 0;
		return one;
	}
	return NULL;
}

/* Lower case of the Greek and Cyrillic capitals (same encoded length); cp otherwise. */
static uint32_t lower_other(uint32_t cp)
{
	if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

static size_t utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Every character folds to at most as many bytes as it is encoded in (ß → ss, … → ...),
 * so the result never exceeds len + 1 bytes. The caller frees the result.
 */
char *text_fold(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	char *out, one[2];
	size_t pos = 0, o = 0;
	int pending_space = 0;

	if (!s)
		len = 0;
	if (len == SIZE_MAX)
		return NULL;
	out = malloc(len + 1);
	if (!out)
		return NULL;
	while (pos < len) {
		uint32_t cp;
		int n = utf8_decode(u + pos, len - pos, &cp);
		const char *rep;
		size_t k;

		if (n <= 0) {
			/* an invalid or truncated byte is kept as it is */
			if (pending_space && o > 0)
				out[o++] = ' ';
			pending_space = 0;
			out[o++] = (char)u[pos++];
			continue;
		}
		pos += (size_t)n;
		if (is_space_cp(cp)) {
			pending_space = 1;
			continue;
		}
		if (is_ignored_cp(cp))
			continue;
		if (pending_space && o > 0)
			out[o++] = ' ';
		pending_space = 0;
		if (cp >= 'A' && cp <= 'Z') {
			out[o++] = (char)(cp + ('a' - 'A'));
			continue;
		}
		rep = cp < 0x80 ? NULL : ascii_of(cp, one);
		if (rep) {
			for (k = 0; rep[k]; k++)
				out[o++] = rep[k];
			continue;
		}
		o += utf8_put(out + o, lower_other(cp));
	}
	out[o] = 0;
	return out;
}

int text_same(const char *a, const char *b)
{
	char *fa = NULL, *fb = NULL;
	int same = 0;

	if (!a || !b)
		return a == b;
	fa = text_fold(a, strlen(a));
	fb = text_fold(b, strlen(b));
	if (fa && fb)
		same = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

static int is_ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

char *text_trim(char *s)
{
	size_t start = 0, end;

	if (!s)
		return s;
	end = strlen(s);
	for (;;) {
		if (start < end && is_ascii_space((unsigned char)s[start]))
			start++;
		else if (start + 1 < end && (unsigned char)s[start] == 0xC2 &&
			 (unsigned char)s[start + 1] == 0xA0)
			start += 2;
		else
			break;
	}
	for (;;) {
		if (end > start && is_ascii_space((unsigned char)s[end - 1]))
			end--;
		else if (end >= start + 2 && (unsigned char)s[end - 2] == 0xC2 &&
			 (unsigned char)s[end - 1] == 0xA0)
			end -= 2;
		else
			break;
	}
	if (start > 0)
		memmove(s, s + start, end - start);
	s[end - start] = 0;
	return s;
}

size_t text_bidi_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] == 0xD8 && s[1] == 0x9C)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F ||
	                                     (s[2] >= 0xAA && s[2] <= 0xAE)))
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
		return 3;
	return 0;
}

char *text_strip_bidi(const char *s)
{
	size_t n = strlen(s), o = 0, k;
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	while (*s) {
		k = text_bidi_len(s);
		if (k > 0)
			s += k;
		else
			out[o++] = *s++;
	}
	out[o] = '\0';
	return out;
}

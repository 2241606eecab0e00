/* text.h: UTF-8 helpers: validation, and folding for tolerant label matching (case, accents,
 * surrounding and repeated spaces, typographic apostrophes and quotes are ignored). */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H

#include <stddef.h>

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
int utf8_valid(const char *s, size_t len);

/* Length of the longest prefix of s[0..len) made of whole, valid UTF-8 sequences, or of
 * a valid prefix followed by an incomplete sequence at the very end: *incomplete is then set
 * to the number of trailing bytes that may be completed by more input (0 otherwise).
 * Returns len when everything is valid. */
size_t utf8_valid_prefix(const char *s, size_t len, size_t *incomplete);

/*
 * Folds s for matching: lower case; Latin letters lose their accents (é→e, œ→oe, ß→ss);
 * ’ ‘ ʼ ′ → '  « » “ ” → "  no-break and other Unicode spaces → space; runs of white space
 * become one space; leading and trailing spaces go. Invalid UTF-8 bytes are kept as they are.
 * Returns a malloc'd string that the caller frees, or NULL when out of memory.
 */
char *text_fold(const char *s, size_t len);

/* 1 when a and b fold to the same text. */
int text_same(const char *a, const char *b);

/* Length in bytes of the bidirectional control at s (U+061C, U+200E, U+200F, U+202A to U+202E,
 * U+2066 to U+2069), else 0. They reorder the text around them when displayed. */
size_t text_bidi_len(const char *s);

/* A malloc'd copy of s without its bidirectional controls (free), or NULL when out of memory. */
char *text_strip_bidi(const char *s);

/* Trims ASCII white space (and U+00A0) at both ends, in place; returns s. */
char *text_trim(char *s);

#endif

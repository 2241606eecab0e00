/* yaml.c: YAML files through libfyaml, with errors collected and printed in our format. The
 * bytes are checked before libfyaml sees them (size, UTF-8, control characters, directives, which
 * the project's files never need and whose scanner can loop), and the document's aliases are
 * counted before they are expanded, so that no input can hang a program or exhaust memory. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "text.h"
#include "yaml.h"

/* Prints "prog: path:line:col: text", control characters escaped (line 0 leaves line and col
 * out). */
static void yaml_print(const char *prog, const char *path, int line, int col, const char *text)
{
	char *p = msg_escape(path), *t = msg_escape(text ? text : "?");

	if (line > 0)
		fprintf(stderr, "%s: %s:%d:%d: %s\n", prog, p ? p : "?", line, col, t ? t : "?");
	else
		fprintf(stderr, "%s: %s: %s\n", prog, p ? p : "?", t ? t : "?");
	free(p);
	free(t);
}

/* Prints "prog: path:line:col: message" (line and col 1-based; 0 leaves them out). */
static void yaml_complain(const char *prog, const char *path, int line, int col, enum msg_id id,
                          ...)
{
	va_list ap;
	char *m;

	va_start(ap, id);
	m = msg_vformat(id, ap);
	va_end(ap);
	yaml_print(prog, path, line, col, m);
	free(m);
}

/* Reads the whole file into a malloc'd buffer (*out, *len). 0, or -1 after printing why. */
static int yaml_read(const char *prog, const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, got;
	int ret = -1;

	if (!f) {
		yaml_complain(prog, path, 0, 0, MSG_YAML_OPEN, strerror(errno));
		return -1;
	}
	buf = malloc(YAML_MAX_BYTES + 1);
	if (!buf)
		goto out;
	while ((got = fread(buf + n, 1, YAML_MAX_BYTES + 1 - n, f)) > 0)
		n += got;
	if (ferror(f)) {
		yaml_complain(prog, path, 0, 0, MSG_YAML_OPEN, strerror(errno));
		goto out;
	}
	if (n > YAML_MAX_BYTES) {
		yaml_complain(prog, path, 0, 0, MSG_FILE_TOO_BIG, (unsigned long long)YAML_MAX_BYTES);
		goto out;
	}
	*out = buf;
	*len = n;
	buf = NULL;
	ret = 0;
out:
	free(buf);
	fclose(f);
	return ret;
}

/* Column (1-based, in characters) of byte offset off on the line that starts at line_start. */
static int column_of(const char *s, size_t line_start, size_t off)
{
	size_t i;
	int col = 1;

	for (i = line_start; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

int yaml_check_bytes(const char *prog, const char *path, const char *s, size_t len)
{
	size_t i = 0, line_start = 0, incomplete;
	int line = 1;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = line_start = 3;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (i == line_start && c == '%') {
			yaml_complain(prog, path, line, 1, MSG_YAML_DIRECTIVE);
			return -1;
		}
		if (c == '\n') {
			line++;
			line_start = ++i;
			continue;
		}
		if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
			yaml_complain(prog, path, line, column_of(s, line_start, i), MSG_YAML_CONTROL,
			              (unsigned)c);
			return -1;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		/* one multi-byte sequence, whole and valid */
		{
			size_t k = 2;

			while (k < 4 && i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80)
				k++;
			if (i + k > len)
				k = len - i;
			k = utf8_valid_prefix(s + i, k, &incomplete);
			if (k == 0 || incomplete) {
				yaml_complain(prog, path, line, column_of(s, line_start, i),
				              MSG_YAML_BAD_UTF8, (unsigned)c);
				return -1;
			}
			i += k;
		}
	}
	return 0;
}

struct walk {
	const char *prog, *path;
	unsigned long nodes;        /* nodes seen, aliases expanded */
	int failed;
};

static void walk_fail_at(struct walk *w, struct fy_node *n, enum msg_id id, unsigned long arg)
{
	struct fy_token *t = n ? fy_node_get_scalar_token(n) : NULL;
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

	if (w->failed)
		return;
	w->failed = 1;
	if (m)
		yaml_complain(w->prog, w->path, m->line + 1, m->column + 1, id, arg);
	else
		yaml_complain(w->prog, w->path, 0, 0, id, arg);
}

/* Counts the nodes of n as they will be once aliases are expanded, stopping at the caps; a
 * scalar holding a NUL is refused (PostgreSQL text cannot hold it). via: the outermost alias
 * being expanded (where a cap is reported), or NULL. */
static void walk_node(struct walk *w, struct fy_node *n, struct fy_node *via, int depth)
{
	struct fy_node_pair *pair;
	struct fy_node *child;
	void *iter = NULL;

	if (!n || w->failed)
		return;
	if (++w->nodes > YAML_MAX_NODES) {
		walk_fail_at(w, via ? via : n, MSG_YAML_ALIASES, (unsigned long)YAML_MAX_NODES);
		return;
	}
	if (depth > YAML_MAX_DEPTH) {
		walk_fail_at(w, via ? via : n, MSG_YAML_DEEP, (unsigned long)YAML_MAX_DEPTH);
		return;
	}
	if (fy_node_is_alias(n)) {
		struct fy_node *target = fy_node_resolve_alias(n);

		if (target)
			walk_node(w, target, via ? via : n, depth + 1);
		return;
	}
	switch (fy_node_get_type(n)) {
	case FYNT_SCALAR: {
		size_t len;
		const char *s = fy_node_get_scalar(n, &len);

		if (s && memchr(s, '\0', len))
			walk_fail_at(w, n, MSG_YAML_NUL, 0);
		break;
	}
	case FYNT_SEQUENCE:
		while (!w->failed && (child = fy_node_sequence_iterate(n, &iter)) != NULL)
			walk_node(w, child, via, depth + 1);
		break;
	case FYNT_MAPPING:
		while (!w->failed && (pair = fy_node_mapping_iterate(n, &iter)) != NULL) {
			walk_node(w, fy_node_pair_key(pair), via, depth + 1);
			walk_node(w, fy_node_pair_value(pair), via, depth + 1);
		}
		break;
	}
}

struct fy_document *yaml_load(const char *prog, const char *path)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;
	struct fy_parse_cfg pcfg;
	struct fy_document *doc;
	struct fy_diag_error *err;
	struct walk w = { prog, path, 0, 0 };
	void *iter = NULL;
	char *text = NULL;
	size_t len = 0;
	int printed = 0;

	if (yaml_read(prog, path, &text, &len) < 0)
		return NULL;
	if (yaml_check_bytes(prog, path, text, len) < 0) {
		free(text);
		return NULL;
	}
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag) {
		free(text);
		return NULL;
	}
	fy_diag_set_collect_errors(diag, true);
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET;
	pcfg.diag = diag;
	/* the document owns text from here, also when it cannot be built */
	doc = fy_document_build_from_malloc_string(&pcfg, text, len);
	if (doc) {
		walk_node(&w, fy_document_root(doc), NULL, 0);
		if (w.failed || fy_document_resolve(doc) != 0) {
			fy_document_destroy(doc);
			doc = NULL;
			printed = w.failed;
		}
	}
	if (!doc) {
		while (!w.failed && (err = fy_diag_errors_iterate(diag, &iter)) != NULL) {
			char *m = msg_format(MSG_YAML_SYNTAX, err->msg ? err->msg : "?");

			yaml_print(prog, path, err->line > 0 ? err->line : 1, err->column, m);
			free(m);
			printed = 1;
		}
		if (!printed)
			yaml_complain(prog, path, 0, 0, MSG_YAML_SYNTAX, "document vide ou illisible");
	}
	fy_diag_destroy(diag);
	return doc;
}

char *yaml_to_json(struct fy_document *doc)
{
	return fy_emit_document_to_string(doc, FYECF_MODE_JSON_ONELINE);
}

char *yaml_scalar(struct fy_node *n)
{
	const char *s;
	size_t len;
	char *out;

	if (!n || !fy_node_is_scalar(n))
		return NULL;
	s = fy_node_get_scalar(n, &len);
	if (!s)
		return NULL;
	out = malloc(len + 1);
	if (!out)
		return NULL;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

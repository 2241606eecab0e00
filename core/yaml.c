/* yaml.c: YAML files through libfyaml, with errors collected and printed in our format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "yaml.h"

struct fy_document *yaml_load(const char *prog, const char *path)
{
	struct fy_diag_cfg dcfg;
	struct fy_diag *diag;
	struct fy_parse_cfg pcfg;
	struct fy_document *doc;
	struct fy_diag_error *err;
	void *iter = NULL;
	FILE *probe;
	int printed = 0;

	probe = fopen(path, "r");
	if (!probe) {
		char *m = msg_format(MSG_YAML_OPEN, strerror(errno));

		fprintf(stderr, "%s: %s: %s\n", prog, path, m ? m : "?");
		free(m);
		return NULL;
	}
	fclose(probe);
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.colorize = false;
	diag = fy_diag_create(&dcfg);
	if (!diag)
		return NULL;
	fy_diag_set_collect_errors(diag, true);
	memset(&pcfg, 0, sizeof(pcfg));
	pcfg.flags = FYPCF_QUIET | FYPCF_RESOLVE_DOCUMENT;
	pcfg.diag = diag;
	doc = fy_document_build_from_file(&pcfg, path);
	if (doc && fy_document_resolve(doc) != 0) {
		fy_document_destroy(doc);
		doc = NULL;
	}
	if (!doc) {
		while ((err = fy_diag_errors_iterate(diag, &iter)) != NULL) {
			char *m = msg_format(MSG_YAML_SYNTAX, err->msg ? err->msg : "?");

			fprintf(stderr, "%s: %s:%d:%d: %s\n", prog, path, err->line,
			        err->column, m ? m : "?");
			free(m);
			printed = 1;
		}
		if (!printed) {
			char *m = msg_format(MSG_YAML_SYNTAX, "document vide ou illisible");

			fprintf(stderr, "%s: %s: %s\n", prog, path, m ? m : "?");
			free(m);
		}
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

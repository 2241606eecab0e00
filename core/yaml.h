/* yaml.h: reading the project's YAML files (survey definitions, map files) with libfyaml, with
 * syntax errors reported in French as FILE:LINE:COLUMN. */
#ifndef CORE_YAML_H
#define CORE_YAML_H

#include <libfyaml.h>

/* Loads path with anchors and aliases resolved. Returns the document (fy_document_destroy),
 * or NULL after printing every syntax error as "prog: FILE:LINE:COL: message". */
struct fy_document *yaml_load(const char *prog, const char *path);

/* The document as one-line JSON, malloc'd (free), or NULL. */
char *yaml_to_json(struct fy_document *doc);

/* A scalar node's text as a malloc'd string, or NULL when n is not a scalar. */
char *yaml_scalar(struct fy_node *n);

#endif

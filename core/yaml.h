/* yaml.h: reading the project's YAML files (survey definitions, map files) with libfyaml, with
 * syntax errors reported in French as FILE:LINE:COLUMN. */
#ifndef CORE_YAML_H
#define CORE_YAML_H

#include <libfyaml.h>

#include <stddef.h>

#define YAML_MAX_BYTES (4u * 1024 * 1024)   /* a definitions file is a few kilobytes */
#define YAML_MAX_NODES 200000ul              /* nodes once aliases are expanded */
#define YAML_MAX_DEPTH 64                    /* nesting, aliases followed included */

/* Checks the bytes of a YAML file before any parser sees them: valid UTF-8 (a BOM allowed), no
 * control character but tab, CR and LF, no directive line ("%..."). Returns 0, or -1 after
 * printing the first problem as "prog: path:LINE:COL: message". */
int yaml_check_bytes(const char *prog, const char *path, const char *s, size_t len);

/* Loads path with anchors and aliases resolved. Returns the document (fy_document_destroy),
 * or NULL after printing every syntax error as "prog: FILE:LINE:COL: message", or the first
 * problem of yaml_check_bytes, an expansion beyond YAML_MAX_NODES or YAML_MAX_DEPTH, or a NUL
 * in a text. */
struct fy_document *yaml_load(const char *prog, const char *path);

/* The document as one-line JSON, malloc'd (free), or NULL. */
char *yaml_to_json(struct fy_document *doc);

/* A scalar node's text as a malloc'd string, or NULL when n is not a scalar. */
char *yaml_scalar(struct fy_node *n);

#endif

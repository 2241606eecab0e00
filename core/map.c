/* map.c: map files (see map.h), loaded from YAML into flat tables of pairs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "msg.h"
#include "text.h"
#include "yaml.h"

static void pairs_free(struct map_pair *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].from);
		free(p[i].to);
		free(p[i].fold_from);
	}
	free(p);
}

void map_free(struct map *m)
{
	size_t i;

	if (!m)
		return;
	free(m->path);
	free(m->site);
	free(m->channel);
	free(m->journey);
	free(m->site_column);
	free(m->channel_column);
	free(m->journey_column);
	pairs_free(m->columns, m->ncolumns);
	pairs_free(m->places, m->nplaces);
	for (i = 0; i < m->nvalues; i++) {
		free(m->values[i].question);
		pairs_free(m->values[i].pairs, m->values[i].n);
	}
	free(m->values);
	free(m);
}

static void map_complain(const char *prog, const char *path, const char *key, const char *what)
{
	char *s = msg_format(MSG_MAP_BAD, key, what);
	char *p = msg_escape(path), *t = msg_escape(s ? s : "?");

	fprintf(stderr, "%s: %s: %s\n", prog, p ? p : "?", t ? t : "?");
	free(p);
	free(t);
	free(s);
}

/* A mapping of scalars to scalars, into pairs. Returns 0, or -1 after a message. */
static int load_pairs(const char *prog, const char *path, struct fy_node *n, const char *key,
                      struct map_pair **out, size_t *count)
{
	struct fy_node_pair *fnp;
	void *iter = NULL;
	size_t cap, k = 0;

	*out = NULL;
	*count = 0;
	if (!n)
		return 0;
	if (!fy_node_is_mapping(n)) {
		map_complain(prog, path, key, "une liste « source: code »");
		return -1;
	}
	cap = (size_t)fy_node_mapping_item_count(n);
	*out = calloc(cap + 1, sizeof(**out));
	if (!*out)
		return -1;
	while ((fnp = fy_node_mapping_iterate(n, &iter)) != NULL) {
		char *from = yaml_scalar(fy_node_pair_key(fnp));
		char *to = yaml_scalar(fy_node_pair_value(fnp));

		if (!from || !to || k >= cap) {
			free(from);
			free(to);
			map_complain(prog, path, key, "une liste « source: code » (des textes simples)");
			*count = k;
			return -1;
		}
		(*out)[k].from = from;
		(*out)[k].to = to;
		(*out)[k].fold_from = text_fold(from, strlen(from));
		k++;
	}
	*count = k;
	return 0;
}

static int load_scalar(const char *prog, const char *path, struct fy_node *root, const char *key,
                       char **out)
{
	struct fy_node *n = fy_node_mapping_lookup_by_string(root, key, FY_NT);

	*out = NULL;
	if (!n)
		return 0;
	*out = yaml_scalar(n);
	if (!*out) {
		map_complain(prog, path, key, "un texte simple");
		return -1;
	}
	return 0;
}

struct map *map_load(const char *prog, const char *path)
{
	struct fy_document *doc = yaml_load(prog, path);
	struct fy_node *root, *values;
	struct map *m = NULL;
	static const char *const scalars[] = {
		"site", "channel", "journey", "site_column", "channel_column", "journey_column",
	};
	char **slots[6];
	size_t i;

	if (!doc)
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		goto fail;
	m->path = strdup(path);
	root = fy_document_root(doc);
	if (!root || !fy_node_is_mapping(root)) {
		map_complain(prog, path, "/", "un ensemble de lignes « clé: valeur »");
		goto fail;
	}
	slots[0] = &m->site;
	slots[1] = &m->channel;
	slots[2] = &m->journey;
	slots[3] = &m->site_column;
	slots[4] = &m->channel_column;
	slots[5] = &m->journey_column;
	for (i = 0; i < 6; i++)
		if (load_scalar(prog, path, root, scalars[i], slots[i]) < 0)
			goto fail;
	if (load_pairs(prog, path, fy_node_mapping_lookup_by_string(root, "columns", FY_NT),
	               "columns", &m->columns, &m->ncolumns) < 0)
		goto fail;
	if (load_pairs(prog, path, fy_node_mapping_lookup_by_string(root, "places", FY_NT),
	               "places", &m->places, &m->nplaces) < 0)
		goto fail;
	values = fy_node_mapping_lookup_by_string(root, "values", FY_NT);
	if (values) {
		struct fy_node_pair *fnp;
		void *iter = NULL;
		size_t cap;

		if (!fy_node_is_mapping(values)) {
			map_complain(prog, path, "values", "une liste « QUESTION: { source: code } »");
			goto fail;
		}
		cap = (size_t)fy_node_mapping_item_count(values);
		m->values = calloc(cap + 1, sizeof(*m->values));
		if (!m->values)
			goto fail;
		while ((fnp = fy_node_mapping_iterate(values, &iter)) != NULL && m->nvalues < cap) {
			struct map_values *v = &m->values[m->nvalues++];

			v->question = yaml_scalar(fy_node_pair_key(fnp));
			if (!v->question ||
			    load_pairs(prog, path, fy_node_pair_value(fnp), "values", &v->pairs, &v->n) < 0)
				goto fail;
		}
	}
	fy_document_destroy(doc);
	return m;
fail:
	fy_document_destroy(doc);
	map_free(m);
	return NULL;
}

static const char *lookup(const struct map_pair *p, size_t n, const char *from)
{
	char *f;
	const char *found = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].from, from) == 0)
			return p[i].to;
	f = text_fold(from, strlen(from));
	for (i = 0; f && i < n && !found; i++)
		if (p[i].fold_from && strcmp(p[i].fold_from, f) == 0)
			found = p[i].to;
	free(f);
	return found;
}

const char *map_column(const struct map *m, const char *column)
{
	return m ? lookup(m->columns, m->ncolumns, column) : NULL;
}

const char *map_value(const struct map *m, const char *question, const char *value)
{
	size_t i;

	if (!m)
		return NULL;
	for (i = 0; i < m->nvalues; i++)
		if (strcmp(m->values[i].question, question) == 0)
			return lookup(m->values[i].pairs, m->values[i].n, value);
	return NULL;
}

const char *map_place(const struct map *m, const char *value)
{
	return m ? lookup(m->places, m->nplaces, value) : NULL;
}

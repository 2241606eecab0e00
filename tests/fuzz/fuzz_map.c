/* fuzz_map.c: libFuzzer target for map files (core/map.c over core/yaml.c and libfyaml). map_load
 * takes a path, so each input is written to a temporary file first. Whatever loads must answer
 * every lookup of its own keys (exactly and folded) without a crash, and free cleanly. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "map.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_input(void)
{
	if (path[0])
		unlink(path);
}

static int write_input(const uint8_t *data, size_t size)
{
	FILE *f;
	int fd;

	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/fuzz_map.%ld.XXXXXX", (long)getpid());
		fd = mkstemp(path);
		if (fd < 0) {
			path[0] = '\0';
			return -1;
		}
		close(fd);
		atexit(remove_input);
	}
	f = fopen(path, "wb");
	if (!f)
		return -1;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

static void check_pairs(const struct map_pair *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		assert(p[i].from != NULL && p[i].to != NULL);
		(void)strlen(p[i].to);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct map *m;
	size_t i, j;

	if (write_input(data, size) < 0)
		return 0;
	m = map_load("fuzz_map", path);
	if (!m)
		return 0;
	assert(strcmp(m->path, path) == 0);
	check_pairs(m->columns, m->ncolumns);
	check_pairs(m->places, m->nplaces);
	/* Every key finds a mapping (the first one with that key, so not necessarily its own). */
	for (i = 0; i < m->ncolumns; i++) {
		char *f = text_fold(m->columns[i].from, strlen(m->columns[i].from));

		assert(map_column(m, m->columns[i].from) != NULL);
		if (f)
			(void)map_column(m, f);
		free(f);
	}
	for (i = 0; i < m->nplaces; i++)
		assert(map_place(m, m->places[i].from) != NULL);
	for (i = 0; i < m->nvalues; i++) {
		const struct map_values *v = &m->values[i];

		assert(v->question != NULL);
		check_pairs(v->pairs, v->n);
		for (j = 0; j < v->n; j++)
			(void)map_value(m, v->question, v->pairs[j].from);
		(void)map_value(m, v->question, "");
	}
	(void)map_column(m, "");
	(void)map_place(m, "\xc3");
	(void)map_value(m, "", "");
	map_free(m);
	return 0;
}

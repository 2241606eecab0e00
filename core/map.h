/* map.h: map files, which tell a collector how an export's columns, answer values, keys and
 * places correspond to the survey's questions, options, sites and channels (YAML, read with
 * libfyaml). Format (every part optional):
 *
 *   site: HDV                    # fixed site for every response
 *   channel: guichet             # fixed channel
 *   site_column: "Accueil"       # or: take the site from this column ...
 *   channel_column: "Canal"
 *   journey_column: "Démarche"
 *   journey: "Titre d'identité"   # fixed journey
 *   columns:                     # source column (header, position like 1_1, or IVR key) -> question code
 *     "1_1": SATISF_GLOBALE
 *     "1_5": COMMENTAIRE
 *   values:                      # per question code: source value -> option code
 *     SATISF_GLOBALE: { "1": "1", "2": "2", "3": "3", "4": "4", "5": "9" }
 *   places:                      # source value (e.g. an Asterisk dcontext) -> site code
 *     enquete-hdv: HDV
 */
#ifndef CORE_MAP_H
#define CORE_MAP_H

#include <stddef.h>

struct map_pair {
	char *from, *to;
	char *fold_from;             /* folded from */
};

struct map_values {
	char *question;              /* question code */
	struct map_pair *pairs;
	size_t n;
};

struct map {
	char *path;
	char *site, *channel, *journey;
	char *site_column, *channel_column, *journey_column;
	struct map_pair *columns;
	size_t ncolumns;
	struct map_values *values;
	size_t nvalues;
	struct map_pair *places;
	size_t nplaces;
};

/* Loads a map file. Returns NULL after printing "prog: FILE:LINE:COL: message" in French. */
struct map *map_load(const char *prog, const char *path);
void map_free(struct map *m);

/* The question code mapped from a column name or key (exact, then folded), or NULL. */
const char *map_column(const struct map *m, const char *column);
/* The option code mapped from a value of question `question`, or NULL when the map says
 * nothing of that question or value. */
const char *map_value(const struct map *m, const char *question, const char *value);
/* The site code mapped from a place value, or NULL. */
const char *map_place(const struct map *m, const char *value);

#endif

/* bundle.h: a reproducible ZIP of a report's files (PDF, CSV, method note) made with libzip:
 * entries in the given order, each stamped with the same fixed date, written to a temporary
 * name and renamed into place. */
#ifndef REPORTS_BUNDLE_H
#define REPORTS_BUNDLE_H

#include <stddef.h>

struct bundle_entry {
	const char *name;   /* name inside the archive */
	const void *data;   /* borrowed; must stay valid until bundle_write returns */
	size_t len;
};

/* Writes the archive at path with the entries, all dated epoch (UTC, seconds since 1970).
 * Returns 0, or -1 with *why set to a description (static or libzip's, valid until the next
 * call); path is then untouched. */
int bundle_write(const char *path, const struct bundle_entry *entries, size_t n,
                 long long epoch, const char **why);

#endif

/* bundle.c: ZIP bundle of a report (see bundle.h). The DOS date of each entry is set from the
 * UTC calendar date of epoch, so that the bytes do not depend on the local time zone. */
#include "bundle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

static char zip_why[256];

/* A member name that cannot leave the archive's top directory whatever the survey code: bytes
 * other than letters, digits, '.', '-' and '_' become '_', and so does a leading '.'. */
static void safe_member(const char *name, char *out, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++) {
		char c = name[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		         c == '-' || c == '_' || (c == '.' && i > 0);

		out[i] = ok ? c : '_';
	}
	out[i] = '\0';
}

int bundle_write(const char *path, const struct bundle_entry *entries, size_t n,
                 long long epoch, const char **why)
{
	size_t plen = strlen(path), i;
	char *tmp = malloc(plen + 16);
	zip_t *za = NULL;
	zip_source_t *src;
	zip_int64_t idx;
	int fd, err = 0, created = 0;
	time_t t = (time_t)epoch;
	struct tm tm;
	zip_uint16_t dtime, ddate;
	mode_t mask;
	char member[256];

	*why = "out of memory";
	if (!tmp)
		return -1;
	if (!gmtime_r(&t, &tm) || tm.tm_year < 80) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = 80;
		tm.tm_mday = 1;
	}
	dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);

	snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		*why = strerror(errno);
		goto fail;
	}
	created = 1;
	close(fd);
	za = zip_open(tmp, ZIP_TRUNCATE, &err);
	if (!za) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		snprintf(zip_why, sizeof zip_why, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		*why = zip_why;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(za, entries[i].data, entries[i].len, 0);
		if (!src)
			goto zipfail;
		safe_member(entries[i].name, member, sizeof member);
		idx = zip_file_add(za, member, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			goto zipfail;
		}
		if (zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) != 0 ||
		    zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) != 0)
			goto zipfail;
	}
	if (zip_close(za) != 0)
		goto zipfail;
	za = NULL;
	mask = umask(022);
	umask(mask);
	if (chmod(tmp, 0666 & ~mask) != 0 || rename(tmp, path) != 0) {
		*why = strerror(errno);
		goto fail;
	}
	free(tmp);
	return 0;
zipfail:
	snprintf(zip_why, sizeof zip_why, "%s", zip_strerror(za));
	*why = zip_why;
fail:
	if (za)
		zip_discard(za);
	if (created)
		unlink(tmp);
	free(tmp);
	return -1;
}

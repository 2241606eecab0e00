/* outbuf.c: capped memory output and atomic file writes (see outbuf.h). */
#include "outbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void outbuf_init(struct outbuf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
	b->failed = 0;
}

int outbuf_add(struct outbuf *b, const void *p, size_t n)
{
	size_t want, cap;
	unsigned char *d;

	if (b->failed)
		return -1;
	if (n > b->max || b->len > b->max - n) {
		b->failed = 1;
		return -1;
	}
	want = b->len + n + 1;
	if (want > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < want)
			cap *= 2;
		d = realloc(b->data, cap);
		if (!d) {
			b->failed = 1;
			return -1;
		}
		b->data = d;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int outbuf_adds(struct outbuf *b, const char *s)
{
	return outbuf_add(b, s, strlen(s));
}

int outbuf_addf(struct outbuf *b, const char *fmt, ...)
{
	va_list ap;
	char small[512], *big = NULL;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return -1;
	}
	if ((size_t)n < sizeof small)
		return outbuf_add(b, small, (size_t)n);
	big = malloc((size_t)n + 1);
	if (!big) {
		b->failed = 1;
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rc = outbuf_add(b, big, (size_t)n);
	free(big);
	return rc;
}

void outbuf_release(struct outbuf *b)
{
	if (!b)
		return;
	free(b->data);
	outbuf_init(b, b->max);
}

int file_write_atomic(const char *path, const void *data, size_t len)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	int fd = -1, saved, created = 0;
	FILE *f = NULL;
	mode_t mask;

	if (!tmp)
		return -1;
	snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	created = 1;
	mask = umask(022);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0)
		goto fail;
	f = fdopen(fd, "wb");
	if (!f)
		goto fail;
	fd = -1;
	if (len && fwrite(data, 1, len, f) != len)
		goto fail;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}

/* Growable, always NUL-terminated byte buffer (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A block this large is memory new to the process (malloc maps it):
 * taking all its pages from the kernel at once costs a fraction of one
 * fault per page as they are first written (docs/performance.md, stop
 * 40). A kernel without MADV_POPULATE_WRITE refuses it, and the pages
 * come as they are touched. */
#define PREFAULT_MIN (256u << 10)

static void prefault(char *buf, size_t from, size_t to)
{
	long n = sysconf(_SC_PAGESIZE);
	size_t page = n > 0 ? (size_t)n : 4096;
	uintptr_t lo = ((uintptr_t)buf + from + page - 1) & ~(uintptr_t)(page - 1);
	uintptr_t hi = ((uintptr_t)buf + to) & ~(uintptr_t)(page - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
}

int sbuf_grow(struct sbuf *sb, size_t extra)
{
	/* +1 keeps room for the terminating NUL. */
	if (extra > SIZE_MAX - sb->len - 1)
		return -ENOMEM;
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p;
	if (cap >= PREFAULT_MIN && sb->buf) {
		/* A new block taken whole, then the bytes: realloc's own
		 * copy would fault the new block in page by page. */
		if (!(p = malloc(cap)))
			return -ENOMEM;
		prefault(p, 0, cap);
		memcpy(p, sb->buf, sb->len);
		p[sb->len] = '\0';
		free(sb->buf);
	} else {
		if (!(p = realloc(sb->buf, cap)))
			return -ENOMEM;
		if (cap >= PREFAULT_MIN)
			prefault(p, 0, cap);
	}
	sb->buf = p;
	sb->cap = cap;
	return 0;
}

int sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
	int rc = sbuf_grow(sb, len);
	if (rc)
		return rc;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int sbuf_addstr(struct sbuf *sb, const char *s)
{
	return sbuf_add(sb, s, strlen(s));
}

int sbuf_addch(struct sbuf *sb, char c)
{
	return sbuf_add(sb, &c, 1);
}

int sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	int rc = sbuf_grow(sb, (size_t)n);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return 0;
}

void sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sbuf_release(struct sbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/*
 * A window buffer over a byte stream (a file descriptor, memory, or an
 * archive member), so that every parser can peek at the first bytes,
 * read lines and skip blocks with memory bounded by the longest line it
 * accepts.
 */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIN_CHUNK (256u << 10)

void fin_fd(struct fin *f, int fd, uint64_t pos, uint64_t *counter)
{
	memset(f, 0, sizeof(*f));
	f->src = FIN_FD;
	f->fd = fd;
	f->pos = pos;
	f->counter = counter;
}

void fin_mem(struct fin *f, const void *data, size_t len)
{
	memset(f, 0, sizeof(*f));
	f->src = FIN_MEM;
	f->mem = data;
	f->memlen = len;
}

void fin_fn(struct fin *f, fin_read_fn fn, void *ctx)
{
	char *buf = f->src == FIN_MEM ? NULL : f->buf;
	size_t cap = f->src == FIN_MEM ? 0 : f->cap;
	memset(f, 0, sizeof(*f));
	f->src = FIN_FN;
	f->fn = fn;
	f->ctx = ctx;
	f->buf = buf;		/* reused from member to member */
	f->cap = cap;
}

void fin_release(struct fin *f)
{
	if (f->src != FIN_MEM)
		free(f->buf);
	f->buf = NULL;
	f->cap = 0;
}

static ssize_t src_read(struct fin *f, void *dst, size_t n)
{
	switch (f->src) {
	case FIN_FD:
		for (;;) {
			ssize_t got = read(f->fd, dst, n);
			if (got >= 0) {
				if (f->counter)
					*f->counter += (uint64_t)got;
				return got;
			}
			if (errno != EINTR) {
				f->why = "read error";
				return -errno;
			}
		}
	case FIN_FN:
		return f->fn(f->ctx, dst, n, &f->why);
	case FIN_MEM:
		break;
	}
	return 0;
}

int fin_fill(struct fin *f, size_t n)
{
	if (f->src == FIN_MEM) {
		/* The whole stream is the window. */
		if (!f->buf && f->memlen) {
			f->buf = (char *)f->mem;
			f->end = f->cap = f->memlen;
		}
		f->eof = true;
		return 0;
	}
	while (fin_avail(f) < n && !f->eof) {
		if (f->err)
			return f->err;
		if (f->start && (f->cap - f->end < FIN_CHUNK / 2 ||
				 f->start == f->end)) {
			memmove(f->buf, f->buf + f->start, fin_avail(f));
			f->end -= f->start;
			f->start = 0;
		}
		size_t want = n > FIN_CHUNK ? n : FIN_CHUNK;
		if (f->cap - f->start < want || f->cap == f->end) {
			size_t cap = f->cap ? f->cap : FIN_CHUNK;
			while (cap - f->start < want || cap == f->end)
				cap *= 2;
			char *b = realloc(f->buf, cap);
			if (!b)
				return -ENOMEM;
			f->buf = b;
			f->cap = cap;
		}
		ssize_t got = src_read(f, f->buf + f->end, f->cap - f->end);
		if (got < 0)
			return f->err = (int)got;
		if (got == 0)
			f->eof = true;
		f->end += (size_t)got;
	}
	return f->err && fin_avail(f) < n ? f->err : 0;
}

int fin_line(struct fin *f, size_t max, const char **line, size_t *len,
	     bool *nl)
{
	size_t scanned = 0;
	int rc;
	for (;;) {
		const char *p = fin_data(f);
		size_t avail = fin_avail(f);
		const char *e = scanned < avail ?
			memchr(p + scanned, '\n', avail - scanned) : NULL;
		if (e) {
			size_t n = (size_t)(e - p);
			if (n > max) {
				fin_consume(f, n + 1);
				*len = n;
				return -E2BIG;
			}
			*line = p;
			*len = n;
			*nl = true;
			fin_consume(f, n + 1);
			return 1;
		}
		if (f->eof) {
			if (!avail)
				return 0;
			if (avail > max) {
				fin_consume(f, avail);
				*len = avail;
				return -E2BIG;
			}
			*line = p;
			*len = avail;
			*nl = false;
			fin_consume(f, avail);
			return 1;
		}
		scanned = avail;
		if (avail > max) {
			/* Too long: drop it up to its end, chunk by chunk. */
			uint64_t dropped = 0;
			for (;;) {
				p = fin_data(f);
				avail = fin_avail(f);
				e = memchr(p, '\n', avail);
				size_t k = e ? (size_t)(e - p) + 1 : avail;
				fin_consume(f, k);
				dropped += k;
				if (e || f->eof)
					break;
				if ((rc = fin_fill(f, 1)))
					return rc;
				if (!fin_avail(f))
					break;
			}
			*len = (size_t)(dropped - (e ? 1 : 0));
			return -E2BIG;
		}
		if ((rc = fin_fill(f, avail + 1)))
			return rc;
	}
}

int fin_skip(struct fin *f, uint64_t n, uint64_t *done)
{
	*done = 0;
	while (*done < n) {
		if (!fin_avail(f)) {
			int rc = fin_fill(f, 1);
			if (rc)
				return rc;
			if (!fin_avail(f))
				return 0;
		}
		size_t k = fin_avail(f);
		if (k > n - *done)
			k = (size_t)(n - *done);
		fin_consume(f, k);
		*done += k;
	}
	return 0;
}

int fin_slurp(struct fin *f, size_t max, struct sbuf *out)
{
	sbuf_reset(out);
	for (;;) {
		int rc = fin_fill(f, 1);
		if (rc)
			return rc;
		size_t k = fin_avail(f);
		if (!k)
			break;
		size_t take = k;
		if (out->len + take > max)
			take = max - out->len;
		if (take && sbuf_add(out, fin_data(f), take))
			return -ENOMEM;
		fin_consume(f, k);
		if (take < k)
			return -EFBIG;	/* the rest stays unread */
	}
	if (!out->buf && sbuf_addch(out, '\0') == 0)
		out->len = 0;
	return 0;
}

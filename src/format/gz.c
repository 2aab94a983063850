/*
 * gzip streams with zlib, member after member (a .warc.gz holds one per
 * record). libarchive reads gzip too, but when it meets a truncated or
 * damaged member it drops what it was expanding with it, up to some
 * hundreds of KiB of records before the damage; here every byte expanded
 * before the damage is handed over, then the error. The caps against
 * bombs are those of farc_data().
 */
#include "reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static void set_msg(struct fgz *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_msg(struct fgz *g, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	sbuf_reset(&g->msg);
	if (sbuf_addstr(&g->msg, tmp))
		sbuf_reset(&g->msg);
}

int fgz_open(struct fgz *g, struct fin *from, const uint64_t *read,
	     uint64_t max_member, uint32_t max_ratio)
{
	struct sbuf msg = g->msg;
	memset(g, 0, sizeof(*g));
	g->msg = msg;
	g->from = from;
	g->read = read;
	g->max_member = max_member;
	g->max_ratio = max_ratio;
	g->zs = calloc(1, sizeof(z_stream));
	if (!g->zs)
		return -ENOMEM;
	if (inflateInit2(g->zs, 15 + 16) != Z_OK) {
		free(g->zs);
		g->zs = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* Expanded bytes: > 0, 0 at the end, -errno (g->msg says why). */
static ssize_t fgz_data(struct fgz *g, void *buf, size_t n);

static ssize_t gz_read(void *ctx, void *buf, size_t n, const char **why)
{
	struct fgz *g = ctx;
	ssize_t got = fgz_data(g, buf, n);
	if (got < 0)
		*why = g->msg.buf;
	return got;
}

void fgz_fin(struct fgz *g, struct fin *f)
{
	fin_fn(f, gz_read, g);
}

void fgz_end(struct fgz *g)
{
	if (g->zs) {
		inflateEnd(g->zs);
		free(g->zs);
	}
	g->zs = NULL;
}

void fgz_close(struct fgz *g)
{
	fgz_end(g);
	sbuf_release(&g->msg);
}

static ssize_t fgz_data(struct fgz *g, void *buf, size_t n)
{
	z_stream *zs = g->zs;
	if (g->err)
		return g->err;
	if (g->end || !zs)
		return 0;
	zs->next_out = buf;
	zs->avail_out = n > (1u << 30) ? 1u << 30 : (uInt)n;
	int err = 0;
	while (zs->avail_out > 0) {
		int rc = fin_fill(g->from, 1);
		if (rc) {
			set_msg(g, "%s", g->from->why ? g->from->why : "read error");
			err = rc;
			break;
		}
		size_t avail = fin_avail(g->from);
		if (!avail) {
			if (!g->between) {
				set_msg(g, "truncated: the file ends inside gzip "
					"member %llu", (unsigned long long)
					g->members + 1);
				err = -EIO;
			}
			g->end = true;
			break;
		}
		if (g->between) {
			/* Another member, or the end (padding, trailing
			 * garbage: gzip(1) ignores it too). */
			if ((unsigned char)fin_data(g->from)[0] != 0x1f) {
				g->end = true;
				break;
			}
			inflateReset(zs);
			g->between = false;
		}
		zs->next_in = (Bytef *)fin_data(g->from);
		zs->avail_in = avail > (1u << 30) ? 1u << 30 : (uInt)avail;
		uInt before = zs->avail_in;
		int zr = inflate(zs, Z_NO_FLUSH);
		fin_consume(g->from, before - zs->avail_in);
		if (zr == Z_STREAM_END) {
			g->between = true;
			g->members++;
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			set_msg(g, "damaged gzip data in member %llu (%s)",
				(unsigned long long)g->members + 1,
				zs->msg ? zs->msg : "zlib error");
			err = -EIO;
			break;
		}
	}
	size_t got = n - zs->avail_out;
	g->out += got;
	if (!err && g->out > g->max_member) {
		set_msg(g, "the compressed stream expands past %llu bytes, the "
			"cap per member (a zip bomb? the cap can be raised)",
			(unsigned long long)g->max_member);
		err = -EFBIG;
	}
	uint64_t in = *g->read ? *g->read : 1;
	if (!err && g->out > FMT_RATIO_FLOOR && g->out / in >= g->max_ratio) {
		set_msg(g, "expands more than %u times (%llu bytes from %llu), "
			"the cap (a zip bomb? the cap can be raised)",
			g->max_ratio, (unsigned long long)g->out,
			(unsigned long long)in);
		err = -EFBIG;
	}
	if (err) {
		g->err = err;
		/* What came before the damage first; the error next time. */
		return got && err == -EIO ? (ssize_t)got : err;
	}
	return (ssize_t)got;
}

/*
 * Compressed files and archives through libarchive: the filters newsfs
 * trusts (gzip, bzip2, xz, lzma, zstd, each with its library, never an
 * external program) and the formats tar, zip and raw (a compressed single
 * stream). Zip is read as a stream, front to back: a truncated zip still
 * yields the members before the damage, where the seeking reader would
 * refuse the whole file for its missing central directory.
 *
 * Every byte expanded passes farc_data(), which enforces the caps against
 * zip bombs: bytes per member, and bytes expanded per byte read from the
 * file. Skipping a member also goes through it (except in a zip, where
 * libarchive skips the compressed bytes without expanding them).
 */
#include "reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

static la_ssize_t cb_read(struct archive *a, void *ud, const void **buf)
{
	struct farc *z = ud;
	struct fin *f = z->from;
	/* What the last call handed out is libarchive's no longer. */
	int rc = fin_fill(f, 1);
	if (rc) {
		archive_set_error(a, -rc, "%s", f->why ? f->why : strerror(-rc));
		return -1;
	}
	size_t n = fin_avail(f);
	*buf = fin_data(f);
	fin_consume(f, n);
	return (la_ssize_t)n;
}

static void set_msg(struct farc *z, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_msg(struct farc *z, const char *fmt, ...)
{
	va_list ap;
	sbuf_reset(&z->msg);
	va_start(ap, fmt);
	char tmp[512];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (sbuf_addstr(&z->msg, tmp))
		sbuf_reset(&z->msg);
}

static const char *lib_msg(struct farc *z, const char *what)
{
	const char *e = archive_error_string(z->a);
	set_msg(z, "%s (%s)", what, e ? e : "no detail");
	return z->msg.buf ? z->msg.buf : what;
}

int farc_open(struct farc *z, struct fin *from, const uint64_t *read,
	      uint64_t max_member, uint32_t max_ratio, const char **why)
{
	struct sbuf name = z->name, msg = z->msg;
	memset(z, 0, sizeof(*z));
	z->name = name;
	z->msg = msg;
	sbuf_reset(&z->name);
	z->from = from;
	z->read = read;
	z->max_member = max_member;
	z->max_ratio = max_ratio;
	z->a = archive_read_new();
	if (!z->a) {
		*why = "out of memory";
		return -ENOMEM;
	}
	archive_read_support_filter_gzip(z->a);
	archive_read_support_filter_bzip2(z->a);
	archive_read_support_filter_xz(z->a);
	archive_read_support_filter_lzma(z->a);
	archive_read_support_filter_zstd(z->a);
	archive_read_support_format_tar(z->a);
	archive_read_support_format_zip_streamable(z->a);
	archive_read_support_format_raw(z->a);
	if (archive_read_open(z->a, z, NULL, cb_read, NULL) != ARCHIVE_OK) {
		*why = lib_msg(z, "damaged or truncated, or no archive or "
			       "compressed stream newsfs reads");
		return -EINVAL;
	}
	return 0;
}

/* Member bytes: > 0, 0 at its end, -errno (z->msg says why). */
static ssize_t farc_data(struct farc *z, void *buf, size_t n);

/* Drain the rest of the open entry through farc_data (so the caps see
 * every byte expanded), or let libarchive skip it where that is cheap. */
static int drain(struct farc *z, const char **why)
{
	if (!z->open)
		return 0;
	z->open = false;
	int fmt = archive_format(z->a) & ARCHIVE_FORMAT_BASE_MASK;
	if (fmt == ARCHIVE_FORMAT_ZIP) {
		if (archive_read_data_skip(z->a) != ARCHIVE_OK) {
			*why = lib_msg(z, "damaged or truncated");
			return -EIO;
		}
		return 0;
	}
	char buf[64 << 10];
	z->open = true;
	for (;;) {
		ssize_t n = farc_data(z, buf, sizeof(buf));
		if (n < 0) {
			z->open = false;
			*why = z->msg.buf;
			return (int)n;
		}
		if (n == 0)
			break;
	}
	z->open = false;
	return 0;
}

int farc_next(struct farc *z, const char **why)
{
	int rc = drain(z, why);
	if (rc)
		return rc;
	for (;;) {
		struct archive_entry *e;
		int r = archive_read_next_header(z->a, &e);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r == ARCHIVE_FATAL) {
			*why = lib_msg(z, z->members ?
				       "damaged or truncated after the last member read" :
				       "damaged or truncated");
			return -EIO;
		}
		/* ARCHIVE_WARN (an odd header field) still gives the entry. */
		z->members++;
		z->e = e;
		z->raw = (archive_format(z->a) & ARCHIVE_FORMAT_BASE_MASK) ==
			ARCHIVE_FORMAT_RAW;
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		sbuf_reset(&z->name);
		const char *p = archive_entry_pathname(e);
		if (sbuf_addstr(&z->name, z->raw || !p ? "" : p)) {
			*why = "out of memory";
			return -ENOMEM;
		}
		if (!z->raw && archive_entry_size_is_set(e) &&
		    (uint64_t)archive_entry_size(e) > z->max_member) {
			set_msg(z, "declares %lld bytes, over the cap of %llu "
				"per member (a zip bomb? the cap can be raised)",
				(long long)archive_entry_size(e),
				(unsigned long long)z->max_member);
			*why = z->msg.buf;
			return -EFBIG;
		}
		z->member_out = 0;
		z->open = true;
		return 1;
	}
}

static ssize_t farc_data(struct farc *z, void *buf, size_t n)
{
	if (!z->open)
		return 0;
	la_ssize_t got = archive_read_data(z->a, buf, n);
	if (got < 0) {
		const char *e = archive_error_string(z->a);
		set_msg(z, "%sdamaged or truncated (%s)",
			z->raw ? "compressed stream " : "", e ? e : "no detail");
		return -EIO;
	}
	if (got == 0) {
		z->open = false;
		return 0;
	}
	z->member_out += (uint64_t)got;
	z->out += (uint64_t)got;
	if (z->member_out > z->max_member) {
		set_msg(z, "%s expands past %llu bytes, the cap per member "
			"(a zip bomb? the cap can be raised)",
			z->raw ? "the compressed stream" : "the member",
			(unsigned long long)z->max_member);
		return -EFBIG;
	}
	uint64_t in = *z->read ? *z->read : 1;
	if (z->out > FMT_RATIO_FLOOR && z->out / in >= z->max_ratio) {
		set_msg(z, "expands more than %u times (%llu bytes from %llu), "
			"the cap (a zip bomb? the cap can be raised)",
			z->max_ratio, (unsigned long long)z->out,
			(unsigned long long)in);
		return -EFBIG;
	}
	return (ssize_t)got;
}

static ssize_t member_read(void *ctx, void *buf, size_t n, const char **why)
{
	struct farc *z = ctx;
	ssize_t got = farc_data(z, buf, n);
	if (got < 0)
		*why = z->msg.buf;
	return got;
}

void farc_fin(struct farc *z, struct fin *f)
{
	fin_fn(f, member_read, z);
}

void farc_end(struct farc *z)
{
	if (z->a)
		archive_read_free(z->a);
	z->a = NULL;
	z->open = false;
}

void farc_close(struct farc *z)
{
	farc_end(z);
	sbuf_release(&z->name);
	sbuf_release(&z->msg);
}

int farc_gunzip(const void *in, size_t len, size_t max, struct sbuf *out)
{
	struct archive *a = archive_read_new();
	if (!a)
		return -ENOMEM;
	int rc = 0;
	archive_read_support_filter_gzip(a);
	archive_read_support_format_raw(a);
	struct archive_entry *e;
	sbuf_reset(out);
	if (archive_read_open_memory(a, in, len) != ARCHIVE_OK ||
	    archive_filter_code(a, 0) != ARCHIVE_FILTER_GZIP ||
	    archive_read_next_header(a, &e) != ARCHIVE_OK) {
		rc = -EINVAL;
		goto out;
	}
	for (;;) {
		if (sbuf_grow(out, 64 << 10)) {
			rc = -ENOMEM;
			goto out;
		}
		la_ssize_t n = archive_read_data(a, out->buf + out->len,
						 out->cap - out->len - 1);
		if (n < 0) {
			rc = -EINVAL;
			goto out;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		if (out->len > max) {
			rc = -EFBIG;
			goto out;
		}
	}
out:
	archive_read_free(a);
	return rc;
}

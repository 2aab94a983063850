/*
 * Reading one input file and deciding whether it is an article.
 *
 * Opened with O_NONBLOCK and checked with fstat() on the open descriptor,
 * so a FIFO or device that replaced a file after the walk is refused
 * instead of blocking the run. The stamp recorded is the one of the bytes
 * actually read; a file that grows while it is read is stored as read
 * and re-indexed by the next run, which sees a different stamp.
 *
 * Encodings: UTF-8 (a BOM is skipped for extraction), UTF-16 with a BOM
 * (decoded for extraction), anything else is read as Windows-1252 for
 * extraction. The bytes stored and shown by the mount are always the
 * original ones. NUL bytes outside UTF-16 mean binary data: rejected.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

int open_input(const char *path)
{
	return nfs_open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
}

ssize_t read_cached(int fd, void *buf, size_t len, off_t off)
{
	struct iovec iov = {.iov_base = buf, .iov_len = len};
	return preadv2(fd, &iov, 1, off, RWF_NOWAIT);
}

/* The first read asks for cached bytes only: if there are none, *cold
 * says the file is read from the disk, which is what turns on the
 * pipeline's read-ahead. Without RWF_NOWAIT it just reads. */
static ssize_t first_read(int fd, char *buf, size_t len, bool *cold)
{
	ssize_t n = read_cached(fd, buf, len, -1);
	if (n < 0 && errno == EAGAIN)
		*cold = true;
	return n < 0 ? read(fd, buf, len) : n;
}

/* hint is the size fstat() gave. Room for one byte more lets a read that
 * stops at hint bytes say the file ends there, without another read to
 * hear 0: one system call in five per file, each about a microsecond on
 * this kind of VM. The stamp is fstat()'s, so the bytes stored are
 * exactly the ones it describes; a file that grew after fstat() shows a
 * different stamp to the next run. */
static int read_all(int fd, size_t hint, size_t max, struct sbuf *raw,
		    bool *cold)
{
	bool first = true;
	sbuf_reset(raw);
	int rc = sbuf_grow(raw, (hint < max ? hint : max) + 1);
	if (rc)
		return rc;
	for (;;) {
		if (raw->len > max)
			return -EFBIG;
		if (raw->cap - raw->len < 2 && (rc = sbuf_grow(raw, 65536)))
			return rc;
		char *at = raw->buf + raw->len;
		size_t room = raw->cap - raw->len - 1;
		ssize_t n = first ? first_read(fd, at, room, cold)
				  : read(fd, at, room);
		first = false;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -EAGAIN : -errno;
		if (n == 0)
			break;
		raw->len += (size_t)n;
		if ((size_t)n < room && raw->len == hint)
			break;
	}
	raw->buf[raw->len] = '\0';
	return 0;
}

static bool blank_only(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n\f\v", s[i]))
			return false;
	return true;
}

/* Old Mac text ends lines with a lone CR. */
static bool lone_cr(const char *s, size_t len)
{
	const char *p = memchr(s, '\r', len);
	for (; p; p = memchr(p + 1, '\r', len - (size_t)(p + 1 - s)))
		if (p + 1 == s + len || p[1] != '\n')
			return true;
	return false;
}

/* Extraction sees lone CRs as LFs; same length, so offsets still point
 * into the original bytes. */
static int cr_to_lf(struct sbuf *out, const char **text, size_t *text_len)
{
	if (*text != out->buf) {
		sbuf_reset(out);
		int rc = sbuf_add(out, *text, *text_len);
		if (rc)
			return rc;
	}
	char *s = out->buf;
	size_t len = out->len;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
			s[i] = '\n';
	*text = s;
	*text_len = len;
	return 0;
}

int ingest_decode(const char *raw, size_t len, struct sbuf *out,
		  const char **text, size_t *text_len, const char **reason)
{
	const char *s = raw;
	sbuf_reset(out);
	*reason = NULL;
	if (len >= 2 && ((s[0] == '\xff' && s[1] == '\xfe') ||
			 (s[0] == '\xfe' && s[1] == '\xff'))) {
		int rc = utf16_to_utf8(out, s + 2, len - 2, s[0] == '\xfe');
		if (rc) {
			*reason = "invalid UTF-16 text";
			return rc;
		}
		*text = out->buf ? out->buf : "";
		*text_len = out->len;
	} else if (memchr(s, '\0', len)) {
		*reason = "binary data (NUL bytes)";
		return -EINVAL;
	} else if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 &&
		   utf8_valid(s + 3, len - 3)) {
		*text = s + 3;
		*text_len = len - 3;
	} else if (utf8_valid(s, len)) {
		*text = s;
		*text_len = len;
	} else {
		int rc = cp1252_to_utf8(out, s, len);
		if (rc)
			return rc;
		*text = out->buf;
		*text_len = out->len;
	}
	if (lone_cr(*text, *text_len)) {
		int rc = cr_to_lf(out, text, text_len);
		if (rc)
			return rc;
	}
	if (blank_only(*text, *text_len)) {
		*reason = "no text (only white space)";
		return -EINVAL;
	}
	return 0;
}

static const char too_large[] = "larger than the size limit (see --max-size)";

int check_input(mode_t mode, uint64_t size, size_t max_size,
		const char **reason)
{
	if (!S_ISREG(mode)) {
		*reason = "not a regular file";
		return -EINVAL;
	}
	if (size > max_size) {
		*reason = too_large;
		return -EFBIG;
	}
	if (size == 0) {
		*reason = "empty file";
		return -EINVAL;
	}
	return 0;
}

int read_article(const char *path, size_t max_size, struct file_buf *fb,
		 struct idx_stamp *stamp, const char **reason)
{
	fb->cold = false;
	int fd = open_input(path);
	if (fd < 0) {
		int e = errno;
		*reason = e == ELOOP ? "symbolic link loop" : strerror(e);
		return -e;
	}
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		*reason = strerror(errno);
	} else {
		rc = check_input(st.st_mode, (uint64_t)st.st_size, max_size,
				 reason);
	}
	if (!rc) {
		*stamp = stamp_of(&st);
		rc = read_all(fd, (size_t)st.st_size, max_size, &fb->raw,
			      &fb->cold);
		if (rc && rc != -EFBIG)
			*reason = strerror(-rc);
	}
	close(fd);
	if (rc == -EFBIG)	/* read_all() found it grown past the limit */
		*reason = too_large;
	else if (!rc && fb->raw.len == 0) {
		*reason = "empty file";
		rc = -EINVAL;
	}
	return rc ? rc : take_article(fb, reason);
}

int take_article(struct file_buf *fb, const char **reason)
{
	return ingest_decode(fb->raw.buf, fb->raw.len, &fb->decoded,
			     &fb->text, &fb->text_len, reason);
}

void file_buf_release(struct file_buf *fb)
{
	sbuf_release(&fb->raw);
	sbuf_release(&fb->decoded);
	fb->text = NULL;
	fb->text_len = 0;
}

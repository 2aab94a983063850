/*
 * Reading one input file and deciding whether it is an article.
 *
 * Opened with O_NONBLOCK (by the walk, which knows how to reach the file)
 * and checked with fstat() on the open descriptor, so a FIFO or device
 * that replaced a file after the walk is refused instead of blocking the
 * run, and the mode checked is the one of the file read. The stamp recorded is the one of the bytes
 * actually read; a file that grows while it is read is stored as read
 * and re-indexed by the next run, which sees a different stamp.
 *
 * What is text, and in which encoding, is nfs_text_decode()'s to say
 * (src/util/decode.c); the bytes stored and shown by the mount are
 * always the original ones.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

const char *open_reason(int err)
{
	return err == ELOOP ? "symbolic link loop" : strerror(err);
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

static const char too_large[] = "larger than the size limit (see --max-size)";

int check_input(mode_t mode, uint64_t size, const struct read_rules *rules,
		const char **reason)
{
	if (!S_ISREG(mode)) {
		*reason = "not a regular file";
		return -EINVAL;
	}
	/* Others cannot read it: so they must not through a mount either. */
	if (rules->public_only && !(mode & S_IROTH)) {
		*reason = WHY_PRIVATE_FILE;
		return READ_SKIPPED;
	}
	if (size > rules->max_size) {
		*reason = too_large;
		return -EFBIG;
	}
	if (size == 0) {
		*reason = "empty file";
		return -EINVAL;
	}
	return 0;
}

int read_bytes(int fd, const struct read_rules *rules, struct file_buf *fb,
		 struct idx_stamp *stamp, const char **reason)
{
	struct stat st;
	int rc = 0;
	fb->cold = false;
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		*reason = strerror(errno);
	} else {
		rc = check_input(st.st_mode, (uint64_t)st.st_size, rules,
				 reason);
	}
	if (!rc) {
		*stamp = stamp_of(&st);
		rc = read_all(fd, (size_t)st.st_size, rules->max_size,
			      &fb->raw, &fb->cold);
		if (rc && rc != -EFBIG)
			*reason = strerror(-rc);
	}
	if (rc == -EFBIG)	/* read_all() found it grown past the limit */
		*reason = too_large;
	else if (!rc && fb->raw.len == 0) {
		*reason = "empty file";
		rc = -EINVAL;
	}
	return rc;
}

int read_article(int fd, const struct read_rules *rules, struct file_buf *fb,
		 struct idx_stamp *stamp, const char **reason)
{
	int rc = read_bytes(fd, rules, fb, stamp, reason);
	return rc ? rc : take_article(fb, reason);
}

int take_article(struct file_buf *fb, const char **reason)
{
	return nfs_text_decode(fb->raw.buf, fb->raw.len, &fb->decoded,
			       &fb->text, &fb->text_len, reason);
}

void file_buf_release(struct file_buf *fb)
{
	sbuf_release(&fb->raw);
	sbuf_release(&fb->decoded);
	fb->text = NULL;
	fb->text_len = 0;
}

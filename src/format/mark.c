/*
 * Resume marks for plain JSON Lines files that grow by appended lines (a
 * crawler writing a dump day after day). A mark says how far the last run
 * read (whole lines only) and pins what it read with two hashes: of the
 * file's first bytes and of the bytes just before the mark. Appending
 * (O_APPEND, `>>`) never changes bytes before the old end, so both still
 * match and the new run reads only the new lines. A file rewritten in
 * place, truncated, or replaced fails one of the checks and is read again
 * from the start; what no check catches is a rewrite that keeps the
 * first and the last 64 KiB before the mark byte for byte and changes
 * only bytes between them.
 */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
	size_t done = 0;
	while (done < n) {
		ssize_t got = pread(fd, (char *)buf + done, n - done,
				    (off_t)(off + done));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -errno;
		if (got == 0)
			return -ENODATA;
		done += (size_t)got;
	}
	return 0;
}

/* The hashes of [0, w) and [off - w, off), w = min(off, window). */
static int windows(int fd, uint64_t off, uint8_t head[16], uint8_t tail[16])
{
	size_t w = off < FMT_MARK_WINDOW ? (size_t)off : FMT_MARK_WINDOW;
	char *buf = malloc(w ? w : 1);
	if (!buf)
		return -ENOMEM;
	int rc = pread_all(fd, buf, w, 0);
	if (!rc) {
		nfs_hash(buf, w, head);
		rc = pread_all(fd, buf, w, off - w);
	}
	if (!rc)
		nfs_hash(buf, w, tail);
	free(buf);
	return rc;
}

int fmt_reader_mark(struct fmt_reader *r, struct fmt_mark *mark)
{
	memset(mark, 0, sizeof(*mark));
	if (!r->plain_jsonl || r->fd < 0)
		return -EINVAL;
	struct stat st;
	if (fstat(r->fd, &st))
		return -errno;
	mark->offset = r->good_offset;
	mark->lines = r->good_lines;
	mark->size = (uint64_t)st.st_size;
	return windows(r->fd, mark->offset, mark->head, mark->tail);
}

int fmt_mark_check(int fd, const struct fmt_mark *mark)
{
	struct stat st;
	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size < mark->offset ||
	    (uint64_t)st.st_size < mark->size)
		return 0;
	if (mark->offset) {
		char c;
		int rc = pread_all(fd, &c, 1, mark->offset - 1);
		if (rc)
			return rc == -ENODATA ? 0 : rc;
		if (c != '\n')
			return 0;
	}
	uint8_t head[16], tail[16];
	int rc = windows(fd, mark->offset, head, tail);
	if (rc)
		return rc == -ENODATA ? 0 : rc;
	return !memcmp(head, mark->head, 16) && !memcmp(tail, mark->tail, 16);
}

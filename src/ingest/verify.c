/*
 * Every source read again and compared with the article the index holds
 * for it (newsfs check --deep).
 *
 * An index run trusts a file whose size, mtime and inode are those it
 * recorded: reading every file on every run would make re-runs cost what
 * the first one did. A rewrite in place that keeps all three (cp -p over
 * a file of the same size, touch -r, a tool that restores mtimes) is
 * invisible to that, and only reading the file finds it. A file whose
 * stamp did change is the next run's to read, and is only counted here.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

struct verify {
	ingest_problem_fn problem;
	void *ctx;
	struct ingest_verify_stats *st;
	struct file_buf fb;
	struct sbuf msg;
};

static void problem(struct verify *v, const char *path, const char *what,
		    const char *detail)
{
	v->st->problems++;
	sbuf_reset(&v->msg);
	if (sbuf_addf(&v->msg, "%s%s", what, detail ? detail : "") == 0)
		v->problem(v->ctx, path, v->msg.buf);
}

static bool same_stamp(const struct idx_stamp *a, const struct idx_stamp *b)
{
	return a->size == b->size && a->mtime_ns == b->mtime_ns &&
	       a->ino == b->ino;
}

static int verify_one(void *ctx, const char *path,
		      const struct idx_stamp *stamp,
		      const uint8_t hash[NFS_HASH_LEN])
{
	struct verify *v = ctx;
	/* The stored article is what the index holds: as large as it was,
	 * whatever --max-size was; larger now means changed. */
	struct read_rules rules = {.max_size = INGEST_MAX_SIZE_LIMIT};
	struct stat st;
	const char *reason;
	int fd = open(path, INPUT_FLAGS);
	if (fd < 0) {
		problem(v, path, "cannot read: ", open_reason(errno));
		return 0;
	}
	reason = fstat(fd, &st) != 0 ? strerror(errno)
		 : !S_ISREG(st.st_mode) ? "not a regular file" : NULL;
	if (reason) {
		problem(v, path, "cannot read: ", reason);
		close(fd);
		return 0;
	}
	struct idx_stamp now = stamp_of(&st);
	if (!same_stamp(&now, stamp)) {
		v->st->changed++;
		close(fd);
		return 0;
	}
	int rc = read_bytes(fd, &rules, &v->fb, &now, &reason);
	close(fd);
	if (rc == -ENOMEM)
		return rc;
	if (rc) {
		problem(v, path, "cannot read: ", reason);
		return 0;
	}
	v->st->read++;
	uint8_t h[NFS_HASH_LEN];
	nfs_hash(v->fb.raw.buf, v->fb.raw.len, h);
	if (memcmp(h, hash, NFS_HASH_LEN) != 0)
		problem(v, path, "changed without a change of size, mtime or "
			"inode (touch it and run newsfs index)", NULL);
	return 0;
}

int ingest_verify(struct idx *ix, ingest_problem_fn fn, void *ctx,
		  struct ingest_verify_stats *st)
{
	struct verify v = {.problem = fn, .ctx = ctx, .st = st};
	memset(st, 0, sizeof(*st));
	int rc = idx_source_list(ix, verify_one, &v);
	file_buf_release(&v.fb);
	sbuf_release(&v.msg);
	return rc;
}

/*
 * Containers: source files of several articles (container table, schema
 * 7). A container's records are sources named "PATH#WHERE", so they sort
 * together right after PATH ('#' then anything, below "PATH$"): marking
 * them seen or forgetting the ones a re-read no longer found is one range.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

/* Bind ?1 path, ?2 "path#", ?3 "path$" (the records' range), as
 * stored: all three are below the base folder or none is (srcpath.c).
 * lo and hi are the caller's buffers, kept until the statement is done. */
static int bind_records(struct idx *ix, sqlite3_stmt *st, const char *path,
			struct sbuf *lo, struct sbuf *hi)
{
	size_t n = strlen(path);
	if (sbuf_add(lo, path, n) || sbuf_addch(lo, '#') ||
	    sbuf_add(hi, path, n) || sbuf_addch(hi, '#' + 1))
		return -ENOMEM;
	int rc = idx_src_bind(ix, st, 1, 0, path, n);
	if (!rc)
		rc = idx_src_bind(ix, st, 2, 1, lo->buf, lo->len);
	if (!rc)
		rc = idx_src_bind(ix, st, 3, 2, hi->buf, hi->len);
	return rc;
}

int idx_container_get(struct idx *ix, const char *path,
		      struct idx_container *c)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_CONTAINER_GET);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW) {
		c->stamp.size = sqlite3_column_int64(st, 0);
		c->stamp.mtime_ns = sqlite3_column_int64(st, 1);
		c->stamp.ino = sqlite3_column_int64(st, 2);
		c->ext_version = (uint32_t)sqlite3_column_int64(st, 3);
		const void *m = sqlite3_column_blob(st, 4);
		size_t n = (size_t)sqlite3_column_bytes(st, 4);
		c->marklen = m && n <= sizeof(c->mark) ? n : 0;
		if (c->marklen)
			memcpy(c->mark, m, n);
	} else {
		ret = rc == SQLITE_DONE ? -ENOENT
					: idx_fail(ix, rc, "cannot read source");
	}
	idx_stmt_done(st);
	return ret;
}

int idx_container_put(struct idx *ix, const char *path,
		      const struct idx_container *c, int64_t run)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_CONTAINER_PUT);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->stamp.size);
	sqlite3_bind_int64(st, 3, c->stamp.mtime_ns);
	sqlite3_bind_int64(st, 4, c->stamp.ino);
	sqlite3_bind_int64(st, 5, c->ext_version);
	sqlite3_bind_int64(st, 6, run);
	if (c->marklen)
		sqlite3_bind_blob(st, 7, c->mark, (int)c->marklen,
				  SQLITE_STATIC);
	return idx_step_done(ix, st, "cannot record source");
}

int idx_container_seen(struct idx *ix, const char *path, int64_t run)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_CONTAINER_SEEN);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, run);
	int rc = idx_step_done(ix, st, "cannot update source");
	if (rc || !(st = idx_stmt(ix, ST_CONTAINER_RECORDS_SEEN)))
		return rc ? rc : -EIO;
	struct sbuf lo = {0}, hi = {0};
	rc = bind_records(ix, st, path, &lo, &hi);
	sqlite3_bind_int64(st, 4, run);
	rc = rc ? (idx_stmt_done(st), rc)
		: idx_step_done(ix, st, "cannot update source");
	sbuf_release(&lo);
	sbuf_release(&hi);
	return rc;
}

int idx_container_prune(struct idx *ix, const char *path, int64_t run,
			int64_t *dropped)
{
	*dropped = 0;
	sqlite3_stmt *st = idx_stmt(ix, ST_CONTAINER_UNSEEN);
	if (!st)
		return -EIO;
	struct sbuf lo = {0}, hi = {0}, ids = {0};
	int rc = bind_records(ix, st, path, &lo, &hi);
	sqlite3_bind_int64(st, 4, run);
	rc = rc ? (idx_stmt_done(st), rc)
		: idx_step_ids(ix, st, NULL, NULL, &ids, "cannot list sources");
	sbuf_release(&lo);
	sbuf_release(&hi);
	if (!rc)
		rc = idx_sources_drop(ix, &ids, dropped);
	sbuf_release(&ids);
	return rc;
}

int idx_containers_drop_unseen(struct idx *ix, const char *dir, int64_t run)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_CONTAINER_DROP);
	if (!st)
		return -EIO;
	struct sbuf lo = {0}, hi = {0};
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		n--;
	int rc = 0;
	if (sbuf_add(&lo, dir, n) || sbuf_addch(&lo, '/') ||
	    sbuf_add(&hi, dir, n) || sbuf_addch(&hi, '0'))
		rc = -ENOMEM;
	if (!rc) {
		sqlite3_bind_text(st, 1, lo.buf, (int)lo.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi.buf, (int)hi.len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, run);
		rc = idx_step_done(ix, st, "cannot drop source");
	} else {
		idx_stmt_done(st);
	}
	sbuf_release(&lo);
	sbuf_release(&hi);
	return rc;
}

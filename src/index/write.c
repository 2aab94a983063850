/*
 * Writing the index: transactions and sources (articles: article.c).
 *
 * A source is a path that held some content; an article is content, stored
 * once per XXH3-128 hash. When a source changes or goes, the article it
 * pointed to may be left without sources: its id is noted in the temporary
 * gc_candidate table and idx_gc() deletes it if nothing points to it any
 * more. Only candidates are checked, so a run costs what it changed, not
 * the size of the index.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int idx_begin(struct idx *ix)
{
	idx_src_forget_base(ix);
	return idx_run_stmt(ix, ST_BEGIN, "cannot begin a transaction");
}

int idx_commit(struct idx *ix)
{
	/* Officials first: linking them notes changes to flush. */
	int rc = idx_people_resolve(ix);
	if (!rc)
		rc = idx_changes_flush(ix);
	if (!rc)
		rc = idx_run_stmt(ix, ST_COMMIT, "cannot commit");
	return rc;
}

int idx_rollback(struct idx *ix)
{
	idx_facet_cache_clear(ix);
	idx_changes_clear(ix);
	idx_pack_stop(ix);
	return idx_run_stmt(ix, ST_ROLLBACK, "cannot roll back");
}

int idx_checkpoint(struct idx *ix)
{
	/* TRUNCATE: copy the WAL into the database, then cut it to zero
	 * bytes. A mount reading at that moment makes it stop early; the
	 * next run finishes the job. */
	return sqlite3_wal_checkpoint_v2(ix->db, "main",
					 SQLITE_CHECKPOINT_TRUNCATE, NULL,
					 NULL) == SQLITE_OK ? 0 : -EBUSY;
}

int idx_source_get(struct idx *ix, const char *path, struct idx_source *s)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_GET);
	if (!st)
		return -EIO;
	int rc = idx_src_bind(ix, st, 1, 0, path, strlen(path)), ret = 0;
	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->id = sqlite3_column_int64(st, 0);
		s->stamp.size = sqlite3_column_int64(st, 1);
		s->stamp.mtime_ns = sqlite3_column_int64(st, 2);
		s->stamp.ino = sqlite3_column_int64(st, 3);
		s->article_id = sqlite3_column_int64(st, 4);
		s->ext_version = (uint32_t)sqlite3_column_int64(st, 5);
	} else {
		ret = rc == SQLITE_DONE ? -ENOENT
					: idx_fail(ix, rc, "cannot read source");
	}
	idx_stmt_done(st);
	return ret;
}

int idx_source_seen(struct idx *ix, int64_t source_id, int64_t run)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_SEEN);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_int64(st, 2, run);
	return idx_step_done(ix, st, "cannot update source");
}

/* The article a source path holds now. */
static int source_article(struct idx *ix, const char *path, int64_t *id)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_OLD_ARTICLE);
	if (!st)
		return -EIO;
	int rc = idx_src_bind(ix, st, 1, 0, path, strlen(path));
	return rc ? rc : idx_one_int(ix, st, id);
}

int idx_source_publications(struct idx *ix, const char *path,
			    const char *const *names, size_t n)
{
	struct sbuf joined = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = sbuf_addf(&joined, "%s%s", i ? "|" : "", names[i]);
	sqlite3_stmt *st = rc ? NULL : idx_stmt(ix, ST_SOURCE_PUBLICATIONS);
	if (!rc && !st)
		rc = -EIO;
	if (!rc)
		rc = idx_src_bind(ix, st, 1, 0, path, strlen(path));
	if (!rc) {
		sqlite3_bind_text(st, 2, joined.buf ? joined.buf : "", -1,
				  SQLITE_STATIC);
		rc = idx_step_done(ix, st, "cannot record source");
	} else if (st) {
		idx_stmt_done(st);
	}
	sbuf_release(&joined);
	return rc;
}

int idx_source_put(struct idx *ix, const char *path,
		   const struct idx_stamp *stamp, int64_t article_id,
		   int64_t run, bool known)
{
	int64_t old;	/* the article path held until now */
	int rc = known ? source_article(ix, path, &old) : -ENOENT;
	if (!rc && old != article_id)
		rc = idx_gc_note(ix, old);
	if (rc && rc != -ENOENT)
		return rc;
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_PUT);
	if (!st)
		return -EIO;
	if ((rc = idx_src_bind(ix, st, 1, 0, path, strlen(path))))
		return rc;
	sqlite3_bind_int64(st, 2, article_id);
	sqlite3_bind_int64(st, 3, stamp->size);
	sqlite3_bind_int64(st, 4, stamp->mtime_ns);
	sqlite3_bind_int64(st, 5, stamp->ino);
	sqlite3_bind_int64(st, 6, run);
	return idx_step_done(ix, st, "cannot record source");
}

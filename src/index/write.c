/*
 * Writing the index: transactions, sources, new articles and their facets.
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
#include <time.h>

/* Transaction control runs once or twice per file: cached statements
 * save parsing it every time. */
static int run_stmt(struct idx *ix, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	return st ? idx_step_done(ix, st, what) : -EIO;
}

int idx_begin(struct idx *ix)
{
	return run_stmt(ix, ST_BEGIN, "cannot begin a transaction");
}

int idx_commit(struct idx *ix)
{
	int rc = idx_changes_flush(ix);
	if (!rc)
		rc = run_stmt(ix, ST_COMMIT, "cannot commit");
	return rc;
}

int idx_rollback(struct idx *ix)
{
	idx_facet_cache_clear(ix);
	idx_changes_clear(ix);
	idx_pack_stop(ix);
	return run_stmt(ix, ST_ROLLBACK, "cannot roll back");
}

int idx_run_begin(struct idx *ix, int64_t *run)
{
	*run = idx_meta_get(ix, "run", 0) + 1;
	return idx_meta_set(ix, "run", *run);
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

int idx_generation_bump(struct idx *ix)
{
	int rc = idx_meta_set(ix, "indexed_at", (int64_t)time(NULL));
	return rc ? rc : idx_meta_set(ix, "generation",
				      idx_meta_get(ix, "generation", 0) + 1);
}

bool idx_has_sources(struct idx *ix)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_ANY);
	if (!st)
		return true;
	bool none = sqlite3_step(st) == SQLITE_DONE;
	idx_stmt_done(st);
	return !none;
}

int idx_source_get(struct idx *ix, const char *path, struct idx_source *s)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_GET);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), ret = 0;
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

int idx_gc_note(struct idx *ix, int64_t article_id)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_GC_CANDIDATE_ADD);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, article_id);
	return idx_step_done(ix, st, "cannot note article");
}

/* The article a source path holds now. */
static int source_article(struct idx *ix, const char *path, int64_t *id)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_OLD_ARTICLE);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	return idx_one_int(ix, st, id);
}

int idx_article_find(struct idx *ix, const uint8_t hash[NFS_HASH_LEN],
		     int64_t *id, uint32_t *ext_version)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ARTICLE_FIND);
	if (!st)
		return -EIO;
	sqlite3_bind_blob(st, 1, hash, NFS_HASH_LEN, SQLITE_STATIC);
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*ext_version = (uint32_t)sqlite3_column_int64(st, 1);
	} else {
		ret = rc == SQLITE_DONE ? -ENOENT
					: idx_fail(ix, rc, "cannot query the index");
	}
	idx_stmt_done(st);
	return ret;
}

int idx_source_put(struct idx *ix, const char *path,
		   const struct idx_stamp *stamp, int64_t article_id,
		   int64_t run, bool known)
{
	int64_t old;
	int rc = known ? source_article(ix, path, &old) : -ENOENT;
	if (!rc && old != article_id)
		rc = idx_gc_note(ix, old);
	if (rc && rc != -ENOENT)
		return rc;
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_PUT);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, article_id);
	sqlite3_bind_int64(st, 3, stamp->size);
	sqlite3_bind_int64(st, 4, stamp->mtime_ns);
	sqlite3_bind_int64(st, 5, stamp->ino);
	sqlite3_bind_int64(st, 6, run);
	return idx_step_done(ix, st, "cannot record source");
}

/*
 * Forgetting: sources that vanished, then articles no source refers to,
 * then facet values (countries, officials, days) no article uses.
 *
 * Runs at the end of a complete index run only. An interrupted run never
 * reaches it, so an interruption can lose work but never articles.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n && dir[n - 1] == '/')
		n--;
	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static bool kept(const char *path, const char *const *keep, size_t nkeep)
{
	for (size_t i = 0; i < nkeep; i++)
		if (strcmp(path, keep[i]) == 0 || under(path, keep[i]))
			return true;
	return false;
}

/* Step st (id, path of sources a run did not see) and add the ids of
 * those not kept to out. */
static int unseen_ids(struct idx *ix, sqlite3_stmt *st,
		      const char *const *keep, size_t nkeep, struct sbuf *out)
{
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		if (path && kept(path, keep, nkeep))
			continue;
		int64_t id = sqlite3_column_int64(st, 0);
		if (sbuf_add(out, &id, sizeof(id))) {
			ret = -ENOMEM;
			break;
		}
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot list sources");
	idx_stmt_done(st);
	return ret;
}

/* The ids of sources below dir that run did not see. OUT: *ids (caller
 * frees), *n. */
static int collect_unseen(struct idx *ix, const char *dir, int64_t run,
			  const char *const *keep, size_t nkeep,
			  int64_t **ids, size_t *n)
{
	struct sbuf lo = {0}, hi = {0};
	size_t dlen = strlen(dir);
	if (dlen && dir[dlen - 1] == '/')
		dlen--;
	/* Byte order puts "dir/..." between "dir/" and "dir0". */
	if (sbuf_add(&lo, dir, dlen) || sbuf_addch(&lo, '/') ||
	    sbuf_add(&hi, dir, dlen) || sbuf_addch(&hi, '0')) {
		sbuf_release(&lo);
		sbuf_release(&hi);
		return -ENOMEM;
	}
	/* The base folder or above it: the paths stored whole in the
	 * range, then every one stored short (srcpath.c). */
	bool all_short = idx_src_base_within(ix, dir, dlen);
	struct sbuf out = {0};
	int ret = 0;
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_UNSEEN);
	if (!st) {
		ret = -EIO;
		goto out;
	}
	if (all_short) {
		sqlite3_bind_text(st, 1, lo.buf, (int)lo.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, hi.buf, (int)hi.len, SQLITE_STATIC);
	} else if ((ret = idx_src_bind(ix, st, 1, 0, lo.buf, lo.len)) ||
		   (ret = idx_src_bind(ix, st, 2, 1, hi.buf, hi.len))) {
		idx_stmt_done(st);
		goto out;
	}
	sqlite3_bind_int64(st, 3, run);
	ret = unseen_ids(ix, st, keep, nkeep, &out);
	if (!ret && all_short) {
		if (!(st = idx_stmt(ix, ST_SOURCE_UNSEEN_SHORT))) {
			ret = -EIO;
			goto out;
		}
		sqlite3_bind_int64(st, 3, run);
		ret = unseen_ids(ix, st, keep, nkeep, &out);
	}
out:
	sbuf_release(&lo);
	sbuf_release(&hi);
	if (ret) {
		sbuf_release(&out);
		return ret;
	}
	*ids = (int64_t *)(void *)out.buf;	/* sbuf storage is malloc'd */
	*n = out.len / sizeof(int64_t);
	return 0;
}

int idx_gc_note(struct idx *ix, int64_t article_id)
{
	return idx_run_int(ix, ST_GC_CANDIDATE_ADD, article_id,
			   "cannot note article");
}

/* Step a prepared "DELETE FROM source ... RETURNING article_id" and note
 * the article it pointed to. -ENOENT when no row was deleted. */
static int drop_returning(struct idx *ix, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int64_t old = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	int ret = rc == SQLITE_DONE ? 0 : idx_fail(ix, rc, "cannot drop source");
	idx_stmt_done(st);
	if (ret)
		return ret;
	return old ? idx_gc_note(ix, old) : -ENOENT;
}

int idx_sources_drop_unseen(struct idx *ix, const char *dir, int64_t run,
			    const char *const *keep, size_t nkeep,
			    int64_t *dropped)
{
	int64_t *ids = NULL;
	size_t n = 0;
	*dropped = 0;
	int rc = collect_unseen(ix, dir, run, keep, nkeep, &ids, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_DROP_ID);
		if (!st) {
			rc = -EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = drop_returning(ix, st);
		if (rc == -ENOENT)
			rc = 0;
	}
	free(ids);
	if (!rc)
		*dropped = (int64_t)n;
	return rc;
}

/* Removed articles keep their bytes this long, so that a reader who has
 * one open reads it to the end; journal rows are read by a mount within
 * seconds and kept this long. */
#define TOMBSTONE_SECONDS 3600
#define JOURNAL_SECONDS 600

int idx_journal_gone_article(struct idx *ix, int64_t id)
{
	return idx_run_int(ix, ST_JOURNAL_GONE_ARTICLE, id,
			   "cannot journal a rename");
}

/* The steps of a collection, in order (their SQL: stmt.c). */
static const enum stmt_id gc_steps[] = {
	ST_GC_ORPHANS, ST_GC_STALE_PUBLICATIONS,
	ST_GC_JOURNAL_STALE_PUBLICATIONS, ST_GC_UNLINK_STALE_PUBLICATIONS,
	ST_GC_NLINK_STALE_PUBLICATIONS, ST_GC_JOURNAL_STALE_ARTICLES,
	ST_GC_STALE_PUBLICATION_FOLDERS, ST_GC_JOURNAL_ORPHANS, ST_GC_ORPHAN_COUNTRIES,
	ST_GC_ORPHAN_OFFICIALS, ST_GC_ORPHAN_DAYS, ST_GC_UNLINK_COUNTRIES,
	ST_GC_UNLINK_OFFICIALS, ST_GC_ORPHAN_PUBLICATIONS,
	ST_GC_UNLINK_PUBLICATIONS, ST_GC_TOMBSTONE, ST_GC_FTS, ST_GC_ARTICLES,
	ST_GC_JOURNAL_COUNTRIES, ST_GC_COUNTRIES, ST_GC_JOURNAL_OFFICIALS,
	ST_GC_OFFICIALS, ST_GC_JOURNAL_PUBLICATIONS,
	ST_GC_PUBLICATIONS, ST_GC_DAYS_KEPT,
	ST_GC_JOURNAL_DAYS, ST_GC_DAYS,
};

/* Then what has been kept long enough. */
static const struct {
	enum stmt_id id;
	int seconds;
} expire[] = {
	{ST_GC_CONTENT_EXPIRE, TOMBSTONE_SECONDS},
	{ST_GC_TOMBSTONE_EXPIRE, TOMBSTONE_SECONDS},
	{ST_GC_JOURNAL_EXPIRE, JOURNAL_SECONDS},
};

int idx_gc(struct idx *ix, int64_t *removed)
{
	*removed = 0;
	idx_facet_cache_clear(ix);	/* facet rows may go */
	idx_pack_stop(ix);		/* and content rows */
	int rc = 0;
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(gc_steps); i++)
		if (gc_steps[i] != ST_GC_FTS || !ix->build)	/* search.c */
			rc = idx_run_stmt(ix, gc_steps[i],
					  "cannot collect garbage");
	if (!rc)
		rc = idx_people_forget_orphans(ix);
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(expire); i++)
		rc = idx_run_int(ix, expire[i].id, expire[i].seconds,
				 "cannot collect garbage");
	sqlite3_stmt *st = rc ? NULL : idx_stmt(ix, ST_GC_COUNT);
	if (!rc && !st)
		rc = -EIO;
	if (!rc)
		rc = idx_one_int(ix, st, removed);
	return rc ? rc : idx_run(ix, SQL_GC_RESET);
}

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

/* Folders whose sources a run keeps although it did not see them. */
struct keep {
	const char *const *dirs;
	size_t n;
};

/* For idx_step_ids over rows (id, path): the sources not kept. */
static bool not_kept(void *ctx, sqlite3_stmt *st, int64_t id)
{
	const struct keep *k = ctx;
	const char *path = (const char *)sqlite3_column_text(st, 1);
	(void)id;
	for (size_t i = 0; path && i < k->n; i++)
		if (strcmp(path, k->dirs[i]) == 0 || under(path, k->dirs[i]))
			return false;
	return true;
}

/* Add to out the ids of sources below dir that run did not see. */
static int collect_unseen(struct idx *ix, const char *dir, int64_t run,
			  const struct keep *keep, struct sbuf *out)
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
	ret = idx_step_ids(ix, st, not_kept, (void *)keep, out,
			   "cannot list sources");
	if (!ret && all_short) {
		if (!(st = idx_stmt(ix, ST_SOURCE_UNSEEN_SHORT))) {
			ret = -EIO;
			goto out;
		}
		sqlite3_bind_int64(st, 3, run);
		ret = idx_step_ids(ix, st, not_kept, (void *)keep, out,
				   "cannot list sources");
	}
out:
	sbuf_release(&lo);
	sbuf_release(&hi);
	return ret;
}

int idx_gc_note(struct idx *ix, int64_t article_id)
{
	return idx_run_int(ix, ST_GC_CANDIDATE_ADD, article_id,
			   "cannot note article");
}

/* Forget source id and note the article it pointed to. -ENOENT when
 * there is no such source. */
static int drop_source(struct idx *ix, int64_t id)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_DROP_ID);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
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

int idx_sources_drop(struct idx *ix, const struct sbuf *ids,
		     int64_t *dropped)
{
	const int64_t *v = (const int64_t *)(const void *)ids->buf;
	int rc = 0;
	for (size_t i = 0; !rc && i < ids->len / sizeof(*v); i++) {
		rc = drop_source(ix, v[i]);
		if (!rc)
			++*dropped;
		else if (rc == -ENOENT)
			rc = 0;
	}
	return rc;
}

int idx_sources_drop_unseen(struct idx *ix, const char *dir, int64_t run,
			    const char *const *keep, size_t nkeep,
			    int64_t *dropped)
{
	struct keep k = {keep, nkeep};
	struct sbuf ids = {0};
	*dropped = 0;
	int rc = collect_unseen(ix, dir, run, &k, &ids);
	if (!rc)
		rc = idx_sources_drop(ix, &ids, dropped);
	sbuf_release(&ids);
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

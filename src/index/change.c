/*
 * The change journal: what a running mount must invalidate in the
 * kernel's caches after an index run commits (the mount polls for new
 * commits and reads the journal from where it stopped; see src/fs/watch.c).
 *
 * Two kinds of rows:
 *  - name "": a folder whose listing changed (or, for IDX_F_ARTICLE, an
 *    article whose attributes changed). New entries need nothing more:
 *    the kernel caches failed lookups only briefly.
 *  - name set: an entry that went away or was renamed; its cached dentry
 *    must go, or a path would keep working until it timed out.
 *
 * Listing rows are collected per transaction in memory, each folder once,
 * and written at commit: adding 2,000 articles to one country costs one
 * row, not 2,000. Rows are dropped some minutes after they were written
 * (a mount reads them within a second or two).
 */
#include "internal.h"

#include <errno.h>
#include <time.h>

int idx_note_change(struct idx *ix, enum idx_folder folder, int64_t key)
{
	int rc = pairset_add(&ix->changes, (uint64_t)folder, (uint64_t)key);
	return rc < 0 ? rc : 0;
}

/* A dated article is in its day, and the day in its month, year and
 * by-date/: any of their listings may have changed. */
int idx_note_date(struct idx *ix, int32_t ymd)
{
	if (!ymd)
		return idx_note_change(ix, IDX_F_UNDATED, 0);
	int rc = idx_note_change(ix, IDX_F_DAY, ymd);
	if (!rc)
		rc = idx_note_change(ix, IDX_F_MONTH, ymd / 100);
	if (!rc)
		rc = idx_note_change(ix, IDX_F_YEAR, ymd / 10000);
	return rc ? rc : idx_note_change(ix, IDX_F_BY_DATE, 0);
}

void idx_changes_clear(struct idx *ix)
{
	pairset_clear(&ix->changes);
}

void idx_changes_free(struct idx *ix)
{
	pairset_free(&ix->changes);
}

int idx_changes_flush(struct idx *ix)
{
	struct pairset *cs = &ix->changes;
	/* A first run's index has no reader to tell until it is
	 * published (build.c), and a mount of it starts from the end. */
	if (ix->build) {
		idx_changes_clear(ix);
		return 0;
	}
	int64_t now = (int64_t)time(NULL);
	for (size_t i = 0; cs->n && i < cs->cap; i++) {
		if (!cs->slot[i].used)
			continue;
		sqlite3_stmt *st = idx_stmt(ix, ST_CHANGE_INSERT);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int(st, 2, (int)cs->slot[i].a);
		sqlite3_bind_int64(st, 3, (int64_t)cs->slot[i].b);
		sqlite3_bind_text(st, 4, "", 0, SQLITE_STATIC);
		int rc = idx_step_done(ix, st, "cannot journal a change");
		if (rc)
			return rc;
	}
	idx_changes_clear(ix);
	return 0;
}

int idx_changes(struct idx *ix, int64_t after, int64_t *last,
		idx_change_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_CHANGES);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, after);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id <= after)
			continue;	/* damaged: positions only rise */
		*last = after = id;
		const char *name = (const char *)sqlite3_column_text(st, 3);
		ret = fn(ctx, (enum idx_folder)sqlite3_column_int(st, 1),
			 sqlite3_column_int64(st, 2), name ? name : "");
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read the change journal");
	idx_stmt_done(st);
	return ret;
}

int idx_changes_bounds(struct idx *ix, int64_t *first, int64_t *last)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_CHANGES_BOUNDS);
	if (!st)
		return -EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*first = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
	}
	int ret = rc == SQLITE_ROW ? 0
				   : idx_fail(ix, rc, "cannot read the change journal");
	idx_stmt_done(st);
	return ret;
}

int idx_data_version(struct idx *ix, int64_t *v)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_DATA_VERSION);
	if (!st)
		return -EIO;
	return idx_one_int(ix, st, v);
}

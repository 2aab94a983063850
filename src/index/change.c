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
#include <stdlib.h>
#include <time.h>

static uint64_t slot_hash(int32_t folder, int64_t key)
{
	uint64_t h = (uint64_t)key * 0x9e3779b97f4a7c15ull ^ (uint64_t)folder;
	return h ^ (h >> 31);
}

static int grow(struct change_set *cs)
{
	size_t cap = cs->cap ? cs->cap * 2 : 64;
	struct change_slot *slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	for (size_t i = 0; i < cs->cap; i++) {
		if (!cs->slot[i].used)
			continue;
		size_t j = slot_hash(cs->slot[i].folder, cs->slot[i].key);
		while (slot[j & (cap - 1)].used)
			j++;
		slot[j & (cap - 1)] = cs->slot[i];
	}
	free(cs->slot);
	cs->slot = slot;
	cs->cap = cap;
	return 0;
}

int idx_note_change(struct idx *ix, enum idx_folder folder, int64_t key)
{
	struct change_set *cs = &ix->changes;
	if ((cs->n + 1) * 2 > cs->cap && grow(cs))
		return -ENOMEM;
	for (size_t j = slot_hash(folder, key);; j++) {
		struct change_slot *s = &cs->slot[j & (cs->cap - 1)];
		if (!s->used) {
			*s = (struct change_slot){(int32_t)folder, key, true};
			cs->n++;
			return 0;
		}
		if (s->folder == (int32_t)folder && s->key == key)
			return 0;
	}
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
	struct change_set *cs = &ix->changes;
	for (size_t i = 0; i < cs->cap; i++)
		cs->slot[i].used = false;
	cs->n = 0;
}

void idx_changes_free(struct idx *ix)
{
	free(ix->changes.slot);
	ix->changes = (struct change_set){0};
}

int idx_changes_flush(struct idx *ix)
{
	struct change_set *cs = &ix->changes;
	int64_t now = (int64_t)time(NULL);
	for (size_t i = 0; cs->n && i < cs->cap; i++) {
		if (!cs->slot[i].used)
			continue;
		sqlite3_stmt *st = idx_stmt(ix, ST_CHANGE_INSERT);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int(st, 2, cs->slot[i].folder);
		sqlite3_bind_int64(st, 3, cs->slot[i].key);
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
		*last = sqlite3_column_int64(st, 0);
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

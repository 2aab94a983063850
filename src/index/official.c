/*
 * Officials across articles: one by-official/ folder per person, holding
 * every article that names a person some article of the index shows in
 * office (docs/officials.md).
 *
 * Extraction sees one article; the index sees them all. Each article's
 * people are stored as mention rows (key, article, office). Which folder
 * a key belongs to is a function of those rows alone:
 *
 *  - a two-word key ("blair tony") is established when a mention of it
 *    has office; a surname in office establishes no full name ("President
 *    Reagan" in one story is not the Nancy Reagan of another, nor
 *    "President Carter" the only Carter the index writes in full);
 *  - a one-word key S ("Mr Blair") belongs to the one established
 *    two-word key with the word S; with none, to a folder of its own when
 *    a mention of S has office; with two or more, to none unless so.
 *
 * An article is in the folders of its keys. Because this depends on the
 * set of rows and not on the order they came in, indexing A then B gives
 * the same folders as B then A, and a later run can make an earlier
 * article's mention count.
 *
 * Staying linear: a run never compares articles. Each transaction notes
 * the keys its articles added or lost (person_dirty); at commit only
 * those keys, and the surnames that are words of full names whose
 * folder changed, are looked at again; only the articles of keys
 * whose folder changed, and the articles stored, are linked again. A key
 * changes folder rarely (established once), so each mention is relinked
 * a bounded number of times over the life of the index.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int step_stmt(struct idx *ix, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	return st ? idx_step_done(ix, st, what) : -EIO;
}

static int step_id(struct idx *ix, enum stmt_id sid, int64_t id)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	return idx_step_done(ix, st, "cannot record officials");
}

static int store_one(struct idx *ix, const struct idx_official_in *p,
		     int64_t id, int office)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_MENTION_INSERT);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, office);
	sqlite3_bind_text(st, 4, p->name, -1, SQLITE_STATIC);
	int rc = idx_step_done(ix, st, "cannot record a name");
	if (rc)
		return rc;
	if (!(st = idx_stmt(ix, ST_PERSON_NAME_ADD)))
		return -EIO;
	sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	if ((rc = idx_step_done(ix, st, "cannot record a name")))
		return rc;
	static const enum stmt_id by_key[] = {
		ST_PERSON_WORD_ADD, ST_PERSON_DIRTY,
	};
	for (size_t i = 0; i < NFS_ARRAY_SIZE(by_key); i++) {
		if (!(st = idx_stmt(ix, by_key[i])))
			return -EIO;
		sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
		if ((rc = idx_step_done(ix, st, "cannot record a name")))
			return rc;
	}
	return 0;
}

/* A first run keeps its mentions as they come, for
 * idx_people_resolve_all(). */
static int store_aside(struct idx *ix, const struct idx_official_in *p,
		       int64_t id, int n, int office)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_BUILD_MENTION);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, n);
	sqlite3_bind_text(st, 3, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, office);
	sqlite3_bind_text(st, 5, p->name, -1, SQLITE_STATIC);
	return idx_step_done(ix, st, "cannot record a name");
}

int idx_people_store(struct idx *ix, const struct idx_article_in *a,
		     int64_t id)
{
	if (ix->build) {
		int rc = 0, n = 0;
		for (size_t i = 0; !rc && i < a->nofficials; i++)
			rc = store_aside(ix, &a->officials[i], id, n++, 1);
		for (size_t i = 0; !rc && i < a->npeople; i++)
			rc = store_aside(ix, &a->people[i], id, n++, 0);
		return rc;
	}
	int rc = step_id(ix, ST_PERSON_RELINK, id);
	for (size_t i = 0; !rc && i < a->nofficials; i++)
		rc = store_one(ix, &a->officials[i], id, 1);
	for (size_t i = 0; !rc && i < a->npeople; i++)
		rc = store_one(ix, &a->people[i], id, 0);
	return rc;
}

/* Forget the mentions of the articles in person_gone. */
static int forget_gone(struct idx *ix)
{
	static const enum stmt_id steps[] = {
		ST_FORGET_DIRTY, ST_FORGET_NAMES, ST_FORGET_NAMES_ZERO,
		ST_FORGET_MENTIONS, ST_FORGET_HITS, ST_FORGET_DONE,
	};
	int rc = 0;
	if (ix->build)
		rc = step_stmt(ix, ST_BUILD_FORGET, "cannot forget names");
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(steps); i++)
		rc = step_stmt(ix, steps[i], "cannot forget names");
	return rc;
}

int idx_people_forget(struct idx *ix, int64_t id)
{
	int rc = step_id(ix, ST_PERSON_GONE, id);
	return rc ? rc : forget_gone(ix);
}

int idx_people_forget_orphans(struct idx *ix)
{
	int rc = step_stmt(ix, ST_PERSON_GONE_ORPHANS, "cannot forget names");
	return rc ? rc : forget_gone(ix);
}

/* The folder (official id) of key, created if new and named by the
 * fullest form the index commonly writes (ST_PERSON_BEST_NAME). */
static int folder_id(struct idx *ix, const char *key, int64_t *fid)
{
	int rc = idx_one_int_text(ix, ST_OFFICIAL_ID, key, fid);
	if (rc != -ENOENT)
		return rc;
	char name[NFS_NAME_MAX + 1];
	sqlite3_stmt *st = idx_stmt(ix, ST_PERSON_BEST_NAME);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	const char *best = rc == SQLITE_ROW ? idx_column_name(st, 0) : NULL;
	snprintf(name, sizeof(name), "%s", best ? best : key);
	idx_stmt_done(st);
	/* Two keys never write one name the same way, but a damaged or
	 * hand-edited index might: the second gets its key added. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!(st = idx_stmt(ix, ST_OFFICIAL_UPSERT)))
			return -EIO;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if ((rc = idx_step_done(ix, st, "cannot create a folder")))
			return rc;
		if (sqlite3_changes(ix->db) > 0)
			break;
		char other[NFS_NAME_MAX + 1];
		snprintf(other, sizeof(other), "%.120s (%.120s)", name, key);
		memcpy(name, other, sizeof(name));
	}
	rc = idx_one_int_text(ix, ST_OFFICIAL_ID, key, fid);
	return rc ? rc : idx_note_change(ix, IDX_F_BY_OFFICIAL, 0);
}

/* Collect column 0 of a statement bound to id: int64s or strings. */
static int collect(struct idx *ix, enum stmt_id sid, int64_t id,
		   bool text, struct sbuf *out)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	if (sid != ST_RESOLVE_RELINK_IDS && sid != ST_RESOLVE_KEYS_GONE &&
	    sid != ST_BUILD_FOLDERS)
		sqlite3_bind_int64(st, 1, id);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (text) {
			const char *s = (const char *)sqlite3_column_text(st, 0);
			ret = s ? sbuf_add(out, s, strlen(s) + 1) : 0;
		} else {
			int64_t v = sqlite3_column_int64(st, 0);
			ret = sbuf_add(out, &v, sizeof(v));
		}
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read officials");
	idx_stmt_done(st);
	return ret;
}

static bool has_id(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

static int link_ids(struct idx *ix, enum stmt_id sid, int64_t a, int64_t b)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (sid == ST_OFFICIAL_GONE_ENTRY)
		sqlite3_bind_int64(st, 3, (int64_t)time(NULL));
	return idx_step_done(ix, st, "cannot link officials");
}

/* Make article id's official links what its mentions resolve to now. */
static int relink(struct idx *ix, int64_t id)
{
	struct sbuf keys = {0}, want = {0}, have = {0};
	int rc = collect(ix, ST_ARTICLE_FOLDERS, id, true, &keys);
	for (size_t off = 0; !rc && off < keys.len;) {
		const char *k = keys.buf + off;
		int64_t fid;
		rc = folder_id(ix, k, &fid);
		if (!rc)
			rc = sbuf_add(&want, &fid, sizeof(fid));
		off += strlen(k) + 1;
	}
	if (!rc)
		rc = collect(ix, ST_ARTICLE_OFFICIAL_IDS, id, false, &have);
	const int64_t *w = (const int64_t *)(const void *)want.buf;
	const int64_t *h = (const int64_t *)(const void *)have.buf;
	size_t nw = want.len / sizeof(*w), nh = have.len / sizeof(*h);
	bool changed = false;
	for (size_t i = 0; !rc && i < nh; i++) {
		if (has_id(w, nw, h[i]))
			continue;
		rc = link_ids(ix, ST_OFFICIAL_GONE_ENTRY, h[i], id);
		if (!rc)
			rc = link_ids(ix, ST_ARTICLE_OFFICIAL_UNLINK, h[i], id);
		if (!rc)
			rc = step_id(ix, ST_PERSON_LOST, h[i]);
		changed = true;
	}
	for (size_t i = 0; !rc && i < nw; i++) {
		if (has_id(h, nh, w[i]) || has_id(w, i, w[i]))
			continue;
		rc = link_ids(ix, ST_ARTICLE_OFFICIAL_INSERT, w[i], id);
		if (!rc)
			rc = idx_note_change(ix, IDX_F_OFFICIAL, w[i]);
		changed = true;
	}
	if (!rc && changed) {
		rc = step_id(ix, ST_ARTICLE_RECOUNT, id);
		if (!rc)
			rc = idx_note_change(ix, IDX_F_ARTICLE, id);
	}
	sbuf_release(&keys);
	sbuf_release(&want);
	sbuf_release(&have);
	return rc;
}

/* A folder whose key is now commonly written more fully takes that name
 * (ST_PERSON_BEST_NAME); the old name leaves by-official/. */
static int rename_folders(struct idx *ix)
{
	struct sbuf rows = {0};
	sqlite3_stmt *st = idx_stmt(ix, ST_RESOLVE_FOLDERS);
	if (!st)
		return -EIO;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t fid = sqlite3_column_int64(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *key = (const char *)sqlite3_column_text(st, 2);
		if (!name || !key)
			continue;
		if ((ret = sbuf_add(&rows, &fid, sizeof(fid))) ||
		    (ret = sbuf_add(&rows, name, strlen(name) + 1)) ||
		    (ret = sbuf_add(&rows, key, strlen(key) + 1)))
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read officials");
	idx_stmt_done(st);
	for (size_t off = 0; !ret && off < rows.len;) {
		int64_t fid;
		memcpy(&fid, rows.buf + off, sizeof(fid));
		const char *name = rows.buf + off + sizeof(fid);
		const char *key = name + strlen(name) + 1;
		off += sizeof(fid) + strlen(name) + strlen(key) + 2;
		if (!(st = idx_stmt(ix, ST_PERSON_BEST_NAME))) {
			ret = -EIO;
			break;
		}
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		char best[NFS_NAME_MAX + 1] = "";
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *b = idx_column_name(st, 0);
			snprintf(best, sizeof(best), "%s", b ? b : "");
		}
		idx_stmt_done(st);
		if (!best[0] || strcmp(best, name) == 0)
			continue;
		if (!(st = idx_stmt(ix, ST_OFFICIAL_RENAME))) {
			ret = -EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, fid);
		sqlite3_bind_text(st, 2, best, -1, SQLITE_STATIC);
		if ((ret = idx_step_done(ix, st, "cannot rename a folder")) ||
		    sqlite3_changes(ix->db) == 0)
			continue;	/* another folder has that name */
		if (!(st = idx_stmt(ix, ST_OFFICIAL_GONE_NAME))) {
			ret = -EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, (int64_t)time(NULL));
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		ret = idx_step_done(ix, st, "cannot journal a rename");
		if (!ret)
			ret = idx_note_change(ix, IDX_F_BY_OFFICIAL, 0);
	}
	sbuf_release(&rows);
	return ret;
}

/* Which folder each key in person_dirty belongs to now (person). */
static const enum stmt_id resolve_keys[] = {
	ST_RESOLVE_WORK2,
	ST_RESOLVE_EST2, ST_RESOLVE_FOLDER2, ST_RESOLVE_CHANGED2,
	ST_RESOLVE_EST_WORDS,
	ST_RESOLVE_WORK1, ST_RESOLVE_EST1, ST_RESOLVE_CHANGED1,
	ST_RESOLVE_PERSON_DROP, ST_RESOLVE_PERSON_PUT,
};

/*
 * A first run's officials: the same rules over the same rows, applied
 * once to all of them instead of at every commit, and each article
 * linked once, in statements over all rows rather than one article at
 * a time. Every key is new, so none has a folder to lose or rename.
 */
int idx_people_resolve_all(struct idx *ix)
{
	int rc = idx_run(ix, SQL_BUILD_PEOPLE);
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(resolve_keys); i++)
		rc = step_stmt(ix, resolve_keys[i], "cannot resolve officials");
	if (!rc)
		rc = idx_run(ix, SQL_BUILD_LINKS);
	struct sbuf folders = {0};
	if (!rc)
		rc = collect(ix, ST_BUILD_FOLDERS, 0, true, &folders);
	for (size_t off = 0; !rc && off < folders.len;
	     off += strlen(folders.buf + off) + 1) {
		int64_t fid;
		rc = folder_id(ix, folders.buf + off, &fid);
	}
	sbuf_release(&folders);
	return rc ? rc : idx_run(ix, SQL_BUILD_LINKED);
}

int idx_people_resolve(struct idx *ix)
{
	static const enum stmt_id keys[] = {ST_RESOLVE_RELINK};
	static const enum stmt_id clear[] = {
		ST_CLEAR_DIRTY, ST_CLEAR_WORK,
		ST_CLEAR_RELINK, ST_CLEAR_LOST,
	};
	if (ix->build)
		return 0;	/* idx_people_resolve_all(), at the end */
	struct sbuf gone = {0};
	int rc = collect(ix, ST_RESOLVE_KEYS_GONE, 0, true, &gone);
	for (size_t off = 0; !rc && off < gone.len;
	     off += strlen(gone.buf + off) + 1) {
		sqlite3_stmt *st = idx_stmt(ix, ST_PERSON_WORD_DROP);
		if (!st) {
			rc = -EIO;
			break;
		}
		sqlite3_bind_text(st, 1, gone.buf + off, -1, SQLITE_STATIC);
		rc = idx_step_done(ix, st, "cannot forget a name");
	}
	sbuf_release(&gone);
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(resolve_keys); i++)
		rc = step_stmt(ix, resolve_keys[i], "cannot resolve officials");
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(keys); i++)
		rc = step_stmt(ix, keys[i], "cannot resolve officials");
	struct sbuf ids = {0};
	if (!rc)
		rc = collect(ix, ST_RESOLVE_RELINK_IDS, 0, false, &ids);
	const int64_t *v = (const int64_t *)(const void *)ids.buf;
	for (size_t i = 0; !rc && i < ids.len / sizeof(*v); i++)
		rc = relink(ix, v[i]);
	sbuf_release(&ids);
	if (!rc) {
		sqlite3_stmt *st = idx_stmt(ix, ST_LOST_JOURNAL);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, (int64_t)time(NULL));
		rc = idx_step_done(ix, st, "cannot journal a folder");
	}
	if (!rc)
		rc = step_stmt(ix, ST_LOST_DELETE, "cannot delete a folder");
	if (!rc && sqlite3_changes(ix->db) > 0)
		rc = idx_note_change(ix, IDX_F_BY_OFFICIAL, 0);
	if (!rc)
		rc = rename_folders(ix);
	for (size_t i = 0; !rc && i < NFS_ARRAY_SIZE(clear); i++)
		rc = step_stmt(ix, clear[i], "cannot resolve officials");
	return rc;
}

int idx_official_why(struct idx *ix, int64_t id, idx_official_why_fn fn,
		     void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_OFFICIAL_WHY);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct idx_official_why w = {
			.folder = (const char *)sqlite3_column_text(st, 0),
			.key = (const char *)sqlite3_column_text(st, 1),
			.office = sqlite3_column_int(st, 2) != 0,
			.established = (const char *)sqlite3_column_text(st, 3),
		};
		if (w.folder && w.key && (ret = fn(ctx, &w)))
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read officials");
	idx_stmt_done(st);
	return ret;
}

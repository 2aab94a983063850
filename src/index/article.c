/*
 * Articles: finding one by its hash; adding one (its row, its bytes, its
 * file name and its facets); refreshing what extraction said about one.
 *
 * The file name is the article's identity in every view, so it must be
 * unique in the whole index and must not change while the article exists.
 * It is chosen once, here: "<date> <title>.txt", and when another article
 * already has that name, the first hex digits of the content hash are
 * added, then a counter. The first article keeps the plain name for as
 * long as it exists.
 */
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bind what extraction decided (?2 name, ?4 date, ?5 mtime, ?6 nlink,
 * ?7 version); insert and update share these parameter numbers. */
static void bind_extracted(sqlite3_stmt *st, const struct idx_article_in *a,
			   const char *name)
{
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (a->date)
		sqlite3_bind_int(st, 4, a->date);
	sqlite3_bind_int64(st, 5, a->mtime);
	/* Officials are linked, and counted, at commit (official.c). */
	sqlite3_bind_int64(st, 6, 2 + (int64_t)a->ncountries +
			   (int64_t)a->npublications);
	sqlite3_bind_int64(st, 7, a->ext_version);
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

/* Insert a new row (self 0) or rename article self. Both statements do
 * nothing when another article has the name (or, inserting, the hash). */
static int write_row(struct idx *ix, const struct idx_article_in *a,
		     int64_t self, const char *name)
{
	sqlite3_stmt *st = idx_stmt(ix, self ? ST_ARTICLE_UPDATE
					     : ST_ARTICLE_INSERT);
	if (!st)
		return -EIO;
	if (self) {
		sqlite3_bind_int64(st, 1, self);
	} else {
		sqlite3_bind_blob(st, 1, a->hash, NFS_HASH_LEN, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (int64_t)a->size);
	}
	bind_extracted(st, a, name);
	return idx_step_done(ix, st, self ? "cannot update article"
					  : "cannot store article");
}

/* The tag of the k-th name tried for content whose hash is hex: none,
 * then 8, 16 and all 32 hex digits of the hash, then the first 16 and a
 * counter from 2. */
static void name_tag(char *t, size_t n, const char *hex, int64_t k)
{
	if (k < 4)
		snprintf(t, n, "%.*s", k ? 4 << k : 0, hex);
	else
		snprintf(t, n, "%.16s-%lld", hex, (long long)(k - 2));
}

/* Write the row under the first name no other article has. The write
 * itself tells whether the name was free, so a new article costs one
 * search of the name index, not a lookup and then the insert's own.
 * Anyone may title files after a hash they know, but each name tried
 * fails only because one article holds it: the counter ends before the
 * number of articles, so planted names never leave an article without
 * one, and an article that has a name keeps it.
 * -EEXIST (inserting only): content with a's hash is stored already, as
 * article *holder, whose facets extractor *version made; a rename
 * passes NULL for both. */
static int put_row(struct idx *ix, const struct idx_article_in *a,
		   int64_t self, int64_t *holder, uint32_t *version)
{
	char hex[2 * NFS_HASH_LEN + 1];
	nfs_hash_hex(a->hash, hex);
	const char *title = a->title ? a->title : "";
	int64_t limit = INT64_MAX;
	for (int64_t k = 0; k <= limit; k++) {
		char t[48], name[NFS_NAME_MAX + 1];
		name_tag(t, sizeof(t), hex, k);
		nfs_article_name(name, a->date, title, strlen(title),
				 k ? t : NULL);
		int rc = write_row(ix, a, self, name);
		if (rc || sqlite3_changes(ix->db) > 0)
			return rc;
		if (!self && k == 0) {
			rc = idx_article_find(ix, a->hash, holder, version);
			if (rc != -ENOENT)
				return rc ? rc : -EEXIST;
		}
		/* Past the hash, bound the search by what can hold names,
		 * the largest id (a damaged index, or a rename of a row
		 * that is gone, must not loop for ever). */
		sqlite3_stmt *st;
		if (k == 3 && (st = idx_stmt(ix, ST_ARTICLE_MAX_ID)) &&
		    (rc = idx_one_int(ix, st, &limit)) == 0)
			limit += 4;
		else if (k == 3)
			return rc ? rc : -EIO;
	}
	snprintf(ix->errmsg, sizeof(ix->errmsg),
		 "no unique name for article %s (damaged index?)", hex);
	return -EIO;
}

static int insert_row(struct idx *ix, const struct idx_article_in *a,
		      int64_t *id, uint32_t *version)
{
	int rc = put_row(ix, a, 0, id, version);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(ix->db);

	sqlite3_stmt *st = idx_stmt(ix, ST_CONTENT_INSERT);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_blob64(st, 2, a->body, a->size, SQLITE_STATIC);
	rc = idx_step_done(ix, st, "cannot store article bytes");
	if (!rc)
		idx_pack_added(ix, *id, a->size);
	return rc ? rc : idx_fts_add(ix, *id);
}

/* Run a statement bound to up to two text values and an optional int. */
static int exec_bound(struct idx *ix, enum stmt_id sid, const char *t1,
		      const char *t2, int64_t i1, int64_t i2)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	if (t1) {
		sqlite3_bind_text(st, 1, t1, -1, SQLITE_STATIC);
		if (t2)
			sqlite3_bind_text(st, 2, t2, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, 1, i1);
		sqlite3_bind_int64(st, 2, i2);
	}
	return idx_step_done(ix, st, "cannot store facet");
}

/* The id of a country or a publication, created if new. (Officials get
 * their folders from official.c at commit: one per person across
 * articles.) */
int idx_facet_id(struct idx *ix, enum idx_facet f, const char *name,
		 int64_t *fid)
{
	bool pub = f == IDX_PUBLICATION;
	if (idx_facet_cache_get(ix, f, name, fid))
		return 0;
	int rc = exec_bound(ix, pub ? ST_PUBLICATION_UPSERT : ST_COUNTRY_UPSERT,
			    name, NULL, 0, 0);
	bool created = !rc && sqlite3_changes(ix->db) > 0;
	if (!rc)
		rc = idx_one_int_text(ix, pub ? ST_PUBLICATION_ID
					      : ST_COUNTRY_ID, name, fid);
	if (!rc)
		idx_facet_cache_put(ix, f, name, *fid);
	if (!rc && created)
		rc = idx_note_change(ix, pub ? IDX_F_BY_PUBLICATION
					     : IDX_F_BY_COUNTRY, 0);
	return rc;
}

/* Link the article to a country or publication. OUT: *linked, whether
 * a new link was made. */
static int link_facet(struct idx *ix, enum idx_facet f, const char *name,
		      int64_t article, bool *linked)
{
	bool pub = f == IDX_PUBLICATION;
	int64_t fid;
	int rc = idx_facet_id(ix, f, name, &fid);
	if (!rc)
		rc = idx_note_change(ix, pub ? IDX_F_PUBLICATION
					     : IDX_F_COUNTRY, fid);
	/* "unknown" holds most articles of a corpus without publishers'
	 * names, spread over the whole article table: its listing reads
	 * the articles in order anyway, so a copy of each would only take
	 * room (schema 12). */
	enum stmt_id ins = !pub ? ST_ARTICLE_COUNTRY_INSERT
			   : strcmp(name, IDX_PUBLICATION_UNKNOWN) == 0
			   ? ST_ARTICLE_PUBLICATION_BARE
			   : ST_ARTICLE_PUBLICATION_INSERT;
	if (!rc)
		rc = exec_bound(ix, ins, NULL, NULL, fid, article);
	*linked = !rc && sqlite3_changes(ix->db) > 0;
	return rc;
}

/* Link the article to its countries. OUT: *links, how many new links
 * were made. */
static int link_facets(struct idx *ix, const struct idx_article_in *a,
		       int64_t id, int64_t *links)
{
	*links = 0;
	for (size_t i = 0; i < a->ncountries; i++) {
		bool linked;
		int rc = link_facet(ix, IDX_COUNTRY, a->countries[i], id,
				    &linked);
		if (rc)
			return rc;
		*links += linked;
	}
	for (size_t i = 0; i < a->npublications; i++) {
		bool linked;
		int rc = link_facet(ix, IDX_PUBLICATION, a->publications[i],
				    id, &linked);
		if (rc)
			return rc;
		*links += linked;
	}
	return idx_people_store(ix, a, id);
}

int idx_article_publication(struct idx *ix, int64_t id, const char *name)
{
	bool linked;
	int rc = link_facet(ix, IDX_PUBLICATION, name, id, &linked);
	if (rc || !linked)
		return rc;
	/* One more folder shows it: nlink counts entries. */
	rc = exec_bound(ix, ST_ARTICLE_NLINK_ADD, NULL, NULL, id, 0);
	return rc ? rc : idx_note_change(ix, IDX_F_ARTICLE, id);
}

/* Facets, the nlink that counts them, and the calendar day. */
static int store_facets(struct idx *ix, const struct idx_article_in *a,
			int64_t id)
{
	int64_t links = 0;
	int rc = idx_note_change(ix, IDX_F_ALL, 0);
	if (!rc)
		rc = idx_note_date(ix, a->date);
	if (!rc)
		rc = link_facets(ix, a, id, &links);
	if (!rc && links != (int64_t)(a->ncountries + a->npublications)) {
		/* Two inputs named one folder; nlink must count entries. */
		rc = exec_bound(ix, ST_ARTICLE_SET_NLINK, NULL, NULL, id,
				2 + links);
	}
	if (!rc && a->date) {
		sqlite3_stmt *st = idx_stmt(ix, ST_DAY_INSERT);
		if (!st)
			return -EIO;
		sqlite3_bind_int(st, 1, a->date);
		rc = idx_step_done(ix, st, "cannot store date");
	}
	return rc;
}

int idx_article_add(struct idx *ix, const struct idx_article_in *a,
		    int64_t *id, uint32_t *version)
{
	int rc = insert_row(ix, a, id, version);
	return rc ? rc : store_facets(ix, a, *id);
}

/* Remove an article's links, noting each facet value (and its day) as
 * one that may now be empty. */
static int unlink_facets(struct idx *ix, int64_t id)
{
	static const enum stmt_id unlink[3][2] = {
		{ST_ARTICLE_UNLINK_COUNTRIES, ST_GC_COUNTRY_ADD},
		{ST_ARTICLE_UNLINK_OFFICIALS, ST_GC_OFFICIAL_ADD},
		{ST_ARTICLE_UNLINK_PUBLICATIONS, ST_GC_PUBLICATION_ADD},
	};
	int rc = exec_bound(ix, ST_GC_DAY_ADD, NULL, NULL, id, 0);
	for (int f = 0; !rc && f < 3; f++) {
		sqlite3_stmt *st = idx_stmt(ix, unlink[f][0]);
		if (!st)
			return -EIO;
		sqlite3_bind_int64(st, 1, id);
		struct sbuf ids = {0};
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t fid = sqlite3_column_int64(st, 0);
			if (sbuf_add(&ids, &fid, sizeof(fid)))
				break;
		}
		rc = rc == SQLITE_DONE ? 0 : rc == SQLITE_ROW ? -ENOMEM
			: idx_fail(ix, rc, "cannot unlink facets");
		idx_stmt_done(st);
		const int64_t *v = (const int64_t *)(const void *)ids.buf;
		for (size_t i = 0; !rc && i < ids.len / sizeof(*v); i++)
			rc = exec_bound(ix, unlink[f][1], NULL, NULL, v[i], 0);
		sbuf_release(&ids);
	}
	return rc;
}

static int refresh(struct idx *ix, int64_t id,
		   const struct idx_article_in *a)
{
	/* Its old name leaves every folder it was in; the inode stays and
	 * its attributes (nlink, mtime) change. */
	int rc = idx_journal_gone_article(ix, id);
	if (!rc)
		rc = idx_note_change(ix, IDX_F_ARTICLE, id);
	if (!rc)
		rc = unlink_facets(ix, id);
	if (!rc)
		rc = idx_people_forget(ix, id);
	/* The headline is part of the name: its words go out and in. */
	if (!rc)
		rc = idx_fts_drop(ix, id);
	if (!rc)
		rc = put_row(ix, a, id, NULL, NULL);
	if (!rc)
		rc = idx_fts_add(ix, id);
	return rc ? rc : store_facets(ix, a, id);
}

/* The names of the publications of article id that a source other than
 * path gave, each followed by a NUL, into out. */
static int other_publications(struct idx *ix, int64_t id, const char *path,
			      struct sbuf *out)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_OTHER_PUBLICATIONS);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = SQLITE_DONE, ret = idx_src_bind(ix, st, 2, 0, path ? path : "",
				   path ? strlen(path) : 0);
	while (!ret && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = idx_column_name(st, 0);
		if (s && (sbuf_addstr(out, s) || sbuf_addch(out, '\0')))
			ret = -ENOMEM;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read sources");
	idx_stmt_done(st);
	return ret;
}

int idx_article_refresh(struct idx *ix, int64_t id,
			const struct idx_article_in *a, const char *path)
{
	struct sbuf others = {0};
	int rc = other_publications(ix, id, path, &others);
	if (!rc)
		rc = refresh(ix, id, a);
	/* Linked again to what its other sources gave. */
	for (size_t at = 0; !rc && at < others.len;
	     at += strlen(others.buf + at) + 1)
		rc = idx_article_publication(ix, id, others.buf + at);
	sbuf_release(&others);
	return rc;
}

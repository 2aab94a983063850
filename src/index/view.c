/*
 * Reading the views: the queries behind every directory and file of the
 * mount. Each is one indexed lookup or range scan; listings are keyset
 * paged on ids (id > after), so reading a directory of n entries in many
 * readdir calls costs O(n) in total, never an OFFSET rescan.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static const enum stmt_id list_stmt[] = {
	[IDX_VIEW_ALL] = ST_LIST_ALL,
	[IDX_VIEW_COUNTRY] = ST_LIST_COUNTRY,
	[IDX_VIEW_OFFICIAL] = ST_LIST_OFFICIAL,
	[IDX_VIEW_DAY] = ST_LIST_DAY,
	[IDX_VIEW_UNDATED] = ST_LIST_UNDATED,
	[IDX_VIEW_PUBLICATION] = ST_LIST_PUBLICATION,
};

static const enum stmt_id lookup_stmt[] = {
	[IDX_VIEW_ALL] = ST_LOOKUP_ALL,
	[IDX_VIEW_COUNTRY] = ST_LOOKUP_COUNTRY,
	[IDX_VIEW_OFFICIAL] = ST_LOOKUP_OFFICIAL,
	[IDX_VIEW_DAY] = ST_LOOKUP_DAY,
	[IDX_VIEW_UNDATED] = ST_LOOKUP_UNDATED,
	[IDX_VIEW_PUBLICATION] = ST_LOOKUP_PUBLICATION,
};

static const enum stmt_id has_stmt[] = {
	[IDX_VIEW_ALL] = ST_HAS_ALL,
	[IDX_VIEW_COUNTRY] = ST_HAS_COUNTRY,
	[IDX_VIEW_OFFICIAL] = ST_HAS_OFFICIAL,
	[IDX_VIEW_DAY] = ST_HAS_DAY,
	[IDX_VIEW_UNDATED] = ST_HAS_UNDATED,
	[IDX_VIEW_PUBLICATION] = ST_HAS_PUBLICATION,
};

int idx_view_has(struct idx *ix, enum idx_view v, int64_t key, int64_t id)
{
	sqlite3_stmt *st = idx_stmt(ix, has_stmt[v]);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int64(st, 2, id);
	int64_t one;
	return idx_one_int(ix, st, &one);
}

/* Columns as in stmt.c's ART_COLS: id, name, size, mtime, date, nlink. */
static void row_attr(sqlite3_stmt *st, struct idx_attr *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->size = sqlite3_column_int64(st, 2);
	a->mtime = sqlite3_column_int64(st, 3);
	a->date = sqlite3_column_int(st, 4);
	a->nlink = (uint32_t)sqlite3_column_int(st, 5);
}

int idx_view_list(struct idx *ix, enum idx_view v, int64_t key,
		  int64_t after, idx_article_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, list_stmt[v]);
	if (!st)
		return -EIO;
	if (v != IDX_VIEW_ALL && v != IDX_VIEW_UNDATED)
		sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int64(st, 2, after);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct idx_attr a;
		const char *name = idx_column_name(st, 1);
		row_attr(st, &a);
		/* Ids must rise: listings are paged on them, and a damaged
		 * index must not make a reader go round for ever. */
		if (!name || a.id <= after || a.id > IDX_ID_MAX)
			continue;
		after = a.id;
		ret = fn(ctx, &a, name);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot list articles");
	idx_stmt_done(st);
	return ret;
}

/* Step st once: 0 and the row's attributes, or -ENOENT. */
static int one_article(struct idx *ix, sqlite3_stmt *st, struct idx_attr *a)
{
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW)
		row_attr(st, a);
	else
		ret = rc == SQLITE_DONE ? -ENOENT
					: idx_fail(ix, rc, "cannot read article");
	idx_stmt_done(st);
	return ret;
}

int idx_view_lookup(struct idx *ix, enum idx_view v, int64_t key,
		    const char *name, struct idx_attr *a)
{
	sqlite3_stmt *st = idx_stmt(ix, lookup_stmt[v]);
	if (!st)
		return -EIO;
	if (v != IDX_VIEW_ALL && v != IDX_VIEW_UNDATED)
		sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return one_article(ix, st, a);
}

int idx_article_attr(struct idx *ix, int64_t id, struct idx_attr *a)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ARTICLE_ATTR);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	return one_article(ix, st, a);
}

int idx_articles_by_id(struct idx *ix, const int64_t *ids, size_t n,
		       idx_article_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ARTICLE_ATTR);
	sqlite3_stmt *begin = idx_stmt(ix, ST_READ_BEGIN);
	sqlite3_stmt *end = idx_stmt(ix, ST_COMMIT);
	if (!st || !begin || !end)
		return -EIO;
	/* One read transaction for all of them: alone, each lookup would
	 * take and drop SQLite's shared lock (an fcntl and an fstat), which
	 * cost more than the lookup itself. */
	int ret = idx_step_done(ix, begin, "cannot read articles");
	for (size_t i = 0; !ret && i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			struct idx_attr a;
			const char *name = idx_column_name(st, 1);
			row_attr(st, &a);
			if (name)
				ret = fn(ctx, &a, name);
		} else if (rc != SQLITE_DONE) {
			ret = idx_fail(ix, rc, "cannot read article");
		}
		sqlite3_reset(st);
	}
	idx_stmt_done(st);
	if (sqlite3_get_autocommit(ix->db) == 0) {
		int rc = idx_step_done(ix, end, "cannot read articles");
		ret = ret ? ret : rc;
	}
	return ret;
}

int idx_article_read(struct idx *ix, int64_t id, void *buf, size_t size,
		     int64_t off, size_t *got)
{
	sqlite3_blob *blob;
	*got = 0;
	/* Opened per read and closed at once: an open blob holds a read
	 * transaction, which would hide the next index run from the mount. */
	int rc = sqlite3_blob_open(ix->db, "main", "content", "body", id, 0,
				   &blob);
	if (rc != SQLITE_OK)
		return rc == SQLITE_ERROR ? -ENOENT
					  : idx_fail(ix, rc, "cannot open article");
	int64_t len = sqlite3_blob_bytes(blob);
	if (off < len) {
		int64_t n = len - off < (int64_t)size ? len - off : (int64_t)size;
		rc = sqlite3_blob_read(blob, buf, (int)n, (int)off);
		if (rc == SQLITE_OK)
			*got = (size_t)n;
	}
	int ret = rc == SQLITE_OK ? 0 : idx_fail(ix, rc, "cannot read article");
	sqlite3_blob_close(blob);
	return ret;
}

int idx_article_hash(struct idx *ix, int64_t id, uint8_t hash[NFS_HASH_LEN])
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ARTICLE_HASH);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st), ret = -ENOENT;
	if (rc == SQLITE_ROW &&
	    sqlite3_column_bytes(st, 0) == NFS_HASH_LEN) {
		memcpy(hash, sqlite3_column_blob(st, 0), NFS_HASH_LEN);
		ret = 0;
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ret = idx_fail(ix, rc, "cannot read hash");
	}
	idx_stmt_done(st);
	return ret;
}

/* Append column 0 of every row of st to out, separated by sep. */
static int join_rows(struct idx *ix, sqlite3_stmt *st, char sep,
		     struct sbuf *out)
{
	int rc, ret = 0;
	bool first = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if ((!first && sbuf_addch(out, sep)) || sbuf_addstr(out, s ? s : "")) {
			ret = -ENOMEM;
			break;
		}
		first = false;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read article facets");
	idx_stmt_done(st);
	return ret;
}

static int join_for_article(struct idx *ix, enum stmt_id sid, int64_t id,
			    char sep, struct sbuf *out)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	return join_rows(ix, st, sep, out);
}

int idx_article_facets(struct idx *ix, int64_t id, enum idx_facet f,
		       char sep, struct sbuf *out)
{
	return join_for_article(ix, f == IDX_COUNTRY ? ST_ARTICLE_COUNTRIES
				: f == IDX_OFFICIAL ? ST_ARTICLE_OFFICIALS
						    : ST_ARTICLE_PUBLICATIONS,
				id, sep, out);
}

/* The last line of a list of sources cut short: how many were left out
 * and the command that lists them all. */
static int sources_note(struct idx *ix, int64_t id, int64_t more,
			struct sbuf *out)
{
	uint8_t h[NFS_HASH_LEN];
	char hex[2 * NFS_HASH_LEN + 1];
	int rc = idx_article_hash(ix, id, h);
	if (rc)
		return rc;
	nfs_hash_hex(h, hex);
	const char *db = sqlite3_db_filename(ix->db, "main");
	rc = sbuf_addf(out, "... and %lld more; all of them: newsfs export "
		       "--db '", (long long)more);
	for (const char *p = db ? db : ""; !rc && *p; p++)
		rc = *p == '\'' ? sbuf_addstr(out, "'\\''") : sbuf_addch(out, *p);
	return rc ? rc : sbuf_addf(out, "' | grep %s", hex);
}

int idx_article_sources(struct idx *ix, int64_t id, char sep,
			struct sbuf *out)
{
	return join_for_article(ix, ST_ARTICLE_SOURCES, id, sep, out);
}

int idx_article_sources_max(struct idx *ix, int64_t id, char sep,
			    size_t max, struct sbuf *out)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ARTICLE_SOURCES);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	/* Room kept for the note, should the list not fit: its words, a
	 * count, a hash and the index's path, quoted (see sources_note). */
	const char *db = sqlite3_db_filename(ix->db, "main");
	size_t note = sizeof("... and  more; all of them: newsfs export --db "
			     "'' | grep ") + 20 + 2 * NFS_HASH_LEN;
	for (const char *p = db ? db : ""; *p; p++)
		note += *p == '\'' ? 4 : 1;
	size_t start = out->len, cut = start;
	int64_t n = 0, kept = 0;
	bool full = false;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (full)
			continue;	/* counted, not listed */
		const void *s = sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		size_t after = out->len - start + (n > 1) + len;
		if (after > max) {
			full = true;
			continue;
		}
		if ((n > 1 && sbuf_addch(out, sep)) || sbuf_add(out, s, len)) {
			ret = -ENOMEM;
			break;
		}
		if (after + 1 + note <= max) {
			cut = out->len;
			kept = n;
		}
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot read article sources");
	idx_stmt_done(st);
	if (ret || !full)
		return ret;
	/* Cut after the last path that leaves room for the note. */
	out->len = cut;
	if (out->buf)
		out->buf[cut] = '\0';
	if (kept && (ret = sbuf_addch(out, sep)))
		return ret;
	return sources_note(ix, id, n - kept, out);
}

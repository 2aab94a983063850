/*
 * Every SQL statement newsfs runs after the schema exists, in one table.
 * Statements are prepared on first use with SQLITE_PREPARE_PERSISTENT and
 * kept for the life of the connection; callers reset them after each use
 * (idx_stmt_done) so no read transaction is left open, which would pin an
 * old snapshot and stop the mount from seeing a new index run.
 *
 * Every value is a bound parameter; no SQL is ever built from input.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* What a view shows of an article besides its id, with each column
 * prefixed by t ("a." for article a). article_official keeps a copy of
 * the same columns (schema 6), so an official's listing is the same row. */
#define VIEW_COLS(t) t "name, " t "size, " t "mtime, " t "date, " t "nlink"

/* Columns of an article row as the views need them, in this order:
 * id, name, size, mtime, date, nlink. */
#define ART_COLS "a.id, " VIEW_COLS("a.")

/* A field of an official's copy of an article, with its value, when it
 * differs from the article's own: what a stale copy shows in a listing. */
#define STALE(field, value) \
	" CASE WHEN o." field " IS NOT a." field " THEN '" field " ' || " \
	value " || ', ' ELSE '' END ||"

static const char *const sql_text[ST__COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",

	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
			"ON CONFLICT(key) DO UPDATE SET value = excluded.value",

	[ST_SOURCE_ANY] = "SELECT 1 FROM source LIMIT 1",
	[ST_SOURCE_GET] = "SELECT s.id, s.size, s.mtime_ns, s.ino, "
			  "s.article_id, a.ext_version FROM source s "
			  "JOIN article a ON a.id = s.article_id WHERE s.path = ?1",
	[ST_SOURCE_SEEN] = "UPDATE source SET run = ?2 WHERE id = ?1",
	[ST_SOURCE_PUT] =
		"INSERT INTO source(path, article_id, size, mtime_ns, ino, run) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(path) DO UPDATE SET "
		"article_id = excluded.article_id, size = excluded.size, "
		"mtime_ns = excluded.mtime_ns, ino = excluded.ino, "
		"run = excluded.run",
	[ST_SOURCE_OLD_ARTICLE] = "SELECT article_id FROM source WHERE path = ?1",
	[ST_SOURCE_DROP] = "DELETE FROM source WHERE path = ?1 "
			   "RETURNING article_id",
	[ST_SOURCE_UNSEEN] = "SELECT id, path FROM source "
			     "WHERE path >= ?1 AND path < ?2 AND run <> ?3",
	[ST_SOURCE_DROP_ID] = "DELETE FROM source WHERE id = ?1 "
			      "RETURNING article_id",
	[ST_ARTICLE_FIND] = "SELECT id, ext_version FROM article WHERE hash = ?1",
	[ST_ARTICLE_INSERT] =
		"INSERT INTO article(hash, name, size, date, mtime, nlink, "
		"ext_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT DO NOTHING",
	/* At least the number of articles (ids are distinct and from 1),
	 * found without a scan. */
	[ST_ARTICLE_MAX_ID] = "SELECT coalesce(max(id), 0) FROM article",
	[ST_ARTICLE_UPDATE] =
		"UPDATE OR IGNORE article SET name = ?2, date = ?4, mtime = ?5, "
		"nlink = ?6, ext_version = ?7 WHERE id = ?1",
	[ST_ARTICLE_UNLINK_COUNTRIES] =
		"DELETE FROM article_country WHERE article_id = ?1 "
		"RETURNING country_id",
	[ST_ARTICLE_UNLINK_OFFICIALS] =
		"DELETE FROM article_official WHERE article_id = ?1 "
		"RETURNING official_id",
	[ST_GC_COUNTRY_ADD] = "INSERT OR IGNORE INTO gc_country(id) VALUES (?1)",
	[ST_GC_OFFICIAL_ADD] = "INSERT OR IGNORE INTO gc_official(id) "
			       "VALUES (?1)",
	[ST_GC_DAY_ADD] = "INSERT OR IGNORE INTO gc_day(ymd) "
			  "SELECT date FROM article WHERE id = ?1 AND date IS NOT NULL",
	[ST_ARTICLE_SET_NLINK] = "UPDATE article SET nlink = ?2 WHERE id = ?1",
	[ST_CONTENT_INSERT] = "INSERT INTO content(id, body) VALUES (?1, ?2)",
	[ST_PACK_STATE] = "SELECT NOT EXISTS (SELECT 1 FROM content),"
		" coalesce((SELECT seq FROM sqlite_sequence"
		" WHERE name = 'article'), 0),"
		" (SELECT page_size FROM pragma_page_size)",
	[ST_COUNTRY_UPSERT] = "INSERT INTO country(name) VALUES (?1) "
			      "ON CONFLICT(name) DO NOTHING",
	[ST_COUNTRY_ID] = "SELECT id FROM country WHERE name = ?1",
	[ST_ARTICLE_COUNTRY_INSERT] =
		"INSERT OR IGNORE INTO article_country(country_id, article_id) "
		"VALUES (?1, ?2)",
	[ST_OFFICIAL_UPSERT] = "INSERT INTO official(key, name) VALUES (?1, ?2) "
			       "ON CONFLICT DO NOTHING",
	[ST_OFFICIAL_ID] = "SELECT id FROM official WHERE key = ?1",
	[ST_ARTICLE_OFFICIAL_INSERT] =
		"INSERT OR IGNORE INTO article_official(official_id, article_id, "
		VIEW_COLS("") ") SELECT ?1, id, " VIEW_COLS("") " FROM article"
		" WHERE id = ?2",
	[ST_WORD_OFFICIALS] = "SELECT official_id FROM official_word "
			      "WHERE word = ?1 LIMIT 2",
	[ST_WORD_INSERT] = "INSERT OR IGNORE INTO official_word(word, official_id) "
			   "VALUES (?1, ?2)",
	[ST_MERGE_GONE] = "INSERT INTO change(at, folder, key, name) "
			  "SELECT ?3, 8, 0, name FROM official WHERE id = ?1",
	[ST_MERGE_SHARED] =
		"INSERT INTO change(at, folder, key, name) "
		"SELECT ?3, 10, a.article_id, '' FROM article_official a "
		"WHERE a.official_id = ?1 AND a.article_id IN "
		"(SELECT article_id FROM article_official WHERE official_id = ?2)",
	[ST_MERGE_NLINK] =
		"UPDATE article SET nlink = nlink - 1 WHERE id IN "
		"(SELECT article_id FROM article_official WHERE official_id = ?1) "
		"AND id IN "
		"(SELECT article_id FROM article_official WHERE official_id = ?2)",
	[ST_MERGE_MOVE] = "UPDATE OR IGNORE article_official SET official_id = ?2 "
			  "WHERE official_id = ?1",
	[ST_MERGE_DROP_LINKS] = "DELETE FROM article_official "
				"WHERE official_id = ?1",
	[ST_OFFICIAL_DELETE] = "DELETE FROM official WHERE id = ?1",
	[ST_DAY_INSERT] = "INSERT OR IGNORE INTO day(ymd) VALUES (?1)",
	[ST_GC_CANDIDATE_ADD] = "INSERT OR IGNORE INTO gc_candidate(id) "
				"VALUES (?1)",

	[ST_LIST_ALL] = "SELECT " ART_COLS " FROM article a WHERE a.id > ?2 "
			"ORDER BY a.id",
	[ST_LIST_COUNTRY] =
		"SELECT " ART_COLS " FROM article_country c "
		"JOIN article a ON a.id = c.article_id "
		"WHERE c.country_id = ?1 AND c.article_id > ?2 "
		"ORDER BY c.article_id",
	[ST_LIST_OFFICIAL] =
		"SELECT o.article_id, " VIEW_COLS("o.") " FROM article_official o "
		"WHERE o.official_id = ?1 AND o.article_id > ?2 "
		"ORDER BY o.article_id",
	[ST_LIST_DAY] = "SELECT " ART_COLS " FROM article a "
			"WHERE a.date = ?1 AND a.id > ?2 ORDER BY a.id",
	[ST_LIST_UNDATED] = "SELECT " ART_COLS " FROM article a "
			    "WHERE a.date IS NULL AND a.id > ?2 "
			    "ORDER BY a.id",
	[ST_HAS_ALL] = "SELECT 1 FROM article WHERE id = ?2",
	[ST_HAS_COUNTRY] = "SELECT 1 FROM article_country "
			   "WHERE country_id = ?1 AND article_id = ?2",
	[ST_HAS_OFFICIAL] = "SELECT 1 FROM article_official "
			    "WHERE official_id = ?1 AND article_id = ?2",
	[ST_HAS_DAY] = "SELECT 1 FROM article WHERE id = ?2 AND date = ?1",
	[ST_HAS_UNDATED] = "SELECT 1 FROM article WHERE id = ?2 "
			   "AND date IS NULL",
	[ST_LOOKUP_ALL] = "SELECT " ART_COLS " FROM article a "
			  "WHERE a.name = ?2",
	[ST_LOOKUP_COUNTRY] =
		"SELECT " ART_COLS " FROM article a "
		"JOIN article_country c ON c.article_id = a.id "
		"AND c.country_id = ?1 WHERE a.name = ?2",
	[ST_LOOKUP_OFFICIAL] =
		"SELECT " ART_COLS " FROM article a "
		"JOIN article_official o ON o.article_id = a.id "
		"AND o.official_id = ?1 WHERE a.name = ?2",
	[ST_LOOKUP_DAY] = "SELECT " ART_COLS " FROM article a "
			  "WHERE a.name = ?2 AND a.date = ?1",
	[ST_LOOKUP_UNDATED] = "SELECT " ART_COLS " FROM article a "
			      "WHERE a.name = ?2 AND a.date IS NULL",
	[ST_ARTICLE_ATTR] = "SELECT " ART_COLS " FROM article a WHERE a.id = ?1",
	[ST_ARTICLE_HASH] = "SELECT hash FROM article WHERE id = ?1",
	[ST_ARTICLE_COUNTRIES] =
		"SELECT c.name FROM article_country ac "
		"JOIN country c ON c.id = ac.country_id "
		"WHERE ac.article_id = ?1 ORDER BY c.name",
	[ST_ARTICLE_OFFICIALS] =
		"SELECT o.name FROM article_official ao "
		"JOIN official o ON o.id = ao.official_id "
		"WHERE ao.article_id = ?1 ORDER BY o.name",
	[ST_ARTICLE_SOURCES] = "SELECT path FROM source WHERE article_id = ?1 "
			       "ORDER BY path",
	[ST_COUNTRY_LIST] = "SELECT id, name FROM country WHERE id > ?1 "
			    "ORDER BY id",
	[ST_OFFICIAL_LIST] = "SELECT id, name FROM official WHERE id > ?1 "
			     "ORDER BY id",
	[ST_COUNTRY_FIND] = "SELECT id FROM country WHERE name = ?1",
	[ST_OFFICIAL_FIND] = "SELECT id FROM official WHERE name = ?1",
	[ST_COUNTRY_EXISTS] = "SELECT 1 FROM country WHERE id = ?1",
	[ST_OFFICIAL_EXISTS] = "SELECT 1 FROM official WHERE id = ?1",
	/* Bounded: a day is a date, and a calendar walk must advance. */
	[ST_DAY_NEXT] = "SELECT ymd FROM day WHERE ymd >= ?1 "
			"AND ymd <= 99991231 ORDER BY ymd LIMIT 1",

	[ST_CHANGE_INSERT] = "INSERT INTO change(at, folder, key, name) "
			     "VALUES (?1, ?2, ?3, ?4)",
	[ST_CHANGES] = "SELECT id, folder, key, name FROM change WHERE id > ?1 "
		       "ORDER BY id",
	[ST_CHANGES_BOUNDS] =
		"SELECT coalesce((SELECT min(id) FROM change), 0),"
		" coalesce((SELECT seq FROM sqlite_sequence"
		"   WHERE name = 'change'), 0)",
	[ST_DATA_VERSION] = "PRAGMA data_version",

	[ST_EXPORT] =
		"SELECT s.path, a.hash, a.date, a.id, s.mtime_ns,"
		" (SELECT group_concat(name, '|') FROM (SELECT c.name"
		"   FROM article_country ac JOIN country c ON c.id = ac.country_id"
		"   WHERE ac.article_id = a.id ORDER BY c.name)),"
		" (SELECT group_concat(name, '|') FROM (SELECT o.name"
		"   FROM article_official ao JOIN official o"
		"   ON o.id = ao.official_id"
		"   WHERE ao.article_id = a.id ORDER BY o.name))"
		" FROM source s JOIN article a ON a.id = s.article_id"
		" ORDER BY s.path",
	[ST_SOURCE_LIST] =
		"SELECT s.path, s.size, s.mtime_ns, s.ino, a.hash"
		" FROM source s JOIN article a ON a.id = s.article_id"
		" ORDER BY s.path",
	[ST_STATS] =
		"SELECT (SELECT count(*) FROM article),"
		" (SELECT count(*) FROM source),"
		" (SELECT count(*) FROM country),"
		" (SELECT count(*) FROM official),"
		" (SELECT count(*) FROM article WHERE date IS NOT NULL),"
		" (SELECT total(size) FROM article),"
		" (SELECT page_count * page_size"
		"   FROM pragma_page_count(), pragma_page_size()),"
		" (SELECT value FROM meta WHERE key = 'generation')",
	[ST_INTEGRITY] = "PRAGMA integrity_check",
	[ST_CHECK_ARTICLES] =
		"SELECT a.id, a.name, a.hash, a.size, c.body FROM article a"
		" LEFT JOIN content c ON c.id = a.id ORDER BY a.id",
	[ST_CHECK_DANGLING] =
		"SELECT 'source ' || path || ' refers to a missing article'"
		" FROM source WHERE article_id NOT IN (SELECT id FROM article)"
		" UNION ALL SELECT 'content row ' || id || ' has no article'"
		" FROM content WHERE id NOT IN (SELECT id FROM article)"
		" AND id NOT IN (SELECT id FROM tombstone)"
		" UNION ALL SELECT 'article ' || name || ' has no source'"
		" FROM article WHERE id NOT IN (SELECT article_id FROM source)"
		" UNION ALL SELECT 'article ' || a.name || ' is listed under '"
		" || ifnull(p.name, 'official ' || o.official_id) || ' with '"
		" || rtrim(" STALE("name", "o.name")
		STALE("size", "o.size") STALE("mtime", "o.mtime")
		STALE("date", "ifnull(o.date, 'none')") STALE("nlink", "o.nlink")
		" '', ', ') FROM article_official o"
		" JOIN article a ON a.id = o.article_id"
		" LEFT JOIN official p ON p.id = o.official_id"
		" WHERE (" VIEW_COLS("o.") ") IS NOT (" VIEW_COLS("a.") ")",

	[ST_CONTAINER_GET] = "SELECT size, mtime_ns, ino, ext_version, mark "
			     "FROM container WHERE path = ?1",
	[ST_CONTAINER_PUT] =
		"INSERT INTO container(path, size, mtime_ns, ino, ext_version, "
		"run, mark) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
		"mtime_ns = excluded.mtime_ns, ino = excluded.ino, "
		"ext_version = excluded.ext_version, run = excluded.run, "
		"mark = excluded.mark",
	[ST_CONTAINER_SEEN] = "UPDATE container SET run = ?2 WHERE path = ?1",
	/* A container's records: the path itself (a page) and "path#..." */
	[ST_CONTAINER_RECORDS_SEEN] =
		"UPDATE source SET run = ?4 WHERE path = ?1 "
		"OR (path >= ?2 AND path < ?3)",
	[ST_CONTAINER_UNSEEN] = "SELECT id FROM source WHERE (path = ?1 "
				"OR (path >= ?2 AND path < ?3)) AND run <> ?4",
	[ST_CONTAINER_DROP] = "DELETE FROM container "
			      "WHERE path >= ?1 AND path < ?2 AND run <> ?3",

	[ST_PUBLICATION_UPSERT] = "INSERT INTO publication(name) VALUES (?1) "
				  "ON CONFLICT DO NOTHING",
	[ST_PUBLICATION_ID] = "SELECT id FROM publication WHERE name = ?1",
	[ST_ARTICLE_PUBLICATION_INSERT] =
		"INSERT OR IGNORE INTO article_publication(publication_id, "
		"article_id) VALUES (?1, ?2)",
	[ST_ARTICLE_UNLINK_PUBLICATIONS] =
		"DELETE FROM article_publication WHERE article_id = ?1 "
		"RETURNING publication_id",
	[ST_GC_PUBLICATION_ADD] = "INSERT OR IGNORE INTO gc_publication(id) "
				  "VALUES (?1)",
	[ST_ARTICLE_NLINK_ADD] = "UPDATE article SET nlink = nlink + 1 "
				 "WHERE id = ?1",
	[ST_LIST_PUBLICATION] =
		"SELECT " ART_COLS " FROM article_publication p "
		"JOIN article a ON a.id = p.article_id "
		"WHERE p.publication_id = ?1 AND p.article_id > ?2 "
		"ORDER BY p.article_id",
	[ST_HAS_PUBLICATION] = "SELECT 1 FROM article_publication "
			       "WHERE publication_id = ?1 AND article_id = ?2",
	[ST_LOOKUP_PUBLICATION] =
		"SELECT " ART_COLS " FROM article a "
		"JOIN article_publication p ON p.article_id = a.id "
		"AND p.publication_id = ?1 WHERE a.name = ?2",
	[ST_ARTICLE_PUBLICATIONS] =
		"SELECT p.name FROM article_publication ap "
		"JOIN publication p ON p.id = ap.publication_id "
		"WHERE ap.article_id = ?1 ORDER BY p.name",
	[ST_PUBLICATION_LIST] = "SELECT id, name FROM publication "
				"WHERE id > ?1 ORDER BY id",
	[ST_PUBLICATION_FIND] = "SELECT id FROM publication WHERE name = ?1",
	[ST_PUBLICATION_EXISTS] = "SELECT 1 FROM publication WHERE id = ?1",
};

sqlite3_stmt *idx_stmt(struct idx *ix, enum stmt_id id)
{
	if (ix->stmt[id])
		return ix->stmt[id];
	int rc = sqlite3_prepare_v3(ix->db, sql_text[id], -1,
				    SQLITE_PREPARE_PERSISTENT, &ix->stmt[id],
				    NULL);
	if (rc != SQLITE_OK) {
		idx_fail(ix, rc, "cannot prepare statement");
		return NULL;
	}
	return ix->stmt[id];
}

void idx_stmt_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int idx_step_done(struct idx *ix, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	int ret = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0
						       : idx_fail(ix, rc, what);
	idx_stmt_done(st);
	return ret;
}

int idx_fail(struct idx *ix, int rc, const char *what)
{
	ix->sqlite_rc = rc;
	snprintf(ix->errmsg, sizeof(ix->errmsg), "%s: %s", what,
		 ix->db ? sqlite3_errmsg(ix->db) : sqlite3_errstr(rc));
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return -ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return -EBUSY;
	case SQLITE_READONLY:
		return -EROFS;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return -EACCES;
	case SQLITE_FULL:
		return -ENOSPC;
	case SQLITE_CANTOPEN:
		return -ENOENT;
	case SQLITE_NOTADB:
		return -EINVAL;
	case SQLITE_CONSTRAINT:
		return -EEXIST;
	case SQLITE_TOOBIG:
		return -EFBIG;
	default:
		return -EIO;	/* corruption, I/O errors, misuse */
	}
}

int idx_exec(struct idx *ix, const char *sql)
{
	int rc = sqlite3_exec(ix->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : idx_fail(ix, rc, "database error");
}

void idx_stmts_finalize(struct idx *ix)
{
	for (size_t i = 0; i < ST__COUNT; i++) {
		sqlite3_finalize(ix->stmt[i]);
		ix->stmt[i] = NULL;
	}
}

const char *idx_column_name(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t len = (size_t)sqlite3_column_bytes(st, i);
	if (!s || len == 0 || len > NFS_NAME_MAX || strlen(s) != len ||
	    memchr(s, '/', len) || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return NULL;
	return s;
}

int idx_one_int(struct idx *ix, sqlite3_stmt *st, int64_t *out)
{
	int rc = sqlite3_step(st), ret = 0;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		ret = rc == SQLITE_DONE ? -ENOENT
					: idx_fail(ix, rc, "cannot query the index");
	idx_stmt_done(st);
	return ret;
}

/*
 * Every SQL statement newsfs runs, in one table, and the few fixed
 * scripts (pragmas, temporary tables) in a second; only the schema's
 * migrations live elsewhere (schema.c). Statements are prepared on first
 * use with SQLITE_PREPARE_PERSISTENT and kept for the life of the
 * connection; callers reset them after each use (idx_stmt_done) so no
 * read transaction is left open, which would pin an old snapshot and stop
 * the mount from seeing a new index run.
 *
 * Every value is a bound parameter; no SQL is ever built from input. The
 * change journal's folder numbers are named parameters (:f_all, ...),
 * bound from enum idx_folder, so the numbers are written once.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* What a view shows of an article besides its id, with each column
 * prefixed by t ("a." for article a). article_official and
 * article_publication keep a copy of the same columns (schemas 6 and 11),
 * so an official's or a publication's listing is the same row. */
#define VIEW_COLS(t) t "name, " t "size, " t "mtime, " t "date, " t "nlink"

/* Columns of an article row as the views need them, in this order:
 * id, name, size, mtime, date, nlink. */
#define ART_COLS "a.id, " VIEW_COLS("a.")

/* A source path whole: stored short ("./...") below the base folder
 * (srcpath.c, schema 12). */
#define SRC_PATH(c) "CASE WHEN substr(" c ", 1, 1) = '.' THEN ifnull((SELECT" \
	" path FROM source_base WHERE id = 1), '') || substr(" c ", 2) ELSE " \
	c " END"

/* A whole path c as the source table stores it: srcpath.c's rule, the
 * same function C binds with. */
#define SRC_KEY(c) "src_key(" c ", (SELECT path FROM source_base WHERE id = 1))"

/* A by-source/ row's column: its copy, or its article's where it has
 * none (schema 12). */
#define BARE_OR(c) "CASE WHEN a.id IS NULL THEN p." c " ELSE a." c " END"

/* The first and second word of a two-word person key k (official.c). */
#define W1(k) "substr(" k ", 1, instr(" k ", ' ') - 1)"
#define W2(k) "substr(" k ", instr(" k ", ' ') + 1)"

/* A field of a facet's copy of an article, with its value, when it
 * differs from the article's own: what a stale copy shows in a listing. */
#define STALE(field, value) \
	" CASE WHEN o." field " IS NOT a." field " THEN '" field " ' || " \
	value " || ', ' ELSE '' END ||"

/* Every row of article_<facet>'s copy (the facet's table is <facet>)
 * whose columns differ from its article's, said as check reports it. */
#define STALE_COPY(facet)						\
	" UNION ALL SELECT 'article ' || a.name || ' is listed under '"	\
	" || ifnull(p.name, '" facet " ' || o." facet "_id) || ' with '"	\
	" || rtrim(" STALE("name", "o.name")				\
	STALE("size", "o.size") STALE("mtime", "o.mtime")		\
	STALE("date", "ifnull(o.date, 'none')") STALE("nlink", "o.nlink")	\
	" '', ', ') FROM article_" facet " o"				\
	" JOIN article a ON a.id = o.article_id"			\
	" LEFT JOIN " facet " p ON p.id = o." facet "_id"		\
	" WHERE (" VIEW_COLS("o.") ") IS NOT (" VIEW_COLS("a.") ")"

/*
 * Journal rows (change.c) for entries that are going away: each folder an
 * article is in loses its name. IN is "IN <temp table>" or "= ?1".
 */
#define NOW "CAST(strftime('%s', 'now') AS INTEGER)"
#define GONE_SQL(IN)							\
	"INSERT INTO change(at, folder, key, name)"			\
	" SELECT " NOW ", :f_all, 0, name FROM article WHERE id " IN	\
	" UNION ALL SELECT " NOW ", CASE WHEN date IS NULL"		\
	"  THEN :f_undated ELSE :f_day END, coalesce(date, 0), name"	\
	"  FROM article WHERE id " IN					\
	" UNION ALL SELECT " NOW ", :f_country, c.country_id, a.name"	\
	"  FROM article_country c JOIN article a ON a.id = c.article_id"	\
	"  WHERE c.article_id " IN					\
	" UNION ALL SELECT " NOW ", :f_official, o.official_id, a.name"	\
	"  FROM article_official o JOIN article a ON a.id = o.article_id"	\
	"  WHERE o.article_id " IN						\
	" UNION ALL SELECT " NOW ", :f_publication, p.publication_id, a.name" \
	"  FROM article_publication p JOIN article a"			\
	"  ON a.id = p.article_id WHERE p.article_id " IN
#define UNUSED_PUBLICATION "NOT EXISTS (SELECT 1 FROM article_publication p" \
			   " WHERE p.publication_id = publication.id)"
#define UNUSED_COUNTRY "NOT EXISTS (SELECT 1 FROM article_country c" \
		       " WHERE c.country_id = country.id)"
#define UNUSED_OFFICIAL "NOT EXISTS (SELECT 1 FROM article_official o" \
			" WHERE o.official_id = official.id)"

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
	[ST_SOURCE_UNSEEN] = "SELECT id, " SRC_PATH("path") " FROM source "
			     "WHERE path >= ?1 AND path < ?2 AND run <> ?3",
	/* Every path stored short (all below the base folder). */
	[ST_SOURCE_UNSEEN_SHORT] = "SELECT id, " SRC_PATH("path") " FROM source"
				   " WHERE path >= './' AND path < '.0'"
				   " AND run <> ?3",
	[ST_SRC_BASE_GET] = "SELECT path FROM source_base WHERE id = 1",
	/* Set once, before any source is stored. */
	[ST_SRC_BASE_SET] = "INSERT OR IGNORE INTO source_base(id, path)"
			    " VALUES (1, ?1)",
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
	[ST_DAY_INSERT] = "INSERT OR IGNORE INTO day(ymd) VALUES (?1)",
	[ST_GC_CANDIDATE_ADD] = "INSERT OR IGNORE INTO gc_candidate(id) "
				"VALUES (?1)",

	/* The orphans among the candidates, then everything that only they
	 * used, journalling each name that goes. */
	[ST_GC_ORPHANS] =
		"INSERT OR IGNORE INTO gc_orphan SELECT g.id FROM gc_candidate g"
		" WHERE NOT EXISTS (SELECT 1 FROM source s"
		" WHERE s.article_id = g.id)",
	[ST_GC_JOURNAL_ORPHANS] = GONE_SQL("IN gc_orphan"),
	[ST_GC_ORPHAN_COUNTRIES] =
		"INSERT OR IGNORE INTO gc_country SELECT country_id"
		" FROM article_country WHERE article_id IN gc_orphan",
	[ST_GC_ORPHAN_OFFICIALS] =
		"INSERT OR IGNORE INTO gc_official SELECT official_id"
		" FROM article_official WHERE article_id IN gc_orphan",
	[ST_GC_ORPHAN_DAYS] =
		"INSERT OR IGNORE INTO gc_day SELECT date FROM article"
		" WHERE id IN gc_orphan AND date IS NOT NULL",
	[ST_GC_UNLINK_COUNTRIES] =
		"DELETE FROM article_country WHERE article_id IN gc_orphan",
	[ST_GC_UNLINK_OFFICIALS] =
		"DELETE FROM article_official WHERE article_id IN gc_orphan",
	[ST_GC_TOMBSTONE] = "INSERT OR REPLACE INTO tombstone(id, at)"
			    " SELECT id, " NOW " FROM gc_orphan",
	[ST_GC_FTS] = "INSERT INTO article_fts(article_fts, rowid, title, body)"
		      " SELECT 'delete', * FROM (" IDX_TEXT_SQL "IN gc_orphan)",
	[ST_GC_ARTICLES] = "DELETE FROM article WHERE id IN gc_orphan",
	[ST_GC_JOURNAL_COUNTRIES] =
		"INSERT INTO change(at, folder, key, name)"
		" SELECT " NOW ", :f_by_country, 0, name FROM country"
		" WHERE id IN gc_country AND " UNUSED_COUNTRY,
	[ST_GC_COUNTRIES] = "DELETE FROM country WHERE id IN gc_country"
			    " AND " UNUSED_COUNTRY,
	[ST_GC_JOURNAL_OFFICIALS] =
		"INSERT INTO change(at, folder, key, name)"
		" SELECT " NOW ", :f_by_official, 0, name FROM official"
		" WHERE id IN gc_official AND " UNUSED_OFFICIAL,
	/* An article that keeps a source but lost another keeps only the
	 * publications some remaining source gave (a source from before
	 * they were recorded counts as giving them all). */
	[ST_GC_STALE_PUBLICATIONS] =
		"INSERT OR IGNORE INTO gc_pub_stale(article_id, publication_id)"
		" SELECT ap.article_id, ap.publication_id FROM gc_candidate"
		" CROSS JOIN article_publication ap"
		" ON ap.article_id = gc_candidate.id"
		" JOIN publication p ON p.id = ap.publication_id"
		" WHERE EXISTS (SELECT 1 FROM source s"
		"  WHERE s.article_id = gc_candidate.id)"
		" AND NOT EXISTS (SELECT 1 FROM source s"
		"  WHERE s.article_id = gc_candidate.id"
		"  AND (s.publications IS NULL OR instr('|' || s.publications"
		"  || '|', '|' || p.name || '|') > 0))",
	[ST_GC_JOURNAL_STALE_PUBLICATIONS] =
		"INSERT INTO change(at, folder, key, name)"
		" SELECT " NOW ", :f_publication, gc_pub_stale.publication_id,"
		" a.name FROM gc_pub_stale JOIN article a"
		" ON a.id = gc_pub_stale.article_id",
	[ST_GC_UNLINK_STALE_PUBLICATIONS] =
		"DELETE FROM article_publication WHERE (publication_id, article_id)"
		" IN (SELECT publication_id, article_id FROM gc_pub_stale)",
	[ST_GC_NLINK_STALE_PUBLICATIONS] =
		"UPDATE article SET nlink = nlink - (SELECT count(*)"
		" FROM gc_pub_stale x WHERE x.article_id = article.id)"
		" WHERE id IN (SELECT article_id FROM gc_pub_stale)",
	[ST_GC_JOURNAL_STALE_ARTICLES] =
		"INSERT INTO change(at, folder, key, name)"
		" SELECT DISTINCT " NOW ", :f_article, article_id, ''"
		" FROM gc_pub_stale",
	[ST_GC_STALE_PUBLICATION_FOLDERS] =
		"INSERT OR IGNORE INTO gc_publication"
		" SELECT publication_id FROM gc_pub_stale",
	[ST_GC_ORPHAN_PUBLICATIONS] =
		"INSERT OR IGNORE INTO gc_publication SELECT publication_id"
		" FROM article_publication WHERE article_id IN gc_orphan",
	[ST_GC_UNLINK_PUBLICATIONS] =
		"DELETE FROM article_publication WHERE article_id IN gc_orphan",
	[ST_GC_JOURNAL_PUBLICATIONS] =
		"INSERT INTO change(at, folder, key, name)"
		" SELECT " NOW ", :f_by_publication, 0, name FROM publication"
		" WHERE id IN gc_publication AND " UNUSED_PUBLICATION,
	[ST_GC_PUBLICATIONS] = "DELETE FROM publication WHERE id IN gc_publication"
			       " AND " UNUSED_PUBLICATION,
	[ST_GC_OFFICIALS] = "DELETE FROM official WHERE id IN gc_official"
			    " AND " UNUSED_OFFICIAL,
	[ST_GC_DAYS_KEPT] = "DELETE FROM gc_day WHERE EXISTS"
			    " (SELECT 1 FROM article a WHERE a.date = gc_day.ymd)",
	[ST_GC_JOURNAL_DAYS] =
		"INSERT INTO change(at, folder, key, name)"
		" SELECT " NOW ", :f_month, ymd / 100, printf('%02d', ymd % 100)"
		" FROM gc_day"
		" UNION ALL SELECT " NOW ", :f_year, ymd / 10000,"
		" printf('%02d', ymd / 100 % 100) FROM gc_day"
		" UNION ALL SELECT " NOW ", :f_by_date, 0,"
		" printf('%04d', ymd / 10000) FROM gc_day",
	[ST_GC_DAYS] = "DELETE FROM day WHERE ymd IN gc_day",
	/* ?1: seconds a removed article's bytes are kept, or a journal
	 * row. */
	[ST_GC_CONTENT_EXPIRE] = "DELETE FROM content WHERE id IN"
				 " (SELECT id FROM tombstone"
				 " WHERE at < " NOW " - ?1)",
	[ST_GC_TOMBSTONE_EXPIRE] = "DELETE FROM tombstone"
				   " WHERE at < " NOW " - ?1",
	[ST_GC_JOURNAL_EXPIRE] = "DELETE FROM change WHERE at < " NOW " - ?1",
	[ST_GC_COUNT] = "SELECT count(*) FROM gc_orphan",
	[ST_JOURNAL_GONE_ARTICLE] = GONE_SQL("= ?1"),

	[ST_APPLICATION_ID] = "PRAGMA application_id",
	[ST_USER_VERSION] = "PRAGMA user_version",
	[ST_SCHEMA_ROWS] = "SELECT type, name, tbl_name, sql FROM sqlite_schema"
			   " ORDER BY type, name",
	[ST_FTS_CHECK] = "INSERT INTO article_fts(article_fts)"
			 " VALUES('integrity-check')",

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
	[ST_ARTICLE_SOURCES] = "SELECT " SRC_PATH("path") " AS p FROM source"
			       " WHERE article_id = ?1 ORDER BY p",
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
		"SELECT " SRC_PATH("s.path") " AS p, a.hash, a.date, a.id,"
		" s.mtime_ns,"
		" (SELECT group_concat(name, '|') FROM (SELECT c.name"
		"   FROM article_country ac JOIN country c ON c.id = ac.country_id"
		"   WHERE ac.article_id = a.id ORDER BY c.name)),"
		" (SELECT group_concat(name, '|') FROM (SELECT o.name"
		"   FROM article_official ao JOIN official o"
		"   ON o.id = ao.official_id"
		"   WHERE ao.article_id = a.id ORDER BY o.name))"
		" FROM source s JOIN article a ON a.id = s.article_id"
		" ORDER BY p",
	[ST_ROOT_ADD] = "INSERT OR IGNORE INTO root(path, added) VALUES (?1, ?2)",
	[ST_ROOT_DROP] = "DELETE FROM root WHERE path = ?1",
	[ST_ROOT_LIST] = "SELECT path FROM root ORDER BY path",
	[ST_SOURCE_LIST] =
		"SELECT " SRC_PATH("s.path") " AS p, s.size, s.mtime_ns, s.ino,"
		" a.hash FROM source s JOIN article a ON a.id = s.article_id"
		" ORDER BY p",
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
	/* A read transaction around many lookups (view.c). */
	[ST_READ_BEGIN] = "BEGIN",
	/* The search index (search.c). */
	[ST_FTS_ADD] = "INSERT INTO article_fts(rowid, title, body) "
		       IDX_TEXT_SQL "= ?1",
	[ST_FTS_DROP] = "INSERT INTO article_fts(article_fts, rowid, title, body)"
			" SELECT 'delete', * FROM (" IDX_TEXT_SQL "= ?1)",
	[ST_FTS_MATCH] = "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1"
			 " ORDER BY rowid",
	/* The headline counts ten times a word of the text. */
	[ST_FTS_RANK] = "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1"
			" ORDER BY bm25(article_fts, 10.0, 1.0), rowid LIMIT ?2",
	/* query/ folders (query.c): one term's articles at a time. */
	[ST_Q_COUNTRY_ARTICLES] = "SELECT article_id FROM article_country"
				  " WHERE country_id = ?1",
	[ST_Q_PUBLICATION_ARTICLES] = "SELECT article_id FROM article_publication"
				      " WHERE publication_id = ?1",
	[ST_Q_OFFICIAL_ARTICLES] = "SELECT article_id FROM article_official"
				   " WHERE official_id = ?1",
	/* The same below another term: only the ids of the set in ?2,
	 * whose first and last are ?3 and ?4 (idset.c). */
	[ST_Q_COUNTRY_IN] = "SELECT article_id FROM article_country"
			    " WHERE country_id = ?1 AND article_id"
			    " BETWEEN ?3 AND ?4 AND in_idset(?2, article_id)",
	[ST_Q_PUBLICATION_IN] = "SELECT article_id FROM article_publication"
				" WHERE publication_id = ?1 AND article_id"
				" BETWEEN ?3 AND ?4"
				" AND in_idset(?2, article_id)",
	[ST_Q_OFFICIAL_IN] = "SELECT article_id FROM article_official"
			     " WHERE official_id = ?1 AND article_id"
			     " BETWEEN ?3 AND ?4 AND in_idset(?2, article_id)",
	[ST_Q_OFFICIAL_NAMED] = "SELECT id, name FROM official WHERE name = ?1",
	/* A key is a folder's own, or one the index resolved to a folder
	 * (official.c: a surname, the other order of a name). */
	[ST_Q_OFFICIAL_KEYED] = "SELECT id, name FROM official WHERE key = ?1"
				" UNION SELECT o.id, o.name FROM person p"
				" JOIN official o ON o.key = p.folder"
				" WHERE p.key = ?1",
	[ST_Q_WORD_OFFICIALS] = "SELECT DISTINCT o.id, o.name FROM person_word w"
				" JOIN person p ON p.key = w.key"
				" JOIN official o ON o.key = p.folder"
				" WHERE w.word = ?1 ORDER BY o.name LIMIT 11",
	[ST_Q_DATED] = "SELECT id FROM article WHERE date BETWEEN ?1 AND ?2",
	/* The rows of the ids in ?3 only (idset.c): the rest of the range
	 * is never decoded. */
	[ST_Q_DATED_ROWS] = "SELECT " ART_COLS " FROM article a"
			    " WHERE a.date BETWEEN ?1 AND ?2"
			    " AND in_idset(?3, a.id)",
	[ST_Q_UNDATED] = "SELECT id FROM article WHERE date IS NULL",
	[ST_Q_SOURCES] = "SELECT article_id, " SRC_PATH("path") " FROM source",
	[ST_Q_ALL] = "SELECT id FROM article ORDER BY id",
	[ST_Q_DATED_ALL_ROWS] = "SELECT " ART_COLS " FROM article a"
				" WHERE a.date BETWEEN ?1 AND ?2",
	[ST_Q_DATED_GUESS] = "SELECT count(*), (SELECT count(*) FROM day),"
			     " (SELECT max(id) FROM article)"
			     " FROM day WHERE ymd BETWEEN ?1 AND ?2",
	[ST_CHECK_ARTICLES] =
		"SELECT a.id, a.name, a.hash, a.size, c.body FROM article a"
		" LEFT JOIN content c ON c.id = a.id ORDER BY a.id",
	[ST_CHECK_DANGLING] =
		"SELECT 'source ' || " SRC_PATH("path") " || ' refers to a"
		" missing article'"
		" FROM source WHERE article_id NOT IN (SELECT id FROM article)"
		" UNION ALL SELECT 'content row ' || id || ' has no article'"
		" FROM content WHERE id NOT IN (SELECT id FROM article)"
		" AND id NOT IN (SELECT id FROM tombstone)"
		" UNION ALL SELECT 'article ' || name || ' is missing from the"
		" search index' FROM article"
		" WHERE id NOT IN (SELECT rowid FROM article_fts)"
		" UNION ALL SELECT 'search index row ' || rowid || ' has no"
		" article' FROM article_fts"
		" WHERE rowid NOT IN (SELECT id FROM article)"
		" UNION ALL SELECT 'article ' || name || ' has no source'"
		" FROM article WHERE id NOT IN (SELECT article_id FROM source)"
		STALE_COPY("official")
		STALE_COPY("publication") " AND o.name <> ''",

	/* Officials across articles (official.c). A key has one word (a
	 * surname) or two; W1 and W2 are a two-word key's words. */
	[ST_MENTION_INSERT] =
		"INSERT INTO mention(key, article_id, office, name) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE "
		"SET office = max(office, excluded.office)",
	[ST_PERSON_NAME_ADD] =
		"INSERT INTO person_name(key, name, n) VALUES (?1, ?2, 1) "
		"ON CONFLICT DO UPDATE SET n = n + 1",
	[ST_PERSON_WORD_ADD] =
		"INSERT OR IGNORE INTO person_word(word, key) "
		"SELECT " W1("?1") ", ?1 WHERE instr(?1, ' ') > 0 "
		"UNION ALL SELECT " W2("?1") ", ?1 WHERE instr(?1, ' ') > 0",
	[ST_PERSON_DIRTY] = "INSERT OR IGNORE INTO person_dirty(key) "
			    "VALUES (?1)",
	[ST_PERSON_RELINK] = "INSERT OR IGNORE INTO person_relink(id) "
			     "VALUES (?1)",
	[ST_PERSON_GONE] = "INSERT OR IGNORE INTO person_gone(id) VALUES (?1)",
	[ST_PERSON_GONE_ORPHANS] =
		"INSERT OR IGNORE INTO person_gone(id) SELECT id FROM gc_orphan",
	[ST_FORGET_DIRTY] =
		"INSERT OR IGNORE INTO person_dirty(key) SELECT m.key "
		"FROM person_gone CROSS JOIN mention m ON m.article_id = person_gone.id",
	[ST_FORGET_NAMES] =
		"UPDATE person_name SET n = n - 1 WHERE (key, name) IN "
		"(SELECT m.key, m.name FROM person_gone "
		" CROSS JOIN mention m ON m.article_id = person_gone.id)",
	[ST_FORGET_NAMES_ZERO] =
		"DELETE FROM person_name WHERE n <= 0 AND (key, name) IN "
		"(SELECT m.key, m.name FROM person_gone "
		" CROSS JOIN mention m ON m.article_id = person_gone.id)",
	[ST_FORGET_MENTIONS] =
		"DELETE FROM mention WHERE article_id IN "
		"(SELECT id FROM person_gone)",
	[ST_FORGET_DONE] = "DELETE FROM person_gone",
	/* A key no article names any more leaves person_word (one key at
	 * a time: a set-based delete makes SQLite scan the table). */
	[ST_RESOLVE_KEYS_GONE] =
		"SELECT key FROM person_dirty WHERE instr(key, ' ') > 0 "
		"AND NOT EXISTS (SELECT 1 FROM mention m"
		" WHERE m.key = person_dirty.key)",
	[ST_PERSON_WORD_DROP] =
		"DELETE FROM person_word WHERE key = ?1 "
		"AND word IN (" W1("?1") ", " W2("?1") ")",
	/* Two-word keys to look at: the changed ones (a key's own mentions
	 * are all that establish it). */
	[ST_RESOLVE_WORK2] =
		"INSERT OR IGNORE INTO person_work(key) "
		"SELECT key FROM person_dirty WHERE instr(key, ' ') > 0",
	/* A two-word key is established by an article that shows it in
	 * office, or by the user. A surname shown in office establishes no
	 * full name of its own: "President Reagan" is not the Nancy Reagan
	 * another story names, nor "President Carter" the only Carter the
	 * index writes in full. */
	[ST_RESOLVE_EST2] =
		"UPDATE person_work SET est = EXISTS (SELECT 1 FROM mention m"
		" WHERE m.key = person_work.key AND m.office) "
		"WHERE instr(key, ' ') > 0",
	[ST_RESOLVE_FOLDER2] =
		"UPDATE person_work SET folder = CASE WHEN est THEN key END "
		"WHERE instr(key, ' ') > 0",
	[ST_RESOLVE_CHANGED2] =
		"UPDATE person_work SET changed = 1 WHERE instr(key, ' ') > 0 "
		"AND folder IS NOT (SELECT folder FROM person p"
		" WHERE p.key = person_work.key)",
	/* An upsert, so each word is found by its key, not by a scan. */
	[ST_RESOLVE_EST_WORDS] =
		"INSERT INTO person_word(word, key, est) "
		"SELECT " W1("key") ", key, est "
		"FROM person_work WHERE instr(key, ' ') > 0 AND EXISTS"
		" (SELECT 1 FROM mention m WHERE m.key = person_work.key) "
		"UNION ALL SELECT " W2("key") ", key, est "
		"FROM person_work WHERE instr(key, ' ') > 0 AND EXISTS"
		" (SELECT 1 FROM mention m WHERE m.key = person_work.key) "
		"ON CONFLICT(word, key) DO UPDATE SET est = excluded.est "
		"WHERE est IS NOT excluded.est",
	/* One-word keys to look at: the changed ones, and the words of
	 * full names that were or stopped being established. */
	[ST_RESOLVE_WORK1] =
		"INSERT OR IGNORE INTO person_work(key) "
		"SELECT key FROM person_dirty WHERE instr(key, ' ') = 0 "
		"UNION SELECT " W1("key") " FROM person_work "
		"WHERE changed AND instr(key, ' ') > 0 "
		"UNION SELECT " W2("key") " FROM person_work "
		"WHERE changed AND instr(key, ' ') > 0",
	/* A surname is the one established full name with that word; else
	 * a folder of its own where an article shows it in office. */
	[ST_RESOLVE_EST1] =
		"UPDATE person_work SET folder = CASE "
		"WHEN NOT EXISTS (SELECT 1 FROM mention m"
		" WHERE m.key = person_work.key) THEN NULL "
		"WHEN (SELECT count(*) FROM (SELECT 1 FROM person_word e"
		" WHERE e.word = person_work.key AND e.est LIMIT 2)) = 1 "
		"THEN (SELECT e.key FROM person_word e"
		" WHERE e.word = person_work.key AND e.est) "
		"WHEN EXISTS (SELECT 1 FROM mention m"
		" WHERE m.key = person_work.key AND m.office) THEN key END "
		"WHERE instr(key, ' ') = 0",
	[ST_RESOLVE_CHANGED1] =
		"UPDATE person_work SET changed = 1 WHERE instr(key, ' ') = 0 "
		"AND folder IS NOT (SELECT folder FROM person p"
		" WHERE p.key = person_work.key)",
	[ST_RESOLVE_PERSON_DROP] =
		"DELETE FROM person WHERE key IN "
		"(SELECT key FROM person_work WHERE changed)",
	[ST_RESOLVE_PERSON_PUT] =
		"INSERT INTO person(key, folder) SELECT key, folder "
		"FROM person_work WHERE changed AND folder IS NOT NULL",
	[ST_RESOLVE_RELINK] =
		"INSERT OR IGNORE INTO person_relink(id) SELECT m.article_id "
		"FROM person_work CROSS JOIN mention m ON m.key = person_work.key "
		"WHERE person_work.changed",
	[ST_RESOLVE_RELINK_IDS] = "SELECT id FROM person_relink ORDER BY id",
	/* A surname's own folder holds the articles that show it in office,
	 * not every "Mr Bush" of an index with two Bushes. */
	[ST_ARTICLE_FOLDERS] =
		"SELECT DISTINCT p.folder FROM mention m "
		"JOIN person p ON p.key = m.key WHERE m.article_id = ?1 "
		"AND (m.office OR p.folder <> m.key OR instr(m.key, ' ') > 0)",
	[ST_ARTICLE_OFFICIAL_IDS] =
		"SELECT official_id FROM article_official WHERE article_id = ?1",
	[ST_ARTICLE_OFFICIAL_UNLINK] =
		"DELETE FROM article_official "
		"WHERE official_id = ?1 AND article_id = ?2",
	[ST_OFFICIAL_GONE_ENTRY] =
		"INSERT INTO change(at, folder, key, name) "
		"SELECT ?3, :f_official, ?1, name FROM article WHERE id = ?2",
	[ST_PERSON_LOST] = "INSERT OR IGNORE INTO person_lost(id) VALUES (?1)",
	[ST_ARTICLE_RECOUNT] =
		"UPDATE article SET nlink = 2 + (SELECT count(*) FROM"
		" article_country WHERE article_id = ?1) + (SELECT count(*) FROM"
		" article_official WHERE article_id = ?1) + (SELECT count(*) FROM"
		" article_publication WHERE article_id = ?1) WHERE id = ?1",
	/* The fullest of the forms written at least half as often as the
	 * most common one ("George W Bush" over "George Bush"); of equal
	 * length (family name first or last), the more common. */
	[ST_PERSON_BEST_NAME] =
		"SELECT name FROM person_name WHERE key = ?1 AND n * 2 >= "
		"(SELECT max(n) FROM person_name WHERE key = ?1) "
		"ORDER BY length(name) DESC, n DESC, name LIMIT 1",
	[ST_LOST_JOURNAL] =
		"INSERT INTO change(at, folder, key, name) "
		"SELECT ?1, :f_by_official, 0, name FROM official WHERE id IN"
		" (SELECT id FROM person_lost) AND NOT EXISTS (SELECT 1 FROM"
		" article_official ao WHERE ao.official_id = official.id)",
	[ST_LOST_DELETE] =
		"DELETE FROM official WHERE id IN (SELECT id FROM person_lost) "
		"AND NOT EXISTS (SELECT 1 FROM article_official ao"
		" WHERE ao.official_id = official.id)",
	[ST_RESOLVE_FOLDERS] =
		"SELECT o.id, o.name, o.key FROM person_work "
		"CROSS JOIN official o ON o.key = person_work.key",
	[ST_OFFICIAL_RENAME] =
		"UPDATE OR IGNORE official SET name = ?2 WHERE id = ?1",
	[ST_OFFICIAL_GONE_NAME] =
		"INSERT INTO change(at, name, folder, key)"
		" VALUES (?1, ?2, :f_by_official, 0)",
	[ST_CLEAR_DIRTY] = "DELETE FROM person_dirty",
	[ST_CLEAR_WORK] = "DELETE FROM person_work",
	[ST_CLEAR_RELINK] = "DELETE FROM person_relink",
	[ST_CLEAR_LOST] = "DELETE FROM person_lost",
	[ST_FORGET_HITS] = "DELETE FROM correction_hit WHERE article_id IN "
			   "(SELECT id FROM person_gone)",
	/* The user's corrections (correct.c). */
	[ST_FIX_NOW_ADD] = "INSERT OR IGNORE INTO fix_now(line) VALUES (?1)",
	[ST_FIX_NOW_CLEAR] = "DELETE FROM fix_now",
	[ST_FIX_GONE] = "SELECT line FROM correction "
			"WHERE line NOT IN (SELECT line FROM fix_now)",
	[ST_FIX_MARK_HITS] = "UPDATE article SET ext_version = 0 WHERE ext_version <> 0 AND id IN "
			     "(SELECT article_id FROM correction_hit "
			     "WHERE line = ?1)",
	[ST_FIX_FORGET] = "DELETE FROM correction WHERE line = ?1",
	[ST_FIX_FORGET_HITS] = "DELETE FROM correction_hit WHERE line = ?1",
	[ST_FIX_KNOWN] = "SELECT 1 FROM correction WHERE line = ?1",
	[ST_FIX_MARK_KEY] = "UPDATE article SET ext_version = 0 WHERE ext_version <> 0 AND id IN "
			    "(SELECT article_id FROM mention WHERE key = ?1)",
	[ST_FIX_MARK_COUNTRY] = "UPDATE article SET ext_version = 0 WHERE ext_version <> 0 AND id IN "
		"(SELECT ac.article_id FROM article_country ac "
		"JOIN country c ON c.id = ac.country_id WHERE c.name = ?1)",
	/* The article at the path, or every one below it (a folder, or a
	 * dump's records "PATH#WHERE"): ranges of the path's index; ?2:
	 * the folder holds the base folder, so every path stored short. */
	[ST_FIX_MARK_PATH] = "UPDATE article SET ext_version = 0 WHERE ext_version <> 0 AND id IN "
			     "(SELECT article_id FROM source WHERE path = ?1 "
			     "OR (path > ?1 || '/' AND path < ?1 || '0') "
			     "OR (path > ?1 || '#' AND path < ?1 || '$') "
			     "OR (?2 AND path >= './' AND path < '.0'))",
	/* A file of records whose marked articles it holds is read again:
	 * an unchanged container is otherwise never opened. Its records'
	 * paths are stored short when it lies below the base folder. */
	[ST_FIX_MARK_CONTAINERS] = "UPDATE container SET ext_version = 0 "
		"WHERE ext_version <> 0 AND EXISTS (SELECT 1 FROM source s "
		"JOIN article a ON a.id = s.article_id "
		"WHERE s.path > " SRC_KEY("container.path") " || '#' "
		"AND s.path < " SRC_KEY("container.path") " || '$' "
		"AND a.ext_version = 0)",
	[ST_FIX_ADD] = "INSERT OR IGNORE INTO correction(line) VALUES (?1)",
	[ST_FIX_HIT] = "INSERT OR IGNORE INTO correction_hit(line, article_id) "
		       "VALUES (?1, ?2)",
	/* The first article (by id) that shows the folder's person in office:
	 * by the full name, else by the surname that established it. */
	[ST_OFFICIAL_WHY] =
		"SELECT o.name, m.key, m.office, CASE WHEN m.office THEN NULL"
		" ELSE coalesce((SELECT " SRC_PATH("s.path") " AS sp FROM mention e"
		"  JOIN source s"
		"  ON s.article_id = e.article_id WHERE e.key = p.folder"
		"  AND e.office ORDER BY e.article_id, sp LIMIT 1),"
		" (SELECT " SRC_PATH("s.path") " AS sp FROM mention e JOIN source s"
		"  ON s.article_id = e.article_id WHERE e.office AND e.key IN"
		"  (" W1("p.folder") ", " W2("p.folder") ")"
		"  ORDER BY e.article_id, sp LIMIT 1)) END "
		"FROM mention m JOIN person p ON p.key = m.key "
		"JOIN official o ON o.key = p.folder "
		"WHERE m.article_id = ?1 "
		"AND (m.office OR p.folder <> m.key OR instr(m.key, ' ') > 0) "
		"ORDER BY o.name, m.office DESC, m.key",
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
		"article_id, " VIEW_COLS("") ") SELECT ?1, id, " VIEW_COLS("")
		" FROM article WHERE id = ?2",
	/* A row without the copy (schema 12): listed from the article. */
	[ST_ARTICLE_PUBLICATION_BARE] =
		"INSERT OR IGNORE INTO article_publication(publication_id, "
		"article_id) VALUES (?1, ?2)",
	[ST_ARTICLE_UNLINK_PUBLICATIONS] =
		"DELETE FROM article_publication WHERE article_id = ?1 "
		"RETURNING publication_id",
	[ST_GC_PUBLICATION_ADD] = "INSERT OR IGNORE INTO gc_publication(id) "
				  "VALUES (?1)",
	[ST_ARTICLE_NLINK_ADD] = "UPDATE article SET nlink = nlink + 1 "
				 "WHERE id = ?1",
	/* A row with no copy (name '', schema 12) joins its article; the
	 * join key is NULL for the others, so they cost no lookup. */
	[ST_LIST_PUBLICATION] =
		"SELECT p.article_id, " BARE_OR("name") ", " BARE_OR("size") ", "
		BARE_OR("mtime") ", " BARE_OR("date") ", " BARE_OR("nlink")
		" FROM article_publication p LEFT JOIN article a"
		" ON a.id = CASE WHEN p.name = '' THEN p.article_id END "
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
	[ST_SOURCE_PUBLICATIONS] = "UPDATE source SET publications = ?2"
				   " WHERE path = ?1",
	[ST_PUBLICATION_EXISTS] = "SELECT 1 FROM publication WHERE id = ?1",
	/* The publications of article ?1 that a source other than ?2 gave
	 * (a refresh keeps them). */
	[ST_SOURCE_OTHER_PUBLICATIONS] =
		"SELECT p.name FROM article_publication ap"
		" JOIN publication p ON p.id = ap.publication_id"
		" WHERE ap.article_id = ?1 AND EXISTS (SELECT 1 FROM source s"
		"  WHERE s.article_id = ?1 AND s.path <> ?2"
		"  AND instr('|' || s.publications || '|', '|' || p.name || '|')"
		"  > 0)",
	[ST_OUTLET_ADD] = "INSERT OR IGNORE INTO outlet(host, name) "
			  "VALUES (?1, ?2)",
	[ST_OUTLET_NAME] = "SELECT min(name) FROM outlet WHERE host = ?1",
	/* A host's folder ?1 joins its outlet's ?2: each article leaves ?1,
	 * enters ?2 (one link fewer where it was in both). */
	[ST_OUTLET_MOVE_JOURNAL_OLD] =
		"INSERT INTO change(at, folder, key, name) SELECT " NOW ","
		" :f_publication, ?1, name FROM article_publication"
		" WHERE publication_id = ?1",
	[ST_OUTLET_MOVE_NLINK] =
		"UPDATE article SET nlink = nlink - 1 WHERE id IN"
		" (SELECT o.article_id FROM article_publication o"
		" JOIN article_publication n ON n.article_id = o.article_id"
		" AND n.publication_id = ?2 WHERE o.publication_id = ?1)",
	[ST_OUTLET_MOVE_COPY] =
		"INSERT OR IGNORE INTO article_publication(publication_id,"
		" article_id, " VIEW_COLS("") ") SELECT ?2, article_id, "
		VIEW_COLS("") " FROM article_publication"
		" WHERE publication_id = ?1",
	[ST_OUTLET_MOVE_JOURNAL_NEW] =
		"INSERT INTO change(at, folder, key, name) SELECT " NOW ","
		" :f_publication, ?2, name FROM article_publication"
		" WHERE publication_id = ?1 UNION ALL SELECT " NOW ","
		" :f_article, article_id, '' FROM article_publication"
		" WHERE publication_id = ?1",
	[ST_OUTLET_MOVE_DROP] =
		"DELETE FROM article_publication WHERE publication_id = ?1",
	/* What the sources of folder ?3's articles gave: host ?1 becomes
	 * name ?2. */
	[ST_OUTLET_MOVE_SOURCES] =
		"UPDATE source SET publications = substr(replace('|' ||"
		" publications || '|', '|' || ?1 || '|', '|' || ?2 || '|'), 2,"
		" length(replace('|' || publications || '|', '|' || ?1 || '|',"
		" '|' || ?2 || '|')) - 2) WHERE article_id IN (SELECT"
		" article_id FROM article_publication WHERE publication_id = ?3)"
		" AND instr('|' || publications || '|', '|' || ?1 || '|') > 0",
	/* A first run's mentions, as idx_people_store() got them; n counts
	 * the article's names in that order (first.c). */
	[ST_BUILD_MENTION] =
		"INSERT INTO build_mention(article_id, n, key, office, name) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_BUILD_FORGET] = "DELETE FROM build_mention WHERE article_id IN "
			    "(SELECT id FROM person_gone)",
	/* Each folder once, in the order its first article came. */
	[ST_BUILD_FOLDERS] = "SELECT folder FROM build_link GROUP BY folder "
			     "ORDER BY min(article_id), folder",
};

/* A writer's page cache: a batch (ingest.c) touches pages all over the
 * hash, name and date indexes and the officials' copies; with too small
 * a cache it reads evicted pages back (docs/performance.md). SQLite takes
 * the pages only as it needs them, so a small index does not pay. */
#define WRITER_CACHE \
	"PRAGMA cache_size = -262144;" \
	"PRAGMA temp_store = MEMORY;" \
	"PRAGMA foreign_keys = OFF;"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char *const script_text[SQL__COUNT] = {
	/* No mmap: a mapped index counts, page by page, in the daemon's
	 * RSS. The page cache of each pooled connection is small and
	 * fixed, so the daemon's memory does not grow with the index
	 * (docs/performance.md). */
	[SQL_READER_PRAGMAS] = "PRAGMA query_only = 1;"
			       "PRAGMA mmap_size = 0;"
			       "PRAGMA cache_size = -2048;",
	/* 16 KiB pages: article bytes pack with less waste than in 4 KiB
	 * pages for the same bytes written, in a quarter of the writes
	 * (docs/performance.md). Only takes effect on a new database. */
	[SQL_WRITER_PRAGMAS] = "PRAGMA page_size = 16384;"
			       "PRAGMA journal_mode = WAL;"
			       "PRAGMA synchronous = NORMAL;"
			       WRITER_CACHE,
	/* A first run's index, built aside (build.c): no journal, no
	 * syncs, no other connection. */
	[SQL_BUILD_PRAGMAS] = "PRAGMA page_size = 16384;"
			      "PRAGMA journal_mode = OFF;"
			      "PRAGMA synchronous = OFF;"
			      "PRAGMA locking_mode = EXCLUSIVE;"
			      WRITER_CACHE,
	/* Temporary state of one writer connection, checked by idx_gc():
	 * the articles whose last source may have gone, and the
	 * countries, officials and days that may have lost their last
	 * article. */
	[SQL_WRITER_TEMP] =
		"CREATE TEMP TABLE IF NOT EXISTS gc_candidate(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS gc_orphan(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS gc_country(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS gc_official(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS gc_day(ymd INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS gc_publication(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS gc_pub_stale(article_id INTEGER,"
		" publication_id INTEGER, PRIMARY KEY(article_id, publication_id));"
		OFFICIAL_TEMP,
	[SQL_SET_HEADER] = "PRAGMA application_id = " STR(IDX_APP_ID) ";"
			   "PRAGMA user_version = " STR(IDX_SCHEMA_MAX),
	[SQL_GC_RESET] = "DELETE FROM gc_candidate; DELETE FROM gc_orphan;"
			 "DELETE FROM gc_country; DELETE FROM gc_official;"
			 "DELETE FROM gc_day; DELETE FROM gc_publication;"
			 "DELETE FROM gc_pub_stale;",
	/* The search index of a first run, in one pass (search.c). */
	[SQL_FTS_FILL] = "INSERT INTO article_fts(article_fts) VALUES('delete-all');"
			 "INSERT INTO article_fts(rowid, title, body) "
			 IDX_TEXT_SQL "IS NOT NULL;",
	/* A first run (first.c): indexes made at its end, and the
	 * officials' mentions kept in arrival order until then. */
	[SQL_BUILD_DEFER] =
		"DROP INDEX article_official_article;"
		"DROP INDEX article_day;"
		"DROP INDEX mention_article;"
		"DROP INDEX mention_office;"
		"CREATE TABLE build_mention("
		"  article_id INTEGER NOT NULL,"
		"  n INTEGER NOT NULL,"
		"  key TEXT NOT NULL,"
		"  office INTEGER NOT NULL,"
		"  name TEXT NOT NULL,"
		"  PRIMARY KEY(article_id, n)) WITHOUT ROWID;",
	/* What idx_people_store() does row by row in later runs, for all
	 * rows at once: a mention per key and article (in office if any
	 * of its names was, named as the first was), the counts of each
	 * form of a key, the words of full names; every key is then
	 * resolved (official.c).
	 * REINDEX, here and below, writes a B-tree again from its rows
	 * with every page full: rows inserted in key order leave an index
	 * or a WITHOUT ROWID table's pages an eighth empty, in arrival
	 * order a third (docs/performance.md). */
	[SQL_BUILD_PEOPLE] =
		"INSERT INTO mention(key, article_id, office, name)"
		" SELECT g.key, g.article_id, g.office, b.name FROM"
		" (SELECT key, article_id, max(office) AS office, min(n) AS n"
		"  FROM build_mention GROUP BY key, article_id) g"
		" JOIN build_mention b ON b.article_id = g.article_id"
		" AND b.n = g.n ORDER BY g.key, g.article_id;"
		"REINDEX mention;"
		"INSERT INTO person_name(key, name, n)"
		" SELECT key, name, count(*) FROM build_mention"
		" GROUP BY key, name ORDER BY key, name;"
		"DROP TABLE build_mention;"
		IDX_MENTION_ARTICLE ";"
		IDX_MENTION_OFFICE ";"
		"INSERT OR IGNORE INTO person_word(word, key)"
		" SELECT w, key FROM (SELECT " W1("key") " AS w, key"
		"  FROM (SELECT DISTINCT key FROM mention"
		"   WHERE instr(key, ' ') > 0)"
		" UNION ALL SELECT " W2("key") ", key"
		"  FROM (SELECT DISTINCT key FROM mention"
		"   WHERE instr(key, ' ') > 0))"
		" ORDER BY 1, 2;"
		"INSERT OR IGNORE INTO person_dirty(key)"
		" SELECT DISTINCT key FROM mention;",
	/* Every article's folders (ST_ARTICLE_FOLDERS for all). */
	[SQL_BUILD_LINKS] =
		"CREATE TABLE build_link("
		"  article_id INTEGER NOT NULL,"
		"  folder TEXT NOT NULL,"
		"  PRIMARY KEY(article_id, folder)) WITHOUT ROWID;"
		"INSERT OR IGNORE INTO build_link(article_id, folder)"
		" SELECT m.article_id, p.folder FROM mention m"
		" JOIN person p ON p.key = m.key"
		" WHERE m.office OR p.folder <> m.key OR instr(m.key, ' ') > 0"
		" ORDER BY 1, 2;",
	/* With every folder made: count each linked article's entries
	 * (ST_ARTICLE_RECOUNT) before its copies are written, so that
	 * no trigger writes them twice; then the links, in key order. */
	[SQL_BUILD_LINKED] =
		"UPDATE article SET nlink = 2 + (SELECT count(*) FROM"
		" article_country c WHERE c.article_id = article.id)"
		" + (SELECT count(*) FROM build_link l"
		"  WHERE l.article_id = article.id)"
		" + (SELECT count(*) FROM article_publication p"
		"  WHERE p.article_id = article.id)"
		" WHERE id IN (SELECT article_id FROM build_link);"
		"INSERT INTO article_official(official_id, article_id, "
		VIEW_COLS("") ") SELECT o.id, a.id, " VIEW_COLS("a.")
		" FROM build_link l JOIN official o ON o.key = l.folder"
		" JOIN article a ON a.id = l.article_id"
		" ORDER BY o.id, a.id;"
		"DROP TABLE build_link;"
		"REINDEX article_official;"
		IDX_ARTICLE_OFFICIAL_ARTICLE ";"
		"REINDEX source;"
		"REINDEX article;"
		"REINDEX article_country;"
		"REINDEX article_publication;"
		IDX_ARTICLE_DAY ";"
		"DELETE FROM person_dirty;"
		"DELETE FROM person_work;",
};

/* The journal's folder numbers, by the names the SQL above gives them. */
static const struct {
	const char *name;
	enum idx_folder f;
} folder_params[] = {
	{":f_all", IDX_F_ALL},
	{":f_undated", IDX_F_UNDATED},
	{":f_country", IDX_F_COUNTRY},
	{":f_official", IDX_F_OFFICIAL},
	{":f_day", IDX_F_DAY},
	{":f_month", IDX_F_MONTH},
	{":f_year", IDX_F_YEAR},
	{":f_by_country", IDX_F_BY_COUNTRY},
	{":f_by_official", IDX_F_BY_OFFICIAL},
	{":f_by_date", IDX_F_BY_DATE},
	{":f_article", IDX_F_ARTICLE},
	{":f_publication", IDX_F_PUBLICATION},
	{":f_by_publication", IDX_F_BY_PUBLICATION},
};

static bool bind_folders(sqlite3_stmt *st)
{
	bool any = false;
	for (size_t i = 0; i < NFS_ARRAY_SIZE(folder_params); i++) {
		int at = sqlite3_bind_parameter_index(st, folder_params[i].name);
		if (at > 0) {
			sqlite3_bind_int(st, at, (int)folder_params[i].f);
			any = true;
		}
	}
	return any;
}

sqlite3_stmt *idx_stmt(struct idx *ix, enum stmt_id id)
{
	sqlite3_stmt *st = ix->stmt[id];
	if (st) {
		/* idx_stmt_done() cleared every binding. */
		if (ix->stmt_folders[id])
			bind_folders(st);
		return st;
	}
	int rc = sqlite3_prepare_v3(ix->db, sql_text[id], -1,
				    SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		idx_fail(ix, rc, "cannot prepare statement");
		return NULL;
	}
	ix->stmt[id] = st;
	ix->stmt_folders[id] = bind_folders(st);
	return st;
}

const char *idx_sql(enum stmt_id id)
{
	return sql_text[id];
}

int idx_run(struct idx *ix, enum sql_script s)
{
	return idx_exec(ix, script_text[s]);
}

int idx_run_stmt(struct idx *ix, enum stmt_id id, const char *what)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	return st ? idx_step_done(ix, st, what) : -EIO;
}

int idx_run_int(struct idx *ix, enum stmt_id id, int64_t v, const char *what)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, v);
	return idx_step_done(ix, st, what);
}

int idx_run_int2(struct idx *ix, enum stmt_id id, int64_t a, int64_t b,
		 const char *what)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return idx_step_done(ix, st, what);
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

int idx_one_int_text(struct idx *ix, enum stmt_id id, const char *text,
		     int64_t *out)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	return idx_one_int(ix, st, out);
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

int idx_step_ids(struct idx *ix, sqlite3_stmt *st, idx_id_filter keep,
		 void *ctx, struct sbuf *out, const char *what)
{
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if ((!keep || keep(ctx, st, id)) &&
		    sbuf_add(out, &id, sizeof(id))) {
			ret = -ENOMEM;
			break;
		}
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, what);
	idx_stmt_done(st);
	return ret;
}

bool idx_listable_id(void *ctx, sqlite3_stmt *st, int64_t id)
{
	(void)ctx, (void)st;
	return id >= 1 && id <= IDX_ID_MAX;
}

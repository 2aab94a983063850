/*
 * The schema and its versions. PRAGMA user_version holds the version;
 * PRAGMA application_id marks the file as a newsfs index so that the mount
 * can refuse anything else with a clear message.
 *
 * Migrations are an ordered list: step i takes version i to i + 1. They
 * run in one transaction from the stored version to the current one, so
 * an interrupted migration leaves the old version intact.
 *
 * Layout notes (why, not what):
 * - content is apart from article so that listing a directory walks small
 *   rows; article bytes are only touched by read().
 * - ids are AUTOINCREMENT: a deleted article's id is never given to
 *   another, so a node id the kernel still caches never changes meaning.
 * - article_* link tables are WITHOUT ROWID with (facet, article) keys:
 *   a by-country/ listing is one range scan in article id order, which is
 *   also the keyset readdir pages on.
 * - day holds the distinct dates, so listing by-date/ never touches the
 *   article table.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>

static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE article("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  hash BLOB NOT NULL UNIQUE,"
	"  name TEXT NOT NULL UNIQUE,"
	"  size INTEGER NOT NULL,"
	"  date INTEGER,"
	"  mtime INTEGER NOT NULL,"
	"  nlink INTEGER NOT NULL);"
	"CREATE INDEX article_date ON article(date);"
	"CREATE TABLE content(id INTEGER PRIMARY KEY, body BLOB NOT NULL);"
	"CREATE TABLE source("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL UNIQUE,"
	"  article_id INTEGER NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  mtime_ns INTEGER NOT NULL,"
	"  ino INTEGER NOT NULL,"
	"  run INTEGER NOT NULL);"
	"CREATE INDEX source_article ON source(article_id);"
	"CREATE TABLE country("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE article_country("
	"  country_id INTEGER NOT NULL,"
	"  article_id INTEGER NOT NULL,"
	"  PRIMARY KEY(country_id, article_id)) WITHOUT ROWID;"
	"CREATE INDEX article_country_article"
	"  ON article_country(article_id, country_id);"
	"CREATE TABLE official("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE article_official("
	"  official_id INTEGER NOT NULL,"
	"  article_id INTEGER NOT NULL,"
	"  PRIMARY KEY(official_id, article_id)) WITHOUT ROWID;"
	IDX_ARTICLE_OFFICIAL_ARTICLE ";"
	"CREATE TABLE day(ymd INTEGER PRIMARY KEY);",
	/* 1 -> 2: which extractor produced an article's facets, so a newer
	 * one can look at it again. */
	"ALTER TABLE article ADD COLUMN ext_version INTEGER NOT NULL DEFAULT 0;",
	/* 2 -> 3: what a mount must invalidate (change), and the bytes of
	 * removed articles, kept a while for readers that have them open
	 * (tombstone). See change.c. */
	"CREATE TABLE change("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  at INTEGER NOT NULL,"
	"  folder INTEGER NOT NULL,"
	"  key INTEGER NOT NULL,"
	"  name TEXT NOT NULL);"
	"CREATE INDEX change_at ON change(at);"
	"CREATE TABLE tombstone(id INTEGER PRIMARY KEY, at INTEGER NOT NULL);",
	/* 3 -> 4: the words of each official's key, so that a surname alone
	 * finds the one person it belongs to (person.c). */
	"CREATE TABLE official_word("
	"  word TEXT NOT NULL,"
	"  official_id INTEGER NOT NULL,"
	"  PRIMARY KEY(word, official_id)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO official_word"
	"  SELECT substr(key, 1, instr(key, ' ') - 1), id FROM official"
	"  WHERE instr(key, ' ') > 0;"
	"INSERT OR IGNORE INTO official_word"
	"  SELECT substr(key, instr(key, ' ') + 1), id FROM official"
	"  WHERE instr(key, ' ') > 0;",
	/* 4 -> 5: a day's listing read from the index alone. Its articles
	 * are spread over the whole article table, one page read per entry;
	 * relisting by-date/ at 1M cost a million such reads. */
	"DROP INDEX article_date;"
	IDX_ARTICLE_DAY ";",
	/* 5 -> 6: an official's listing read from its own rows. An official
	 * is named in few articles, spread over the whole article table:
	 * relisting by-official/ cost one page read per entry, many times
	 * the daemon time of by-country/ per entry. The trigger
	 * keeps the copies; newsfs check compares them. */
	"ALTER TABLE article_official ADD COLUMN name TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE article_official ADD COLUMN size INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE article_official ADD COLUMN mtime INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE article_official ADD COLUMN date INTEGER;"
	"ALTER TABLE article_official ADD COLUMN nlink INTEGER NOT NULL"
	"  DEFAULT 0;"
	"UPDATE article_official SET (name, size, mtime, date, nlink) ="
	"  (SELECT name, size, mtime, date, nlink FROM article a"
	"   WHERE a.id = article_official.article_id);"
	"CREATE TRIGGER article_official_copy"
	"  AFTER UPDATE OF name, size, mtime, date, nlink ON article"
	"  BEGIN UPDATE article_official SET name = new.name,"
	"    size = new.size, mtime = new.mtime, date = new.date,"
	"    nlink = new.nlink WHERE article_id = new.id; END;",
	/* 6 -> 7: the folders index runs were given, so that a run with
	 * none re-indexes them (as `notmuch new` knows its folder). */
	("CREATE TABLE root(path TEXT PRIMARY KEY, added INTEGER NOT NULL)"
	 "  WITHOUT ROWID;"),
	/* 7 -> 8: full-text search (search.c). Contentless: the words'
	 * index only, no second copy of the text, which is the stored bytes
	 * (and the headline, the file name without its date and ".txt"). */
	"CREATE VIRTUAL TABLE article_fts USING fts5(title, body,"
	"  content = '', tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO article_fts(rowid, title, body) " IDX_TEXT_SQL
	"  IS NOT NULL;",
	/* 8 -> 9: officials across articles (official.c, docs/officials.md).
	 * mention holds every person each article names, office 1 where the
	 * article itself shows them in office; person the folder each key
	 * resolves to now; the rest are counts and words that let a run
	 * touch only the keys and articles it changed. correction holds the
	 * user's corrections applied, correction_hit the articles each
	 * changed (correct.c). official_word gives way to person_word. An older index is extracted again (the
	 * extractor's version changed with it), which fills mention. */
	"CREATE TABLE mention("
	"  key TEXT NOT NULL,"
	"  article_id INTEGER NOT NULL,"
	"  office INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY(key, article_id)) WITHOUT ROWID;"
	IDX_MENTION_ARTICLE ";"
	IDX_MENTION_OFFICE ";"
	"CREATE TABLE person_name("
	"  key TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY(key, name)) WITHOUT ROWID;"
	"CREATE TABLE person_word("
	"  word TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  est INTEGER NOT NULL DEFAULT 0,"	/* 1 titled, 2 by surname */
	"  PRIMARY KEY(word, key)) WITHOUT ROWID;"
	"CREATE INDEX person_word_est ON person_word(word, est, key) WHERE est;"
	"CREATE TABLE person("
	"  key TEXT PRIMARY KEY,"
	"  folder TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE correction(line TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE correction_hit("
	"  line TEXT NOT NULL,"
	"  article_id INTEGER NOT NULL,"
	"  PRIMARY KEY(line, article_id)) WITHOUT ROWID;"
	"CREATE INDEX correction_hit_article ON correction_hit(article_id);"
	"DROP TABLE official_word;",
	/* 9 -> 10: source files that hold several articles (a dump, an
	 * archive, a WARC): their stamp and resume mark live here, their
	 * records' sources are "PATH#WHERE" rows of source. And where each
	 * article was published: by-source/ (a facet like country). */
	"CREATE TABLE container("
	"  path TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  mtime_ns INTEGER NOT NULL,"
	"  ino INTEGER NOT NULL,"
	"  ext_version INTEGER NOT NULL,"
	"  run INTEGER NOT NULL,"
	"  mark BLOB);"
	"CREATE TABLE publication("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE article_publication("
	"  publication_id INTEGER NOT NULL,"
	"  article_id INTEGER NOT NULL,"
	"  PRIMARY KEY(publication_id, article_id)) WITHOUT ROWID;"
	"CREATE INDEX article_publication_article"
	"  ON article_publication(article_id, publication_id);"
	/* Each source's publications ('|' between), so that an article
	 * that loses a source loses the folders only it gave. */
	"ALTER TABLE source ADD COLUMN publications TEXT;",
	/* 10 -> 11: a by-source/ listing read from its own rows, as an
	 * official's is (5 -> 6): a publication's articles are spread over
	 * the whole article table, and joining them cost a page read per
	 * entry. The trigger keeps the copies in step with every change of
	 * the article row (rename, date, nlink); newsfs check compares
	 * them. */
	"ALTER TABLE article_publication ADD COLUMN name TEXT NOT NULL"
	"  DEFAULT '';"
	"ALTER TABLE article_publication ADD COLUMN size INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE article_publication ADD COLUMN mtime INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE article_publication ADD COLUMN date INTEGER;"
	"ALTER TABLE article_publication ADD COLUMN nlink INTEGER NOT NULL"
	"  DEFAULT 0;"
	"UPDATE article_publication SET (name, size, mtime, date, nlink) ="
	"  (SELECT name, size, mtime, date, nlink FROM article a"
	"   WHERE a.id = article_publication.article_id);"
	"CREATE TRIGGER article_publication_copy"
	"  AFTER UPDATE OF name, size, mtime, date, nlink ON article"
	"  BEGIN UPDATE article_publication SET name = new.name,"
	"    size = new.size, mtime = new.mtime, date = new.date,"
	"    nlink = new.nlink WHERE article_id = new.id; END;"
	/* The names a host's pages state (og:site_name, a dump's
	 * publication field), so that a record that gives only the host
	 * lands in the outlet's one folder (outlet.c). */
	"CREATE TABLE outlet("
	"  host TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  PRIMARY KEY(host, name)) WITHOUT ROWID;",
	/* 11 -> 12: no copy in the rows of "unknown" (name '' says so). It
	 * holds most articles of a corpus without publishers' names, in
	 * id order over the whole article table, so its listing reads the
	 * articles in order anyway (stmt.c joins them); the copies took
	 * as much room as the folder's articles' rows. The rows are written
	 * again, pages full, and the old pages go to the free list that new
	 * rows take first. */
	"DROP TRIGGER article_publication_copy;"
	"CREATE TEMP TABLE publication_12 AS SELECT * FROM article_publication;"
	"UPDATE temp.publication_12 SET name = '', size = 0, mtime = 0,"
	"  date = NULL, nlink = 0 WHERE publication_id = (SELECT id FROM"
	"  publication WHERE name = '" IDX_PUBLICATION_UNKNOWN "');"
	"DELETE FROM article_publication;"
	"INSERT INTO article_publication SELECT * FROM temp.publication_12"
	"  ORDER BY publication_id, article_id;"
	"DROP TABLE temp.publication_12;"
	"REINDEX article_publication;"
	"CREATE TRIGGER article_publication_copy"
	"  AFTER UPDATE OF name, size, mtime, date, nlink ON article"
	"  BEGIN UPDATE article_publication SET name = new.name,"
	"    size = new.size, mtime = new.mtime, date = new.date,"
	"    nlink = new.nlink WHERE article_id = new.id AND name <> ''; END;"
	/* Source paths below the base folder stored as "." and the rest
	 * (srcpath.c): the folder was in every row twice, in the table and
	 * in its path index. An older index's base is the remembered
	 * folder that holds most of its sources. The rows are written
	 * again, pages full. */
	"CREATE TABLE source_base(id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  path TEXT NOT NULL);"
	"INSERT INTO source_base(id, path) SELECT 1, path FROM"
	"  (SELECT r.path, (SELECT count(*) FROM source"
	"    WHERE path > r.path || '/' AND path < r.path || '0') AS n"
	"   FROM root r WHERE substr(r.path, 1, 1) = '/' AND length(r.path) > 1)"
	"  WHERE n > 0 ORDER BY n DESC, path LIMIT 1;"
	"CREATE TEMP TABLE source_12 AS SELECT * FROM source;"
	"UPDATE temp.source_12 SET path = '.' || substr(path,"
	"  (SELECT length(path) FROM source_base) + 1)"
	"  WHERE substr(path, 1, (SELECT length(path) + 1 FROM source_base))"
	"  = (SELECT path || '/' FROM source_base);"
	"DELETE FROM source;"
	"INSERT INTO source SELECT * FROM temp.source_12 ORDER BY id;"
	"DROP TABLE temp.source_12;"
	"REINDEX source;",
};

#define SCHEMA_VERSION IDX_SCHEMA_MAX
_Static_assert(NFS_ARRAY_SIZE(migrations) == IDX_SCHEMA_MAX,
	       "IDX_SCHEMA_MAX counts the migrations");

const char *idx_migration(int v)
{
	return v >= 0 && v < SCHEMA_VERSION ? migrations[v] : NULL;
}

int idx_header_int(struct idx *ix, enum stmt_id id, int *out)
{
	sqlite3_stmt *st = idx_stmt(ix, id);
	int64_t v = 0;
	/* The message SQLite gave the prepare, and its errno. */
	int rc = st ? idx_one_int(ix, st, &v)
		    : idx_fail(ix, ix->sqlite_rc, "cannot read the database header");
	*out = (int)v;
	return rc;
}

int idx_schema_migrate(struct idx *ix)
{
	int version = 0;
	int rc = idx_run_stmt(ix, ST_BEGIN, "cannot begin a transaction");
	if (rc)
		return rc;
	rc = idx_header_int(ix, ST_USER_VERSION, &version);
	/* Checked before (idx_schema_check), but another process may have
	 * written the file since. */
	if (!rc && (version < 0 || version > SCHEMA_VERSION)) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "index schema version %d changed while opening",
			 version);
		rc = -EPROTO;
	}
	for (int v = version; !rc && v < SCHEMA_VERSION; v++)
		rc = idx_exec(ix, migrations[v]);
	if (!rc && version < SCHEMA_VERSION)
		rc = idx_run(ix, SQL_SET_HEADER);
	if (!rc && version == 0) {
		/* A value fixed at creation: the FUSE generation of every
		 * node, so a rebuilt index never aliases an old one. */
		int64_t epoch;
		sqlite3_randomness(sizeof(epoch), &epoch);
		rc = idx_meta_set(ix, "epoch", (epoch & 0x7fffffff) | 1);
	}
	if (rc) {
		idx_run_stmt(ix, ST_ROLLBACK, "cannot roll back");
		return rc;
	}
	return idx_run_stmt(ix, ST_COMMIT, "cannot commit");
}

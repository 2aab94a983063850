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
	"CREATE INDEX article_official_article"
	"  ON article_official(article_id, official_id);"
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
	"CREATE INDEX article_day"
	"  ON article(date, id, name, size, mtime, nlink);",
	/* 5 -> 6: an official's listing read from its own rows. An official
	 * is named in few articles, spread over the whole article table:
	 * relisting by-official/ cost one page read per entry, five times
	 * the daemon time of by-country/ per entry at 100k. The trigger
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
	/* 6 -> 7: source files that hold several articles (a dump, an
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
	"  ON article_publication(article_id, publication_id);",
};

#define SCHEMA_VERSION IDX_SCHEMA_MAX
_Static_assert(NFS_ARRAY_SIZE(migrations) == IDX_SCHEMA_MAX,
	       "IDX_SCHEMA_MAX counts the migrations");

const char *idx_migration(int v)
{
	return v >= 0 && v < SCHEMA_VERSION ? migrations[v] : NULL;
}

static int pragma_int(struct idx *ix, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return idx_fail(ix, rc, "cannot read the database header");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	int ret = rc == SQLITE_ROW ? 0
				   : idx_fail(ix, rc, "cannot read the database header");
	sqlite3_finalize(st);
	return ret;
}

/* The version the file says it has, checked against what newsfs ever
 * wrote: -EINVAL or -EPROTO with errmsg set for anything else. */
static int check_version(struct idx *ix, int app, int version)
{
	if (app != 0 && app != IDX_APP_ID) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "not a newsfs index (application id %#x)",
			 (unsigned)app);
		return -EINVAL;
	}
	if (app == 0 && version != 0) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "not a newsfs index (user version %d without "
			 "newsfs's application id)", version);
		return -EINVAL;
	}
	if (version < 0 || (app == IDX_APP_ID && version == 0)) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "damaged or not a newsfs index: schema version %d "
			 "is not one newsfs writes (1 to %d)", version,
			 SCHEMA_VERSION);
		return -EINVAL;
	}
	if (version > SCHEMA_VERSION) {
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "index schema version %d is newer than this newsfs "
			 "understands (%d); use a newer newsfs", version,
			 SCHEMA_VERSION);
		return -EPROTO;
	}
	return 0;
}

int idx_schema_check(struct idx *ix)
{
	int app = 0, version = 0, rc;
	rc = pragma_int(ix, "PRAGMA application_id", &app);
	if (!rc)
		rc = pragma_int(ix, "PRAGMA user_version", &version);
	if (!rc)
		rc = check_version(ix, app, version);
	if (!rc)
		rc = idx_schema_verify(ix, version);
	if (rc)
		return rc;
	if (ix->mode == IDX_READ && version < SCHEMA_VERSION) {
		snprintf(ix->errmsg, sizeof(ix->errmsg), version == 0 ?
			 "not a newsfs index (an empty database)" :
			 "index schema version %d is older than this newsfs "
			 "(%d); run 'newsfs index' to upgrade it",
			 version, SCHEMA_VERSION);
		return version == 0 ? -EINVAL : -EPROTO;
	}
	return 0;
}

static int set_header(struct idx *ix)
{
	char sql[128];
	snprintf(sql, sizeof(sql),
		 "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 IDX_APP_ID, SCHEMA_VERSION);
	return idx_exec(ix, sql);
}

int idx_schema_migrate(struct idx *ix)
{
	int version = 0;
	int rc = idx_exec(ix, "BEGIN IMMEDIATE");
	if (rc)
		return rc;
	rc = pragma_int(ix, "PRAGMA user_version", &version);
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
		rc = set_header(ix);
	if (!rc && version == 0) {
		/* A value fixed at creation: the FUSE generation of every
		 * node, so a rebuilt index never aliases an old one. */
		int64_t epoch;
		sqlite3_randomness(sizeof(epoch), &epoch);
		rc = idx_meta_set(ix, "epoch", (epoch & 0x7fffffff) | 1);
	}
	if (rc) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return idx_exec(ix, "COMMIT");
}

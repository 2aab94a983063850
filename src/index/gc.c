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

static bool kept(const char *path, const char *const *keep, size_t nkeep)
{
	for (size_t i = 0; i < nkeep; i++)
		if (strcmp(path, keep[i]) == 0 || under(path, keep[i]))
			return true;
	return false;
}

/* The ids of sources below dir that run did not see. OUT: *ids (caller
 * frees), *n. */
static int collect_unseen(struct idx *ix, const char *dir, int64_t run,
			  const char *const *keep, size_t nkeep,
			  int64_t **ids, size_t *n)
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
	struct sbuf out = {0};
	int ret = 0, rc;
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_UNSEEN);
	if (!st) {
		ret = -EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, lo.buf, (int)lo.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi.buf, (int)hi.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, run);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 1);
		if (path && kept(path, keep, nkeep))
			continue;
		int64_t id = sqlite3_column_int64(st, 0);
		if (sbuf_add(&out, &id, sizeof(id))) {
			ret = -ENOMEM;
			break;
		}
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot list sources");
	idx_stmt_done(st);
out:
	sbuf_release(&lo);
	sbuf_release(&hi);
	if (ret) {
		sbuf_release(&out);
		return ret;
	}
	*ids = (int64_t *)(void *)out.buf;	/* sbuf storage is malloc'd */
	*n = out.len / sizeof(int64_t);
	return 0;
}

/* Step a prepared "DELETE FROM source ... RETURNING article_id" and note
 * the article it pointed to. -ENOENT when no row was deleted. */
static int drop_returning(struct idx *ix, sqlite3_stmt *st)
{
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

int idx_source_drop(struct idx *ix, const char *path)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_DROP);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	return drop_returning(ix, st);
}

int idx_sources_drop_unseen(struct idx *ix, const char *dir, int64_t run,
			    const char *const *keep, size_t nkeep,
			    int64_t *dropped)
{
	int64_t *ids = NULL;
	size_t n = 0;
	*dropped = 0;
	int rc = collect_unseen(ix, dir, run, keep, nkeep, &ids, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_DROP_ID);
		if (!st) {
			rc = -EIO;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = drop_returning(ix, st);
		if (rc == -ENOENT)
			rc = 0;
	}
	free(ids);
	if (!rc)
		*dropped = (int64_t)n;
	return rc;
}

/*
 * Journal rows (change.c) for entries that are going away: each folder an
 * article is in loses its name. IN is "IN <temp table>" or "= ?1". The
 * folder numbers are enum idx_folder's, which the asserts below pin.
 */
#define NOW "CAST(strftime('%s', 'now') AS INTEGER)"
#define GONE_SQL(IN)							\
	"INSERT INTO change(at, folder, key, name)"			\
	" SELECT " NOW ", 0, 0, name FROM article WHERE id " IN		\
	" UNION ALL SELECT " NOW ", CASE WHEN date IS NULL THEN 1"	\
	"  ELSE 4 END, coalesce(date, 0), name FROM article WHERE id " IN \
	" UNION ALL SELECT " NOW ", 2, c.country_id, a.name"		\
	"  FROM article_country c JOIN article a ON a.id = c.article_id"	\
	"  WHERE c.article_id " IN					\
	" UNION ALL SELECT " NOW ", 3, o.official_id, a.name"		\
	"  FROM article_official o JOIN article a ON a.id = o.article_id"	\
	"  WHERE o.article_id " IN					\
	" UNION ALL SELECT " NOW ", 11, p.publication_id, a.name"	\
	"  FROM article_publication p JOIN article a"			\
	"  ON a.id = p.article_id WHERE p.article_id " IN

_Static_assert(IDX_F_ALL == 0 && IDX_F_UNDATED == 1 && IDX_F_COUNTRY == 2 &&
	       IDX_F_OFFICIAL == 3 && IDX_F_DAY == 4 && IDX_F_MONTH == 5 &&
	       IDX_F_YEAR == 6 && IDX_F_BY_COUNTRY == 7 &&
	       IDX_F_BY_OFFICIAL == 8 && IDX_F_BY_DATE == 9 &&
	       IDX_F_PUBLICATION == 11 && IDX_F_BY_PUBLICATION == 12,
	       "the journal SQL below uses these numbers");

/* Removed articles keep their bytes this long, so that a reader who has
 * one open reads it to the end; journal rows are read by a mount within
 * seconds and kept this long. */
#define TOMBSTONE_SECONDS "3600"
#define JOURNAL_SECONDS "600"

/* Fixed SQL, no input: the orphans among the candidates, then everything
 * that only they used, journalling each name that goes. */
static const char gc_sql[] =
	"INSERT OR IGNORE INTO gc_orphan SELECT g.id FROM gc_candidate g"
	"  WHERE NOT EXISTS (SELECT 1 FROM source s WHERE s.article_id = g.id);"
	GONE_SQL("IN gc_orphan") ";"
	"INSERT OR IGNORE INTO gc_country SELECT country_id"
	"  FROM article_country WHERE article_id IN gc_orphan;"
	"INSERT OR IGNORE INTO gc_official SELECT official_id"
	"  FROM article_official WHERE article_id IN gc_orphan;"
	"INSERT OR IGNORE INTO gc_day SELECT date FROM article"
	"  WHERE id IN gc_orphan AND date IS NOT NULL;"
	"DELETE FROM article_country WHERE article_id IN gc_orphan;"
	"DELETE FROM article_official WHERE article_id IN gc_orphan;"
	"INSERT OR IGNORE INTO gc_publication SELECT publication_id"
	"  FROM article_publication WHERE article_id IN gc_orphan;"
	"DELETE FROM article_publication WHERE article_id IN gc_orphan;"
	"INSERT OR REPLACE INTO tombstone(id, at) SELECT id, " NOW
	"  FROM gc_orphan;"
	"DELETE FROM article WHERE id IN gc_orphan;"
	"INSERT INTO change(at, folder, key, name) SELECT " NOW ", 7, 0, name"
	"  FROM country WHERE id IN gc_country AND NOT EXISTS"
	"  (SELECT 1 FROM article_country c WHERE c.country_id = country.id);"
	"DELETE FROM country WHERE id IN gc_country AND NOT EXISTS"
	"  (SELECT 1 FROM article_country c WHERE c.country_id = country.id);"
	"INSERT INTO change(at, folder, key, name) SELECT " NOW ", 8, 0, name"
	"  FROM official WHERE id IN gc_official AND NOT EXISTS"
	"  (SELECT 1 FROM article_official o WHERE o.official_id = official.id);"
	"DELETE FROM official WHERE id IN gc_official AND NOT EXISTS"
	"  (SELECT 1 FROM article_official o WHERE o.official_id = official.id);"
	"INSERT INTO change(at, folder, key, name) SELECT " NOW ", 12, 0, name"
	"  FROM publication WHERE id IN gc_publication AND NOT EXISTS"
	"  (SELECT 1 FROM article_publication p"
	"   WHERE p.publication_id = publication.id);"
	"DELETE FROM publication WHERE id IN gc_publication AND NOT EXISTS"
	"  (SELECT 1 FROM article_publication p"
	"   WHERE p.publication_id = publication.id);"
	"DELETE FROM official_word WHERE official_id IN gc_official"
	"  AND official_id NOT IN (SELECT id FROM official);"
	"DELETE FROM gc_day WHERE EXISTS"
	"  (SELECT 1 FROM article a WHERE a.date = gc_day.ymd);"
	"INSERT INTO change(at, folder, key, name)"
	"  SELECT " NOW ", 5, ymd / 100, printf('%02d', ymd % 100)"
	"  FROM gc_day"
	"  UNION ALL SELECT " NOW ", 6, ymd / 10000, printf('%02d', ymd / 100 % 100)"
	"  FROM gc_day"
	"  UNION ALL SELECT " NOW ", 9, 0, printf('%04d', ymd / 10000)"
	"  FROM gc_day;"
	"DELETE FROM day WHERE ymd IN gc_day;"
	"DELETE FROM content WHERE id IN (SELECT id FROM tombstone"
	"  WHERE at < " NOW " - " TOMBSTONE_SECONDS ");"
	"DELETE FROM tombstone WHERE at < " NOW " - " TOMBSTONE_SECONDS ";"
	"DELETE FROM change WHERE at < " NOW " - " JOURNAL_SECONDS ";";

static const char gc_reset_sql[] =
	"DELETE FROM gc_candidate; DELETE FROM gc_orphan;"
	"DELETE FROM gc_country; DELETE FROM gc_official; DELETE FROM gc_day;"
	"DELETE FROM gc_publication;";

int idx_journal_gone_article(struct idx *ix, int64_t id)
{
	static const char sql[] = GONE_SQL("= ?1");
	sqlite3_stmt *st;
	/* Runs once per article an extractor looks at again: rare enough
	 * not to need a place in the statement cache. */
	int rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return idx_fail(ix, rc, "cannot journal a rename");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	int ret = rc == SQLITE_DONE ? 0 : idx_fail(ix, rc, "cannot journal a rename");
	sqlite3_finalize(st);
	return ret;
}

int idx_gc(struct idx *ix, int64_t *removed)
{
	*removed = 0;
	idx_facet_cache_clear(ix);	/* facet rows may go */
	idx_pack_stop(ix);		/* and content rows */
	int rc = idx_exec(ix, gc_sql);
	if (rc)
		return rc;
	sqlite3_stmt *st;
	rc = sqlite3_prepare_v2(ix->db, "SELECT count(*) FROM gc_orphan", -1,
				&st, NULL);
	if (rc != SQLITE_OK)
		return idx_fail(ix, rc, "cannot count removed articles");
	if (sqlite3_step(st) == SQLITE_ROW)
		*removed = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return idx_exec(ix, gc_reset_sql);
}

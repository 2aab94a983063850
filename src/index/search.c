/*
 * The full-text index: article_fts, an FTS5 table over article_text (the
 * headline and the stored bytes of each article), kept in step with the
 * article table inside the writer's own transactions.
 *
 * It is contentless: FTS5 keeps only its index (the text is already
 * stored once, in content). So deleting an article's words must pass
 * exactly the words that were added, which is why both read them with
 * one query (IDX_TEXT_SQL) from the article row and its bytes, and every
 * deletion happens while both still exist: before a rename
 * (idx_article_refresh) and before gc deletes the row (gc.c; the bytes
 * stay in content for a while after that anyway). The words of a new
 * article are read back from the row just written, still in SQLite's
 * cache.
 *
 * A first run (built aside, build.c) leaves the search index out of its
 * batches and fills it in one pass just before the index is published
 * (idx_fts_fill): the same words, in one statement instead of one per
 * article, and no search-index pages competing with the article tables'
 * for the writer's cache in every batch (figures: docs/performance.md). The pass starts with
 * 'delete-all', so a stale build from an older newsfs that did keep the
 * search index as it went is never indexed twice.
 *
 * Tokens: unicode61 with diacritics removed, no stemming, so "missiles"
 * does not find "missile" (a prefix "missile*" does). A phrase is its
 * words one after another, whatever punctuation or line breaks are
 * between them.
 */
#include "internal.h"

#include <errno.h>

int idx_fts_add(struct idx *ix, int64_t id)
{
	if (ix->build)
		return 0;
	return idx_run_int(ix, ST_FTS_ADD, id, "cannot add to the search index");
}

int idx_fts_drop(struct idx *ix, int64_t id)
{
	if (ix->build)
		return 0;
	return idx_run_int(ix, ST_FTS_DROP, id,
			   "cannot remove from the search index");
}

int idx_fts_fill(struct idx *ix)
{
	int rc = idx_run(ix, SQL_FTS_FILL);
	if (rc)
		idx_fail(ix, sqlite3_errcode(ix->db),
			 "cannot build the search index");
	return rc;
}

/* Ids from column 0 of st, appended to out as int64_t. A failure of
 * SQLITE_ERROR is an expression FTS5 cannot parse: the user's, -EINVAL. */
static int collect(struct idx *ix, sqlite3_stmt *st, struct sbuf *out)
{
	int ret = idx_step_ids(ix, st, idx_listable_id, NULL, out,
			       "cannot search");
	return ret == -EIO && (ix->sqlite_rc & 0xff) == SQLITE_ERROR ? -EINVAL
								    : ret;
}

int idx_text_ids(struct idx *ix, const char *expr, struct sbuf *out)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_FTS_MATCH);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	return collect(ix, st, out);
}

int idx_text_ranked(struct idx *ix, const char *expr, int64_t limit,
		    struct sbuf *out)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_FTS_RANK);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit);
	return collect(ix, st, out);
}

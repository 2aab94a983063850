/*
 * The user's corrections, as the index keeps track of them: which lines
 * the stored articles were corrected with, and which articles each line
 * changed. When the file changes, only the articles a changed line
 * concerns are extracted again (idx_fixes_sync in index.h):
 *
 *  - a new line concerns the articles that mention one of its person
 *    keys (mention), that are linked to its country (article_country), or
 *    the one article of its path (source) — the articles it could change;
 *  - a line that is gone concerns the articles it did change
 *    (correction_hit, written as each article was stored).
 *
 * They are marked by clearing their extractor version, which makes the
 * run read and extract them again as it would after an extractor
 * upgrade (and the version of the dumps and archives that hold marked
 * records, which are otherwise not opened while unchanged); a run
 * interrupted after the mark finishes the job next time.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static int mark_text(struct idx *ix, enum stmt_id sid, const char *text,
		     int64_t *marked)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	int rc = idx_step_done(ix, st, "cannot apply corrections");
	/* Only the marking statements count. */
	if (!rc && sid != ST_FIX_FORGET && sid != ST_FIX_FORGET_HITS &&
	    sid != ST_FIX_ADD && sid != ST_FIX_NOW_ADD)
		*marked += sqlite3_changes(ix->db);
	return rc;
}

/* The articles at path or below it (ST_FIX_MARK_PATH), its sources
 * as stored (srcpath.c). */
static int mark_path(struct idx *ix, const char *path, int64_t *marked)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_FIX_MARK_PATH);
	if (!st)
		return -EIO;
	size_t n = strlen(path);
	bool all_short = idx_src_base_within(ix, path, n);
	int rc = 0;
	if (all_short)
		sqlite3_bind_text(st, 1, path, (int)n, SQLITE_STATIC);
	else
		rc = idx_src_bind(ix, st, 1, 0, path, n);
	sqlite3_bind_int(st, 2, all_short);
	if (rc) {
		idx_stmt_done(st);
		return rc;
	}
	rc = idx_step_done(ix, st, "cannot apply corrections");
	if (!rc)
		*marked += sqlite3_changes(ix->db);
	return rc;
}

int idx_fixes_sync(struct idx *ix, const struct idx_fix *f, size_t n,
		   int64_t *marked)
{
	*marked = 0;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = mark_text(ix, ST_FIX_NOW_ADD, f[i].line, marked);
	/* Lines gone: the articles they changed. */
	struct sbuf gone = {0};
	sqlite3_stmt *st = rc ? NULL : idx_stmt(ix, ST_FIX_GONE);
	if (!rc && !st)
		rc = -EIO;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(st, 0);
		if (l && sbuf_add(&gone, l, strlen(l) + 1))
			rc = -ENOMEM;
	}
	if (st)
		idx_stmt_done(st);
	for (size_t off = 0; !rc && off < gone.len;
	     off += strlen(gone.buf + off) + 1) {
		rc = mark_text(ix, ST_FIX_MARK_HITS, gone.buf + off, marked);
		if (!rc)
			rc = mark_text(ix, ST_FIX_FORGET, gone.buf + off,
				       marked);
		if (!rc)
			rc = mark_text(ix, ST_FIX_FORGET_HITS, gone.buf + off,
				       marked);
	}
	sbuf_release(&gone);
	/* Lines new: the articles they may change. */
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t one;
		rc = idx_one_int_text(ix, ST_FIX_KNOWN, f[i].line, &one);
		if (rc != -ENOENT)
			continue;
		rc = 0;
		for (size_t k = 0; !rc && k < f[i].nkeys; k++)
			rc = mark_text(ix, ST_FIX_MARK_KEY, f[i].keys[k], marked);
		if (!rc && f[i].country)
			rc = mark_text(ix, ST_FIX_MARK_COUNTRY, f[i].country,
				       marked);
		if (!rc && f[i].path)
			rc = mark_path(ix, f[i].path, marked);
		if (!rc)
			rc = mark_text(ix, ST_FIX_ADD, f[i].line, marked);
	}
	/* Marked records of dumps and archives: their files too. */
	if (!rc && *marked) {
		sqlite3_stmt *files = idx_stmt(ix, ST_FIX_MARK_CONTAINERS);
		rc = files ? idx_step_done(ix, files,
					   "cannot apply corrections") : -EIO;
	}
	sqlite3_stmt *clear = idx_stmt(ix, ST_FIX_NOW_CLEAR);
	int rc2 = clear ? idx_step_done(ix, clear, "cannot apply corrections")
			: -EIO;
	return rc ? rc : rc2;
}

int idx_fix_hit(struct idx *ix, const char *line, int64_t id)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_FIX_HIT);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, line, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return idx_step_done(ix, st, "cannot record a correction");
}

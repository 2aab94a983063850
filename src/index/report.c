/*
 * Whole-index reports: export (what was extracted, per source path), the
 * sources with their stamps and hashes, stats, and check (SQLite's integrity check plus every article's bytes
 * against its hash).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

int idx_export(struct idx *ix, idx_export_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_EXPORT);
	if (!st)
		return -EIO;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct idx_export_row r = {
			.path = col_text(st, 0),
			.hash = sqlite3_column_blob(st, 1),
			.date = sqlite3_column_int(st, 2),
			.article_id = sqlite3_column_int64(st, 3),
			.mtime_ns = sqlite3_column_int64(st, 4),
			.countries = col_text(st, 5),
			.officials = col_text(st, 6),
		};
		if (sqlite3_column_bytes(st, 1) != NFS_HASH_LEN) {
			ret = -EIO;
			snprintf(ix->errmsg, sizeof(ix->errmsg),
				 "%s: stored hash is damaged", r.path);
			break;
		}
		ret = fn(ctx, &r);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot export");
	idx_stmt_done(st);
	return ret;
}

int idx_source_list(struct idx *ix, idx_source_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_SOURCE_LIST);
	if (!st)
		return -EIO;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct idx_stamp stamp = {
			.size = sqlite3_column_int64(st, 1),
			.mtime_ns = sqlite3_column_int64(st, 2),
			.ino = sqlite3_column_int64(st, 3),
		};
		const char *path = col_text(st, 0);
		if (sqlite3_column_bytes(st, 4) != NFS_HASH_LEN) {
			ret = -EIO;
			snprintf(ix->errmsg, sizeof(ix->errmsg),
				 "%s: stored hash is damaged", path);
			break;
		}
		ret = fn(ctx, path, &stamp, sqlite3_column_blob(st, 4));
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot list the sources");
	idx_stmt_done(st);
	return ret;
}

int idx_stats(struct idx *ix, struct idx_stats *s)
{
	memset(s, 0, sizeof(*s));
	sqlite3_stmt *st = idx_stmt(ix, ST_STATS);
	if (!st)
		return -EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->articles = sqlite3_column_int64(st, 0);
		s->sources = sqlite3_column_int64(st, 1);
		s->countries = sqlite3_column_int64(st, 2);
		s->officials = sqlite3_column_int64(st, 3);
		s->dated = sqlite3_column_int64(st, 4);
		s->undated = s->articles - s->dated;
		s->content_bytes = sqlite3_column_int64(st, 5);
		s->db_bytes = sqlite3_column_int64(st, 6);
		s->generation = sqlite3_column_int64(st, 7);
	}
	int ret = rc == SQLITE_ROW ? 0 : idx_fail(ix, rc, "cannot count");
	idx_stmt_done(st);
	return ret;
}

/* Report every row of a one-column query whose text is not "ok". */
static int report_rows(struct idx *ix, enum stmt_id sid, idx_problem_fn fn,
		       void *ctx, int64_t *problems)
{
	sqlite3_stmt *st = idx_stmt(ix, sid);
	if (!st)
		return -EIO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = col_text(st, 0);
		if (strcmp(msg, "ok") != 0) {
			if (fn)
				fn(ctx, msg);
			(*problems)++;
		}
	}
	int ret = rc == SQLITE_DONE ? 0 : idx_fail(ix, rc, "cannot check");
	idx_stmt_done(st);
	return ret;
}

static void check_one(sqlite3_stmt *st, idx_problem_fn fn, void *ctx,
		      int64_t *problems)
{
	char msg[512];
	const char *name = col_text(st, 1);
	const void *body = sqlite3_column_blob(st, 4);
	int64_t len = sqlite3_column_bytes(st, 4);
	uint8_t h[NFS_HASH_LEN];
	if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
		snprintf(msg, sizeof(msg), "%s: bytes are missing", name);
	} else if (len != sqlite3_column_int64(st, 3)) {
		snprintf(msg, sizeof(msg), "%s: size is %lld, expected %lld",
			 name, (long long)len,
			 (long long)sqlite3_column_int64(st, 3));
	} else {
		nfs_hash(body, (size_t)len, h);
		if (sqlite3_column_bytes(st, 2) == NFS_HASH_LEN &&
		    memcmp(h, sqlite3_column_blob(st, 2), NFS_HASH_LEN) == 0)
			return;
		snprintf(msg, sizeof(msg), "%s: bytes do not match the hash",
			 name);
	}
	if (fn)
		fn(ctx, msg);
	(*problems)++;
}

int idx_check(struct idx *ix, idx_problem_fn fn, void *ctx,
	      int64_t *checked, int64_t *problems)
{
	*checked = *problems = 0;
	int rc = report_rows(ix, ST_INTEGRITY, fn, ctx, problems);
	if (!rc)
		rc = report_rows(ix, ST_CHECK_DANGLING, fn, ctx, problems);
	if (rc)
		return rc;
	sqlite3_stmt *st = idx_stmt(ix, ST_CHECK_ARTICLES);
	if (!st)
		return -EIO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		check_one(st, fn, ctx, problems);
		(*checked)++;
	}
	int ret = rc == SQLITE_DONE ? 0 : idx_fail(ix, rc, "cannot check");
	idx_stmt_done(st);
	return ret;
}

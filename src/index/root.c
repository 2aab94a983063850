/* The folders an index was built from (the root table). */
#include "internal.h"

#include <errno.h>
#include <time.h>

int idx_root_add(struct idx *ix, const char *path)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ROOT_ADD);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	return idx_step_done(ix, st, "cannot remember the folder");
}

int idx_root_drop(struct idx *ix, const char *path)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ROOT_DROP);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	int rc = idx_step_done(ix, st, "cannot forget the folder");
	return rc ? rc : sqlite3_changes(ix->db) ? 0 : -ENOENT;
}

int idx_root_list(struct idx *ix, idx_root_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_ROOT_LIST);
	if (!st)
		return -EIO;
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_text(st, 0);
		if (p && (ret = fn(ctx, (const char *)p)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot list the folders");
	idx_stmt_done(st);
	return ret;
}

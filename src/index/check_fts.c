/*
 * FTS5's own check of the search index (search.c).
 *
 * FTS5 runs it as a write statement, INSERT INTO t(t) VALUES
 * ('integrity-check'), which the read-only connection of `newsfs check`
 * refuses. So this step alone opens a second connection that may write,
 * and only under the writers' lock (lock.c): a run that is writing the
 * index is never disturbed, and the step is then left out and says why
 * (the article/search-index agreement in both directions is still
 * checked, on the read-only connection). The statement writes nothing;
 * readers such as a live mount go on reading meanwhile (WAL).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>

static int never_wait(void *ctx, const char *who)
{
	(void)ctx;
	(void)who;
	return 1;
}

int idx_check_search(struct idx *ix, idx_problem_fn fn, void *ctx,
		     int64_t *problems)
{
	const char *file = sqlite3_db_filename(ix->db, "main");
	if (!file || !*file)
		return -EINVAL;
	int fd;
	int rc = idx_lock_take(file, never_wait, NULL, &fd, ix->errmsg,
			       sizeof(ix->errmsg));
	if (rc)
		return rc;
	sqlite3 *db = NULL;
	int src = sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		src = sqlite3_exec(db, idx_sql(ST_FTS_CHECK), NULL, NULL,
				   NULL);
	}
	if ((src & 0xff) == SQLITE_CORRUPT) {
		char msg[512];
		snprintf(msg, sizeof(msg), "the search index is damaged "
			 "(FTS5 integrity-check: %s)", sqlite3_errmsg(db));
		if (fn)
			fn(ctx, msg);
		(*problems)++;
	} else if (src != SQLITE_OK) {
		/* -EROFS: a read-only file or folder. */
		snprintf(ix->errmsg, sizeof(ix->errmsg), "%s",
			 db ? sqlite3_errmsg(db) : "out of memory");
		rc = (src & 0xff) == SQLITE_READONLY ||
		     (src & 0xff) == SQLITE_CANTOPEN ? -EROFS : -EIO;
	}
	sqlite3_close(db);
	idx_lock_release(fd);
	return rc;
}

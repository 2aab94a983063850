/*
 * Numbers kept in the index itself (the meta table): the run counter,
 * the generation a mount watches, the epoch fixed at creation.
 */
#include "internal.h"

#include <errno.h>
#include <time.h>

/* A number of the meta table, or dflt when it has none. */
static int64_t meta_get(struct idx *ix, const char *key, int64_t dflt)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_META_GET);
	if (!st)
		return dflt;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
						    : dflt;
	idx_stmt_done(st);
	return v;
}

int idx_meta_set(struct idx *ix, const char *key, int64_t value)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_META_SET);
	if (!st)
		return -EIO;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, value);
	return idx_step_done(ix, st, "cannot update meta");
}

int idx_generation(struct idx *ix, struct idx_gen *g)
{
	g->generation = meta_get(ix, "generation", 0);
	g->epoch = meta_get(ix, "epoch", 1);
	g->indexed_at = meta_get(ix, "indexed_at", 0);
	return 0;
}

int idx_run_begin(struct idx *ix, int64_t *run)
{
	*run = meta_get(ix, "run", 0) + 1;
	return idx_meta_set(ix, "run", *run);
}

int idx_generation_bump(struct idx *ix)
{
	int rc = idx_meta_set(ix, "indexed_at", (int64_t)time(NULL));
	return rc ? rc : idx_meta_set(ix, "generation",
				      meta_get(ix, "generation", 0) + 1);
}

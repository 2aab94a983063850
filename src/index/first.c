/*
 * What a first run (built aside, build.c) leaves to its end.
 *
 * Nobody reads a first run's index before it is published, so whatever
 * can be made from its rows at the end need not be kept up to date row
 * by row on the way. Made at the end it costs less and takes less room:
 *  - indexes that no step of the run reads are dropped after the schema
 *    is made and created again from the rows (a sort, then B-tree pages
 *    written full, in order; row by row, in the order articles come,
 *    they are split all over and left part empty);
 *  - officials across articles: the mentions are kept in arrival order
 *    and resolved once over all rows with the same rules a later run
 *    applies per commit (official.c), instead of at every commit with a
 *    relink of every stored article.
 * What a later run finds is the schema and the rows any run leaves.
 */
#include "internal.h"

int idx_build_defer(struct idx *ix)
{
	return idx_run(ix, SQL_BUILD_DEFER);
}

int idx_build_finish(struct idx *ix)
{
	int rc = idx_begin(ix);
	if (rc)
		return rc;
	rc = idx_people_resolve_all(ix);
	/* Nothing reads the journal of an index nobody has seen. */
	idx_changes_clear(ix);
	if (rc) {
		idx_run_stmt(ix, ST_ROLLBACK, "cannot roll back");
		return rc;
	}
	return idx_run_stmt(ix, ST_COMMIT, "cannot commit");
}

/*
 * Facet folders (by-country/, by-official/, by-source/) and the calendar
 * (by-date/).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>

static const enum stmt_id list_stmt[] = {
	[IDX_COUNTRY] = ST_COUNTRY_LIST,
	[IDX_OFFICIAL] = ST_OFFICIAL_LIST,
	[IDX_PUBLICATION] = ST_PUBLICATION_LIST,
};
static const enum stmt_id find_stmt[] = {
	[IDX_COUNTRY] = ST_COUNTRY_FIND,
	[IDX_OFFICIAL] = ST_OFFICIAL_FIND,
	[IDX_PUBLICATION] = ST_PUBLICATION_FIND,
};
static const enum stmt_id exists_stmt[] = {
	[IDX_COUNTRY] = ST_COUNTRY_EXISTS,
	[IDX_OFFICIAL] = ST_OFFICIAL_EXISTS,
	[IDX_PUBLICATION] = ST_PUBLICATION_EXISTS,
};

int idx_facet_list(struct idx *ix, enum idx_facet f, int64_t after,
		   idx_name_fn fn, void *ctx)
{
	sqlite3_stmt *st = idx_stmt(ix, list_stmt[f]);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, after);
	int rc, ret = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Rising ids only, as in idx_view_list(). */
		const char *name = idx_column_name(st, 1);
		int64_t id = sqlite3_column_int64(st, 0);
		if (!name || id <= after || id > IDX_ID_MAX)
			continue;
		after = id;
		if ((ret = fn(ctx, id, name)))
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = idx_fail(ix, rc, "cannot list folders");
	idx_stmt_done(st);
	return ret;
}

int idx_facet_find(struct idx *ix, enum idx_facet f, const char *name,
		   int64_t *id)
{
	return idx_one_int_text(ix, find_stmt[f], name, id);
}

int idx_facet_exists(struct idx *ix, enum idx_facet f, int64_t id)
{
	sqlite3_stmt *st = idx_stmt(ix, exists_stmt[f]);
	if (!st)
		return -EIO;
	sqlite3_bind_int64(st, 1, id);
	int64_t one;
	return idx_one_int(ix, st, &one);
}

int idx_day_next(struct idx *ix, int32_t from, int32_t *ymd)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_DAY_NEXT);
	if (!st)
		return -EIO;
	sqlite3_bind_int(st, 1, from);
	int64_t v;
	int rc = idx_one_int(ix, st, &v);
	if (!rc && (v < from || v > 99991231)) {
		/* Only a damaged index answers this; a calendar walk must
		 * still advance. */
		snprintf(ix->errmsg, sizeof(ix->errmsg),
			 "damaged index: day %lld listed after %d",
			 (long long)v, (int)from);
		return -EIO;
	}
	if (!rc)
		*ymd = (int32_t)v;
	return rc;
}

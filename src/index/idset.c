/*
 * A set of article ids that SQL can test: in_idset(?N, id) is true when
 * id is in the set bound to ?N (sqlite3_bind_pointer). A statement that
 * scans a long range (a date range) but wants the rows of a few of its
 * ids then decodes and returns only those rows: the test runs before
 * SQLite reads the other columns. The function may only appear in our
 * own statements (SQLITE_DIRECTONLY): a crafted index's views and
 * triggers cannot call it, and a pointer reaches it only when bound.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>

static void sql_in_idset(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct idx_idset *s = sqlite3_value_pointer(argv[0],
							  IDX_IDSET_TYPE);
	sqlite3_result_int(cx, s && idx_idset_has(s,
					sqlite3_value_int64(argv[1])));
}

int idx_idset_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "in_idset", 2,
					  SQLITE_UTF8 | SQLITE_DIRECTONLY,
					  NULL, sql_in_idset, NULL, NULL,
					  NULL);
}

int idx_idset_make(struct idx_idset *s, const int64_t *v, size_t n)
{
	*s = (struct idx_idset){.v = v, .n = n};
	if (!n)
		return 0;
	s->first = v[0];
	s->last = v[n - 1];
	/* A bitmap over the ids' range; binary search when the range is
	 * too sparse for one (ids far apart in a crafted index). */
	uint64_t words = (uint64_t)(s->last - s->first) / 64 + 1;
	if (words > (uint64_t)n * 4 + 4096)
		return 0;
	uint64_t *bits = calloc(words, sizeof(*bits));
	if (!bits)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint64_t d = (uint64_t)(v[i] - s->first);
		bits[d / 64] |= UINT64_C(1) << (d % 64);
	}
	s->bits = bits;
	return 0;
}

bool idx_idset_has(const struct idx_idset *s, int64_t id)
{
	if (!s->n || id < s->first || id > s->last)
		return false;
	uint64_t d = (uint64_t)(id - s->first);
	if (s->bits)
		return s->bits[d / 64] >> (d % 64) & 1;
	return ids_has(s->v, s->n, id);
}

void idx_idset_free(struct idx_idset *s)
{
	free(s->bits);
	s->bits = NULL;
}

/*
 * Unit-test support for the tests that need an index of their own.
 */
#ifndef NEWSFS_CHECK_INDEX_H
#define NEWSFS_CHECK_INDEX_H

#include "check.h"
#include "index.h"

/* A new, empty index at path (whatever was there is removed first), or
 * NULL; either way one check says which. */
static inline struct idx *check_new_index(const char *path)
{
	char err[512];
	struct idx *ix = NULL;
	unlink(path);
	int rc = idx_open(&ix, path, IDX_WRITE, err, sizeof(err));
	CHECK(rc == 0, "a new index is created (%s)", rc ? err : "ok");
	return rc ? NULL : ix;
}

#endif

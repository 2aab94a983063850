/*
 * Node ids of the mount, and the one place that knows their layout.
 *
 * A node id is (kind << 56) | value. Articles use their row id, facet
 * folders theirs, calendar folders their date number (2024, 202407,
 * 20240728). So the same name always gets the same id, an article has one
 * id in every view (hard-link semantics: du and tar count it once), and
 * no table of nodes is kept: lookup counts need no bookkeeping and
 * forget has nothing to free. Row ids are AUTOINCREMENT and never
 * reused (schema.c), so an id never changes meaning while cached.
 */
#ifndef NEWSFS_FS_NODE_H
#define NEWSFS_FS_NODE_H

#define FUSE_USE_VERSION FUSE_MAKE_VERSION(3, 12)
#include <fuse_lowlevel.h>
#include <stdint.h>

enum node_kind {
	NK_FIXED = 0,		/* the root and the folders that always exist */
	NK_ARTICLE = 1,
	NK_COUNTRY = 2,
	NK_OFFICIAL = 3,
	NK_YEAR = 4,
	NK_MONTH = 5,
	NK_DAY = 6,
};

enum fixed_node {
	FIXED_ROOT = FUSE_ROOT_ID,
	FIXED_ARTICLES,
	FIXED_BY_COUNTRY,
	FIXED_BY_DATE,
	FIXED_BY_OFFICIAL,
	FIXED_UNDATED,
	FIXED__END,
};

#define NODE_SHIFT 56
#define NODE_VALUE_MAX ((UINT64_C(1) << NODE_SHIFT) - 1)

_Static_assert(sizeof(fuse_ino_t) == 8, "node ids need 64-bit inodes");
_Static_assert(FUSE_ROOT_ID == 1, "the root is fixed node 1");

static inline fuse_ino_t node_make(enum node_kind k, int64_t value)
{
	return (fuse_ino_t)k << NODE_SHIFT | ((uint64_t)value & NODE_VALUE_MAX);
}

static inline enum node_kind node_kind(fuse_ino_t ino)
{
	return (enum node_kind)(ino >> NODE_SHIFT);
}

static inline int64_t node_value(fuse_ino_t ino)
{
	return (int64_t)(ino & NODE_VALUE_MAX);
}

#endif

/*
 * Node ids of the mount, and the one place that knows their layout.
 *
 * A node id is kind (4 bits) | tag (20 bits) | value (40 bits). Articles
 * use their row id, facet folders theirs, calendar folders their date
 * number (2024, 202407, 20240728). So the same name always gets the same
 * id, an article has one id in every view (hard-link semantics: du and
 * tar count it once), and no table of nodes is kept: lookup counts need
 * no bookkeeping and forget has nothing to free. Row ids are
 * AUTOINCREMENT and never reused (schema.c), so within one index file an
 * id never changes meaning while cached.
 *
 * Across files it does: row 5 of a replaced index is another article.
 * The tag is the generation of the view that made the id (pool.c); a new
 * file, or a change journal that no longer says what changed, starts a
 * new one, and ids of an older one are answered ESTALE (an article's,
 * whose bytes never change under its id, still works while the file is
 * the same). Only the root keeps its id for ever. Even articles/ gets a
 * new one: the kernel keeps one entry per folder inode, and would bring
 * back the old one, with whatever old entries below it are still in
 * use, if the new generation's articles/ were the same inode.
 */
#ifndef NEWSFS_FS_NODE_H
#define NEWSFS_FS_NODE_H

#define FUSE_USE_VERSION FUSE_MAKE_VERSION(3, 12)
#include <fuse_lowlevel.h>
#include <stdbool.h>
#include <stdint.h>

enum node_kind {
	NK_FIXED = 0,		/* the root and the folders that always exist */
	NK_ARTICLE = 1,
	NK_COUNTRY = 2,
	NK_OFFICIAL = 3,
	NK_YEAR = 4,
	NK_MONTH = 5,
	NK_DAY = 6,
	NK_QUERY = 7,		/* query/ and search/ folders: a table's id */
	NK_HELP = 8,		/* the README of query/ (1) and search/ (2) */
	NK_PUBLICATION = 9,
};

enum fixed_node {
	FIXED_ROOT = FUSE_ROOT_ID,
	FIXED_ARTICLES,
	FIXED_BY_COUNTRY,
	FIXED_BY_DATE,
	FIXED_BY_OFFICIAL,
	FIXED_UNDATED,
	FIXED_BY_SOURCE,
	FIXED_QUERY,
	FIXED_SEARCH,
	FIXED__END,
};

#define NODE_KIND_SHIFT 60
#define NODE_TAG_SHIFT 40
#define NODE_TAG_MASK ((UINT32_C(1) << 20) - 1)
#define NODE_VALUE_MAX ((UINT64_C(1) << NODE_TAG_SHIFT) - 1)

_Static_assert(sizeof(fuse_ino_t) == 8, "node ids need 64-bit inodes");
_Static_assert(FUSE_ROOT_ID == 1, "the root is fixed node 1");

static inline fuse_ino_t node_make(uint32_t tag, enum node_kind k,
				   int64_t value)
{
	return (fuse_ino_t)k << NODE_KIND_SHIFT |
	       (fuse_ino_t)(tag & NODE_TAG_MASK) << NODE_TAG_SHIFT |
	       ((uint64_t)value & NODE_VALUE_MAX);
}

static inline enum node_kind node_kind(fuse_ino_t ino)
{
	return (enum node_kind)(ino >> NODE_KIND_SHIFT);
}

static inline uint32_t node_tag(fuse_ino_t ino)
{
	return (uint32_t)(ino >> NODE_TAG_SHIFT) & NODE_TAG_MASK;
}

static inline int64_t node_value(fuse_ino_t ino)
{
	return (int64_t)(ino & NODE_VALUE_MAX);
}

/* The id of fixed folder f in generation tag. */
static inline fuse_ino_t node_fixed(uint32_t tag, enum fixed_node f)
{
	return f == FIXED_ROOT ? FIXED_ROOT : node_make(tag, NK_FIXED, f);
}

/* Which fixed folder ino is; 0 when it is none. */
static inline enum fixed_node node_which(fuse_ino_t ino)
{
	return node_kind(ino) == NK_FIXED ? (enum fixed_node)node_value(ino)
					  : (enum fixed_node)0;
}

/* Whether a row id (of a crafted index, say) can be a node's value. */
static inline bool node_fits(int64_t value)
{
	return value >= 0 && (uint64_t)value <= NODE_VALUE_MAX;
}

#endif

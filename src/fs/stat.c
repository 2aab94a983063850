/*
 * The attributes every kind of node shows, from what the caller already
 * has: below both the lookups (node.c) and the query folders (query.c),
 * which build their answers from them.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

static const struct {
	const char *name;
	enum fixed_node node;
} root_entries[] = {
	{"articles", FIXED_ARTICLES},
	{"by-country", FIXED_BY_COUNTRY},
	{"by-date", FIXED_BY_DATE},
	{"by-official", FIXED_BY_OFFICIAL},
	{"by-source", FIXED_BY_SOURCE},
	{"query", FIXED_QUERY},
	{"search", FIXED_SEARCH},
};

static void base_stat(const struct fs *fs, fuse_ino_t ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_uid = fs->uid;
	st->st_gid = fs->gid;
	st->st_blksize = 4096;
}

void fs_dir_stat(const struct fs *fs, fuse_ino_t ino, struct stat *st)
{
	base_stat(fs, ino, st);
	st->st_mode = S_IFDIR | 0555;
	st->st_size = 4096;
	st->st_blocks = 0;
	st->st_mtime = st->st_ctime = st->st_atime =
		atomic_load(&fs->indexed_at);
	/* Folders that hold only files have the classic 2; the root knows its
	 * four; others say 1, which find and du read as "unknown". */
	enum node_kind k = node_kind(ino);
	enum fixed_node f = node_which(ino);
	if (f == FIXED_ROOT)
		st->st_nlink = 2 + NFS_ARRAY_SIZE(root_entries);
	else if (f == FIXED_ARTICLES || f == FIXED_UNDATED ||
		 f == FIXED_QUERY || f == FIXED_SEARCH || k == NK_QUERY ||
		 k == NK_COUNTRY || k == NK_OFFICIAL || k == NK_DAY ||
		 k == NK_PUBLICATION)
		st->st_nlink = 2;
	else
		st->st_nlink = 1;
}

const char *fs_root_name(size_t i, enum fixed_node *f)
{
	if (i >= NFS_ARRAY_SIZE(root_entries))
		return NULL;
	*f = root_entries[i].node;
	return root_entries[i].name;
}

void fs_article_stat(const struct fs *fs, uint32_t tag,
		     const struct idx_attr *a, struct stat *st)
{
	base_stat(fs, node_make(tag, NK_ARTICLE, a->id), st);
	st->st_mode = S_IFREG | 0444;
	st->st_nlink = a->nlink;
	st->st_size = a->size;
	st->st_blocks = (a->size + 511) / 512;
	st->st_mtime = st->st_ctime = st->st_atime = a->mtime;
}

int fs_help_stat(const struct fs *fs, fuse_ino_t ino, struct stat *st)
{
	if (node_value(ino) != 1 && node_value(ino) != 2)
		return -ENOENT;
	size_t len;
	fsq_help(ino, &len);
	base_stat(fs, ino, st);
	st->st_mode = S_IFREG | 0444;
	st->st_nlink = 1;
	st->st_size = (off_t)len;
	st->st_blocks = (blkcnt_t)(len + 511) / 512;
	st->st_mtime = st->st_ctime = st->st_atime = 0;
	return 0;
}

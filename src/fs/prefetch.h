/*
 * Readahead across files (prefetch.c): a thread that pushes the next
 * articles of a folder being read into the kernel's page cache
 * (fuse_lowlevel_notify_store), so that a first `grep -r` after a mount
 * does not pay a FUSE round trip per file. Handlers only call
 * prefetch_listed and prefetch_read, after their reply; everything else
 * belongs to the thread. `newsfs mount --no-prefetch` leaves it out, and
 * the mount then serves every read itself.
 */
#ifndef NEWSFS_FS_PREFETCH_H
#define NEWSFS_FS_PREFETCH_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "node.h"
#include "util.h"

struct fs;
struct fs_conn;

#define PF_LISTINGS 8
#define PF_QUEUE 256
struct fs_prefetch {
	struct nfs_worker w;	/* its lock guards the fields marked lock */
	fuse_ino_t listed[PF_LISTINGS];		/* lock; newest first */
	fuse_ino_t queue[PF_QUEUE];		/* lock; articles read */
	size_t qhead, qlen;			/* lock */
	struct fuse_session *se;
	struct fs *fs;		/* connections come from its pool */
	struct fs_conn *c;	/* the one in use, while pushing */
	uint64_t gen;		/* the generation stream and pushed are of */
	struct {
		enum idx_view view;
		int64_t key;
		int64_t frontier;	/* last article pushed */
		int64_t mid;		/* top up when the reader gets here */
		int64_t last;		/* last article read */
		int pushed_now;
		bool active;
	} stream;
	struct pairset pushed;	/* articles already pushed */
};

/* Start the thread for fs's session se; 0, or -errno and a message. */
int prefetch_start(struct fs_prefetch *p, struct fs *fs,
		   struct fuse_session *se, char *err, size_t errsz);
/* Stop it and free what it holds; also after a failed or no start. */
void prefetch_stop(struct fs_prefetch *p);
/* Folder was just listed / article was just read from its start. */
void prefetch_listed(struct fs_prefetch *p, fuse_ino_t folder);
void prefetch_read(struct fs_prefetch *p, fuse_ino_t article);

#endif

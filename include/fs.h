/*
 * The mount: a read-only FUSE filesystem whose folders are views of the
 * index. Only src/fs includes FUSE headers.
 */
#ifndef NEWSFS_FS_H
#define NEWSFS_FS_H

#include <stdbool.h>
#include <stddef.h>

struct fs_opts {
	const char *db;		/* index path */
	const char *mountpoint;
	bool foreground;	/* -f: stay attached, log to stderr */
	bool debug;		/* -d: libfuse's request trace */
	bool no_prefetch;	/* no readahead across files (prefetch.c) */
	const char *fuse_opts;	/* -o list passed on to libfuse, or NULL */
	const char *log;	/* the daemon's log file (appended), or NULL */
};

/*
 * Mount and serve until unmounted. Without foreground, returns in the
 * parent once the mount answers, and the child serves. Returns 0 or an
 * exit status after writing the reason to err.
 */
int fs_mount(const struct fs_opts *o, char *err, size_t errsz);

/*
 * Refuse -o options that would undo what newsfs promises: rw (the tree is
 * read-only), fsname= and subtype= (the source and type others identify
 * a newsfs mount by). 0, or 2 (a usage error) with err set.
 */
int fs_mount_opts_check(const char *opts, char *err, size_t errsz);

/*
 * Unmount the newsfs mount at path (lazily: detach it now, and let it go
 * once the last file in it is closed). Anything but the root of a newsfs
 * mount is refused. Returns 0 or an exit status after writing the reason
 * to err; a busy mount's reason names the processes that hold it.
 */
int fs_umount(const char *path, bool lazy, char *err, size_t errsz);

#endif

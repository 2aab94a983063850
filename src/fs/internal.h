/*
 * Private to src/fs: the state of one mount and the connection pool.
 */
#ifndef NEWSFS_FS_INTERNAL_H
#define NEWSFS_FS_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "fs.h"
#include "index.h"
#include "node.h"
#include "prefetch.h"

/*
 * One read-only connection and the scratch memory of the request using
 * it. A request checks one out, uses it alone, and returns it: SQLite
 * connections must never be used by two threads at once.
 */
struct fs_conn {
	struct idx *ix;
	struct sbuf buf;	/* reply buffer: read data, dirents, xattrs */
	dev_t dev;		/* the index file it reads */
	ino_t ino;
	uint64_t gen;		/* generation it was checked out in */
	uint32_t tag;		/* gen, as node ids carry it (node.h) */
	uint32_t file_age;	/* generations its file has been served for */
	struct fs_conn *next;	/* free list link, protected by pool.lock */
};

struct fs_pool {
	pthread_mutex_t lock;	/* protects everything but db */
	pthread_cond_t back;	/* a connection came back */
	pthread_cond_t drained;	/* out_old reached 0 */
	struct fs_conn *free;	/* connections to the current file */
	dev_t dev;		/* the current file */
	ino_t ino;
	uint64_t gen;		/* the current generation */
	uint64_t file_gen;	/* the generation the current file came in */
	int out;		/* checked out in the current generation */
	int out_old;		/* checked out in older ones */
	bool moved;		/* the path no longer names the current file */
	const char *db;
};

/* Worker threads serving requests (pool.c). */
#define FS_THREADS 8

/* Open the first connection to db. 0 or -errno (err says why). */
int pool_init(struct fs_pool *p, const char *db, char *err, size_t errsz);
/* A connection of the current generation for this request. OUT: *c.
 * -errno when none can be made. */
int pool_get(struct fs_pool *p, struct fs_conn **c);
void pool_put(struct fs_pool *p, struct fs_conn *c);
void pool_destroy(struct fs_pool *p);
/* One connection to db, outside the pool, checked to read the file db
 * names (-ESTALE: it was replaced meanwhile). 0 or -errno, err says
 * why. Closed with pool_close (which takes NULL). */
int pool_open(const char *db, struct fs_conn **c, char *err, size_t errsz);
void pool_close(struct fs_conn *c);
/* A new generation: of a new file, whose first connection is first
 * (the pool owns it now), or, first NULL, of the same one. Returns once
 * every connection taken in an older generation has come back. */
void pool_switch(struct fs_pool *p, struct fs_conn *first);
/* Give a connection kept outside the pool the current generation. */
void pool_stamp(struct fs_pool *p, struct fs_conn *c);
/* Whether a node id (or a listing offset's tag) may be answered by c:
 * made in c's generation, or, same_file_ok, in an older one of the same
 * file. 0 or -ESTALE. */
int conn_tag_ok(const struct fs_conn *c, uint32_t tag, bool same_file_ok);
int conn_node_ok(const struct fs_conn *c, fuse_ino_t ino);
/* conn_node_ok for the current generation, without a connection. */
int pool_node_ok(struct fs_pool *p, fuse_ino_t ino);

struct fs {
	struct fs_pool pool;
	uid_t uid;		/* files belong to the mounting user */
	gid_t gid;
	struct idx_gen gen;	/* read at mount; only epoch is used later,
				 * as the kernel's generation of every node */
	_Atomic int64_t indexed_at;	/* folders' mtime; the watcher updates */
	struct fs_prefetch prefetch;
	bool no_open;		/* kernel skips OPEN/RELEASE when we say ENOSYS */
	bool no_opendir;
	bool foreground;
};

/* Attributes of a node; 0 or -errno. */
int fs_node_attr(struct fs *fs, struct fs_conn *c, fuse_ino_t ino,
		 struct stat *st);
void fs_article_stat(const struct fs *fs, uint32_t tag,
		     const struct idx_attr *a, struct stat *st);
void fs_dir_stat(const struct fs *fs, fuse_ino_t ino, struct stat *st);
/* Resolve name in folder parent; 0 and its node id and attributes
 * (OUT: *ino, *st), or -errno. */
int fs_node_lookup(struct fs *fs, struct fs_conn *c, fuse_ino_t parent,
		   const char *name, fuse_ino_t *ino, struct stat *st);
/* The names of the root's folders, in listing order: NULL past the end. */
const char *fs_root_name(size_t i, enum fixed_node *f);

/* Fill buf with the entries of folder ino after offset off, at most size
 * bytes (plus: readdirplus entries). 0 or -errno (-ESTALE: off is of a
 * listing of another index). */
int fs_readdir_fill(struct fs *fs, fuse_req_t req, struct fs_conn *c,
		    fuse_ino_t ino, size_t size, off_t off, bool plus,
		    struct sbuf *buf);

/* Extended attributes of articles. The value (or name list) goes to buf;
 * 0 or -errno (-ENODATA for an unknown name). */
int fs_xattr_get(struct idx *ix, const char *db, fuse_ino_t ino,
		 const char *name, struct sbuf *buf);
int fs_xattr_list(struct idx *ix, fuse_ino_t ino, struct sbuf *buf);

extern const struct fuse_lowlevel_ops fs_ops;


/* The thread that keeps the kernel's caches in step with the index, and
 * the mount on the file its path names (watch.c). Everything but
 * lock/cv/stop belongs to that thread. */
struct fs_watch {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	bool stop;		/* protected by lock */
	bool running;
	struct fs *fs;
	struct fuse_session *se;
	struct fs_conn *c;	/* the watcher's own connection */
	int64_t version;	/* data_version last seen */
	int64_t cursor;		/* journal position replayed up to */
	struct stat seen;	/* a file at the path that is not ours */
	bool have_seen;		/* seen is set */
	bool seen_failed;	/* it could not be opened as an index */
	bool said_gone;		/* logged that the file was deleted */
};

int watch_start(struct fs_watch *w, struct fs *fs, struct fuse_session *se,
		char *err, size_t errsz);
void watch_stop(struct fs_watch *w);

/* Seconds the kernel may cache entries and attributes: content changes
 * only when an index run completes. */
#define FS_TIMEOUT 86400.0

/* A mount, as /proc/self/mountinfo describes it (mnt.c). */
struct mnt_info {
	int id;			/* the kernel's mount id */
	char *point;		/* where it is mounted (absolute) */
	char *fstype;		/* "fuse.newsfs", "tmpfs", ... */
	char *source;		/* what was mounted: for newsfs, the index */
	bool is_root;		/* the folder asked about is point itself */
};
/* O_PATH descriptor of path (following links), or -errno. */
int mnt_open(const char *path);
/* The mount the folder open at fd (or path) is on. 0 or -errno
 * (-ESRCH: it was unmounted meanwhile). */
int mnt_of_fd(int fd, struct mnt_info *m);
int mnt_of_path(const char *path, struct mnt_info *m);
void mnt_info_free(struct mnt_info *m);

/* Append to out who keeps the mount at point busy ("PID (comm: what)",
 * comma-separated); returns how many processes were found (busy.c). */
int fs_busy_users(const char *point, struct sbuf *out);

void fs_log(const struct fs *fs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif

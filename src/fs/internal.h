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

/* query/ and search/ folders (query.c). */
#define FSQ_HELP "README"
#define FSQ_SEARCH_MAX 10000	/* articles a search folder lists */
/* Seconds the kernel may keep these folders' own entries and
 * attributes, and the entries of search/ folders, whose ranked names
 * move with every index run. The articles of query/ folders are kept as
 * long as elsewhere: the watcher drops each name that goes. */
#define FSQ_TIMEOUT 1.0
struct qnode;
struct fsq {
	pthread_mutex_t lock;	/* protects everything here */
	struct qnode **by_id, **by_name;	/* hash tables */
	uint64_t next_id;
	uint64_t version;	/* answers older than this are stale */
	size_t kept;		/* ids in kept answers */
	size_t live;		/* nodes */
};
int fsq_init(struct fsq *q);
void fsq_destroy(struct fsq *q);
/* The index changed: every answer is made again when next asked. */
void fsq_changed(struct fsq *q);
/* The live folders' node ids (generation tag), in *out (caller frees);
 * search: search/ folders too. */
size_t fsq_live(struct fsq *q, uint32_t tag, bool search, fuse_ino_t **out);
/* Whether ino is a search/ folder: its names carry ranks, which move. */
bool fsq_is_search(struct fsq *q, fuse_ino_t ino);
void fsq_forget(struct fsq *q, fuse_ino_t ino, uint64_t nlookup);

struct fs {
	struct fs_pool pool;
	struct fsq queries;
	uid_t uid;		/* files belong to the mounting user */
	gid_t gid;
	struct idx_gen gen;	/* read at mount; only epoch is used later,
				 * as the kernel's generation of every node */
	_Atomic int64_t indexed_at;	/* folders' mtime; the watcher updates */
	struct fs_prefetch prefetch;
	bool no_open;		/* kernel skips OPEN/RELEASE when we say ENOSYS */
	bool no_opendir;
	bool foreground;
	const char *db;		/* the index's absolute path, for messages */
	int log_fd;		/* --log FILE, or -1 (log.c) */
	_Atomic bool said_damaged;
};

/* Attributes of a node; 0 or -errno. */
int fs_node_attr(struct fs *fs, struct fs_conn *c, fuse_ino_t ino,
		 struct stat *st);
void fs_article_stat(const struct fs *fs, uint32_t tag,
		     const struct idx_attr *a, struct stat *st);
void fs_dir_stat(const struct fs *fs, fuse_ino_t ino, struct stat *st);
/* A README of query/ or search/ (NK_HELP); 0 or -ENOENT. */
int fs_help_stat(const struct fs *fs, fuse_ino_t ino, struct stat *st);
/* Resolve name in folder parent; 0 and its node id and attributes
 * (OUT: *ino, *st), or -errno. */
int fs_node_lookup(struct fs *fs, struct fs_conn *c, fuse_ino_t parent,
		   const char *name, fuse_ino_t *ino, struct stat *st);
/* The names of the root's folders, in listing order: NULL past the end. */
const char *fs_root_name(size_t i, enum fixed_node *f);

/* Name lookup below query/, search/ and their folders (parent), and
 * the attributes of such a folder. A folder looked up successfully
 * counts one kernel reference (FORGET gives it back). */
int fsq_lookup(struct fs *fs, struct fs_conn *c, fuse_ino_t parent,
	       const char *name, fuse_ino_t *ino, struct stat *st);
int fsq_attr(struct fs *fs, fuse_ino_t ino, struct stat *st);
/* The articles of query or search folder ino after cursor after: an
 * article id, or a rank in a search folder. */
typedef int (*fsq_entry_fn)(void *ctx, const struct idx_attr *a,
			    const char *name, int64_t cursor);
int fsq_list(struct fs *fs, struct fs_conn *c, fuse_ino_t ino, int64_t after,
	     fsq_entry_fn fn, void *ctx);
/* What making folder ino's answer said (an ambiguous official: whom
 * it may be), into out; -ENODATA when nothing. */
#define FSQ_WHY_XATTR "user.newsfs.why"
int fsq_why(struct fsq *q, fuse_ino_t ino, struct sbuf *out);
/* On query/ and search/: how many of their folders the kernel holds now
 * (each one node here until the kernel forgets it). */
#define FSQ_HELD_XATTR "user.newsfs.folders"
int fsq_held(struct fsq *q, struct sbuf *out);
/* The text of a README (NK_HELP node). */
const char *fsq_help(fuse_ino_t ino, size_t *len);

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
	struct nfs_worker worker;
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
/* The mount the folder at path is on. 0 or -errno (-ESRCH: it was
 * unmounted meanwhile). */
int mnt_of_path(const char *path, struct mnt_info *m);
void mnt_info_free(struct mnt_info *m);

/* Append to out who keeps the mount at point busy ("PID (comm: what)",
 * comma-separated); returns how many processes were found (busy.c). */
int fs_busy_users(const char *point, struct sbuf *out);

/* One line for the user (log.c): on stderr in the foreground, else to
 * syslog (the journal where there is one); and, timestamped, to the log
 * file when there is one. */
void fs_log(const struct fs *fs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* After an I/O error from the index: once per daemon, what it may mean
 * and what to do. */
void fs_log_damaged(struct fs *fs);
/* Open the log file for appending (0600, created): 0, or -errno. */
int fs_log_open(struct fs *fs, const char *path);

#endif

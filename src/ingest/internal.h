/*
 * Private to src/ingest: the file list a walk produces, and reading one
 * file into memory with the checks that decide whether it is an article.
 */
#ifndef NEWSFS_INGEST_INTERNAL_H
#define NEWSFS_INGEST_INTERNAL_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "ingest.h"

enum file_state {
	FILE_TODO,		/* new or changed: read, hash, extract */
	FILE_UNCHANGED,		/* same stamp as the index has */
	FILE_DONE,
	FILE_REJECTED,
};

struct walk_file {
	size_t path;		/* offset of the NUL-terminated path */
	struct idx_stamp stamp;
	enum file_state state;
	bool indexed;		/* the index already has this path */
};

typedef void (*reject_fn)(void *ctx, const char *path, const char *reason);

struct walk {
	struct sbuf arena;	/* every path, NUL-terminated, back to back */
	struct walk_file *files;
	size_t nfiles, capfiles;
	int64_t bytes;		/* sum of the files' sizes, when stamped */
	/* Stamp every file (stat). An index without sources compares no
	 * stamps, so a first run lists regular files from their folder
	 * entries alone, and workers stamp what they read. */
	bool stamps;
	/* Folders walked: sources below them that the run did not see have
	 * vanished. Folders that could not be read are in keep: what the
	 * index had below them stays. Both are offsets into arena. */
	size_t *dirs, ndirs, capdirs;
	size_t *keep, nkeep, capkeep;
	int64_t rejected;
	reject_fn reject;
	void *ctx;
	struct pairset visited;	/* (device, inode) of folders seen */
};

/* What the index compares to tell an unchanged file: size, mtime, inode;
 * from fstat() in the walk and the workers, from statx() in read-ahead. */
static inline struct idx_stamp stamp_make(int64_t size, int64_t sec,
					  int64_t nsec, int64_t ino)
{
	return (struct idx_stamp){
		.size = size,
		.mtime_ns = sec * 1000000000 + nsec,
		.ino = ino,
	};
}

static inline struct idx_stamp stamp_of(const struct stat *st)
{
	return stamp_make(st->st_size, st->st_mtim.tv_sec,
			  st->st_mtim.tv_nsec, (int64_t)st->st_ino);
}

static inline struct idx_stamp stamp_of_statx(const struct statx *sx)
{
	return stamp_make((int64_t)sx->stx_size, sx->stx_mtime.tv_sec,
			  sx->stx_mtime.tv_nsec, (int64_t)sx->stx_ino);
}

static inline const char *walk_path(const struct walk *w, size_t off)
{
	return w->arena.buf + off;
}

/* Walk paths[0..n): files are listed, folders recursed into (following
 * symbolic links, each folder once), everything else rejected through
 * w->reject. Returns 0 or -ENOMEM. */
int walk_paths(struct walk *w, const char *const *paths, size_t n);
void walk_release(struct walk *w);

/* One file's bytes, and the UTF-8 text extraction reads. */
struct file_buf {
	struct sbuf raw;	/* the bytes as on disk */
	struct sbuf decoded;	/* used when raw is not plain UTF-8 */
	const char *text;	/* raw.buf or decoded.buf */
	size_t text_len;
	bool cold;		/* the first read found none of it in memory */
};

/* Read path into fb and check it is an article. On rejection returns
 * -errno or -EINVAL with *reason set to a short static description. */
int read_article(const char *path, size_t max_size, struct file_buf *fb,
		 struct idx_stamp *stamp, const char **reason);
/* The checks read_article() makes before it reads: 0 if a file of this
 * mode and size may be an article, else -errno and *reason. */
int check_input(mode_t mode, uint64_t size, size_t max_size,
		const char **reason);
/* The rest of read_article()'s checks, for bytes the read-ahead read whole
 * into fb->raw after check_input(). */
int take_article(struct file_buf *fb, const char **reason);
void file_buf_release(struct file_buf *fb);
/* open() for reading an input: never blocks on a FIFO or takes a tty. */
int open_input(const char *path);
/* Read only bytes already in memory: -1 with EAGAIN when they are not
 * (the kernel then starts reading them), EOPNOTSUPP on kernels without
 * RWF_NOWAIT. Offset -1 reads at the file position. */
ssize_t read_cached(int fd, void *buf, size_t len, off_t off);

/* The read-ahead (ahead.c): one io_uring if the kernel gives one.
 * ahead_open() returns NULL only when out of memory; files larger than
 * max_size are left for the workers to reject. */
#define AHEAD_BATCH 128
struct ahead;
struct ahead *ahead_open(size_t max_size);
/* One file of a batch. */
struct ahead_file {
	const char *path;
	struct sbuf *raw;	/* where the file may be read whole */
	bool read;		/* OUT: raw holds the whole file, */
	struct idx_stamp stamp;	/* OUT: and this is the stamp of it */
};
/* Read files f[0..n), n <= AHEAD_BATCH, whole into f[k].raw where that
 * is cheaper than leaving them to the workers, and start the kernel
 * reading the rest, without waiting for it. Returns how many were in
 * memory already. */
size_t ahead_read(struct ahead *a, struct ahead_file *f, size_t n);
void ahead_close(struct ahead *a);

/* One file made ready for the writer by a worker thread (pipeline.c). */
struct prepared {
	size_t file;		/* index into walk.files */
	int rc;			/* 0, or why the file is rejected */
	const char *reason;	/* static text when rc != 0 */
	struct idx_stamp stamp;	/* of the bytes read */
	uint8_t hash[NFS_HASH_LEN];
	struct file_buf fb;
	struct ext_result ext;
};

struct pipeline;

/* Start jobs worker threads (0: one per CPU) over the files
 * todo[0..ntodo) of w. */
int pipeline_start(struct pipeline **out, const struct walk *w,
		   const size_t *todo, size_t ntodo, int jobs,
		   size_t max_size, const struct ext_gaz *g);
/* The i-th file, in order (i counts up from 0 with no gaps); waits for a
 * worker to finish it. NULL after the last. */
struct prepared *pipeline_next(struct pipeline *p, size_t i);
/* The writer is done with the i-th file; its slot may be reused. */
void pipeline_done(struct pipeline *p, size_t i);
/* Stop the workers (early or at the end) and free everything. */
void pipeline_stop(struct pipeline *p);

/* The order the writer stores prepared files in (order.c): take the next
 * file with order_next() and give it back with order_stored(). */
#define ORDER_AHEAD 16
struct order {
	struct pipeline *p;
	size_t n;			/* files in the run */
	size_t lo, hi;			/* files [lo, hi) are in view; lo is
					 * the first one not stored */
	struct prepared *pr[ORDER_AHEAD];
	bool stored[ORDER_AHEAD];
};
void order_init(struct order *o, struct pipeline *p, size_t n);
/* The file to store next, and OUT *i its number in the run. */
struct prepared *order_next(struct order *o, const struct idx *ix,
			    size_t *i);
void order_stored(struct order *o, size_t i);

#endif

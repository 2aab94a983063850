/*
 * Private to src/ingest: the file list a walk produces, and reading one
 * file into memory with the checks that decide whether it is an article.
 */
#ifndef NEWSFS_INGEST_INTERNAL_H
#define NEWSFS_INGEST_INTERNAL_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "format.h"
#include "ingest.h"

enum file_state {
	FILE_TODO,		/* new or changed: read, hash, extract */
	FILE_UNCHANGED,		/* same stamp as the index has */
	FILE_DONE,
	FILE_REJECTED,		/* or skipped */
};

/* Why an input was left out on purpose (reported, but not an error). */
#define WHY_OUTSIDE \
	"symbolic link out of the folder being indexed (see --follow-links)"
#define WHY_SYSTEM "/proc, /sys and /dev are never indexed"
#define WHY_KERNEL "a kernel file system (like /proc or /sys), never indexed"
#define WHY_NEWSFS "a newsfs mount (its articles are indexed already)"
#define WHY_VISITED "a folder already indexed through another path"
#define WHY_PRIVATE_FILE "other users cannot read it (root indexes only " \
	"what every user could read; see --include-private)"
#define WHY_PRIVATE_DIR "other users cannot enter it (root indexes only " \
	"what every user could read; see --include-private)"

/* A folder named on the command line: what lies below it is opened
 * through it (beneath.c), so that no link leads out of it. */
struct walk_root {
	char *path;		/* its real path */
	size_t len;
	int fd;			/* O_PATH descriptor, or -1: opened per use */
};
#define WALK_NO_ROOT UINT32_MAX	/* a file named on the command line */

struct walk_file {
	size_t path;		/* offset of the NUL-terminated path */
	struct idx_stamp stamp;
	uint32_t root;		/* index into walk.roots, or WALK_NO_ROOT */
	uint8_t state;		/* enum file_state */
	bool indexed;		/* the index already has this path */
};

typedef void (*reject_fn)(void *ctx, const char *path, const char *reason);

/* Mounts the walk never enters (fence.c). */
struct fence_mount {
	dev_t dev;
	const char *why;	/* one of the WHY_ texts */
	char *point;		/* the mount point, for newsfs mounts */
};
struct fence {
	struct fence_mount *v;
	size_t n, cap;
};
/* Read /proc/self/mountinfo; 0 (also without /proc) or -ENOMEM. */
int fence_load(struct fence *f);
void fence_release(struct fence *f);
/* Why a file or folder on device dev is never indexed, or NULL. */
const char *fence_dev(const struct fence *f, dev_t dev);
/* Why the folder at path is never entered, told by its path alone (a
 * newsfs mount point), or NULL. */
const char *fence_point(const struct fence *f, const char *path);
/* WHY_SYSTEM for /proc, /sys, /dev and what is below them, else NULL. */
const char *fence_path(const char *path);
/* Why the open folder fd (met on another device than its parent) is
 * never entered: a kernel file system or a newsfs mount. NULL if none. */
const char *fence_folder(int fd);

/* Open rel, a path relative to root r, with open(2) flags, following
 * symbolic links only while they stay below r (beneath.c). Returns a
 * descriptor, -EXDEV when the path leads out of r, or -errno. The
 * environment variable NEWSFS_OPENAT2=0 makes it use the checked
 * realpath() that it otherwise uses only where openat2() is missing. */
int beneath_open(const struct walk_root *r, const char *rel, int flags);
/* Is path (absolute, resolved) dir itself or below it? */
bool beneath_path(const char *path, const char *dir, size_t dirlen);

struct walk {
	struct sbuf arena;	/* every path, NUL-terminated, back to back */
	struct walk_file *files;
	size_t nfiles, capfiles;
	int64_t bytes;		/* sum of the files' sizes, when stamped */
	/* Stamp every file (stat). An index without sources compares no
	 * stamps, so a first run lists regular files from their folder
	 * entries alone, and workers stamp what they read. */
	bool stamps;
	bool follow_links;	/* also links out of the folders named */
	bool public_only;	/* only what every user could read (root) */
	/* Folders walked: sources below them that the run did not see have
	 * vanished. Folders that could not be read are in keep: what the
	 * index had below them stays. Both are offsets into arena. */
	size_t *dirs, ndirs, capdirs;
	size_t *keep, nkeep, capkeep;
	struct walk_root *roots;
	size_t nroots, caproots;
	struct fence fence;
	const char *const *exclude;	/* --exclude GLOBs (exclude.c) */
	size_t nexclude;
	int64_t rejected, skipped, excluded;
	reject_fn reject;
	reject_fn skip;		/* left out on purpose: reason is a WHY_ */
	void *ctx;
	struct pairset visited;	/* (device, inode) of folders seen */
};

/* What the index compares to tell an unchanged file: size, mtime, inode;
 * from fstat() in the walk and the workers. */
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

static inline const char *walk_path(const struct walk *w, size_t off)
{
	return w->arena.buf + off;
}

/* Walk paths[0..n), in the order of their real paths whatever the order
 * given: files are listed, folders recursed into (each once; symbolic
 * links followed while they stay inside the folder named, or everywhere
 * with w->follow_links), what is never indexed skipped through w->skip,
 * everything else rejected through w->reject. Returns 0 or -ENOMEM. */
int walk_paths(struct walk *w, const char *const *paths, size_t n);
/* Open file f of the walk for reading, as walk_paths() would have
 * reached it: a descriptor, -EXDEV when it now leads out of its folder,
 * or -errno. Never blocks on a FIFO or takes a tty. */
int walk_open(const struct walk *w, const struct walk_file *f);
/* Whether an --exclude pattern leaves out path (real, below root r, or
 * WALK_NO_ROOT), a folder when is_dir. */
bool walk_excluded(const struct walk *w, uint32_t root, const char *path,
		   bool is_dir);
void walk_release(struct walk *w);

/* One file's bytes, and the UTF-8 text extraction reads. */
struct file_buf {
	struct sbuf raw;	/* the bytes as on disk */
	struct sbuf decoded;	/* used when raw is not plain UTF-8 */
	const char *text;	/* raw.buf or decoded.buf */
	size_t text_len;
	bool cold;		/* the first read found none of it in memory */
};

/* What makes a file an input of the run. */
struct read_rules {
	size_t max_size;	/* larger files are rejected */
	bool public_only;	/* files others cannot read are skipped */
};
/* read_article() and check_input() return it (positive) for a file left
 * out on purpose, with the reason (a WHY_ text). */
#define READ_SKIPPED 1

/* Read the open file fd into fb and check it is an article. On rejection
 * returns -errno or -EINVAL with *reason set to a short static
 * description; READ_SKIPPED for a file left out on purpose. */
int read_article(int fd, const struct read_rules *rules, struct file_buf *fb,
		 struct idx_stamp *stamp, const char **reason);
/* read_article() without the checks of what the bytes are: only
 * check_input()'s and the read's. */
int read_bytes(int fd, const struct read_rules *rules, struct file_buf *fb,
	       struct idx_stamp *stamp, const char **reason);
/* The checks read_article() makes before it reads: 0 if a file of this
 * mode and size may be an article, else -errno or READ_SKIPPED and
 * *reason. */
int check_input(mode_t mode, uint64_t size, const struct read_rules *rules,
		const char **reason);
/* The rest of read_article()'s checks, for bytes read_bytes() read. */
int take_article(struct file_buf *fb, const char **reason);
void file_buf_release(struct file_buf *fb);
/* Flags for open(2) of an input: never blocks on a FIFO or takes a tty. */
#define INPUT_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
/* Why opening an input failed with errno err. */
const char *open_reason(int err);
/* Read only bytes already in memory: -1 with EAGAIN when they are not
 * (the kernel then starts reading them), EOPNOTSUPP on kernels without
 * RWF_NOWAIT. Offset -1 reads at the file position. */
ssize_t read_cached(int fd, void *buf, size_t len, off_t off);

/* read_article()'s callers return it for a file of articles that the
 * writer reads record by record (records.c): a page, a dump, a WARC, an
 * archive, anything compressed. */
#define READ_RECORDS 2

/* Is the file (name, its first bytes) one for records.c, not plain text? */
bool records_wanted(const char *path, const void *head, size_t len);
/* The same for a file too large to read whole, open at fd: its first
 * bytes are read with pread; OUT: *stamp when it is one. */
bool records_wanted_fd(int fd, const char *path, struct idx_stamp *stamp);

/* One file made ready for the writer by a worker thread (pipeline.c). */
/* A saved page a worker extracted (records.c): its clean text is the
 * file_buf's decoded text; what the page says about itself is here. */
struct page_info {
	bool on;		/* the file is such a page */
	struct sbuf strs;	/* the headline, the site's name, the URL, each
				 * followed by a NUL */
	size_t site;		/* offset of the site's name in strs */
	char why[160];		/* why it was rejected */
};

struct prepared {
	size_t file;		/* index into walk.files */
	int rc;			/* 0, -errno (rejected) or READ_SKIPPED */
	const char *reason;	/* static text when rc != 0 */
	struct idx_stamp stamp;	/* of the bytes read */
	uint8_t hash[NFS_HASH_LEN];
	struct file_buf fb;
	struct ext_result ext;
	struct page_info page;
};

/* An article's facets as the index takes them (facets.c): scratch
 * arrays reused from one article to the next. */
struct ingest_facets {
	const char **countries;
	struct idx_official_in *officials;	/* then the people */
	size_t cap;
};
/* e's countries, officials and people that can name a folder, with the
 * user's corrections for path applied, into a's facet fields, which
 * point into f until its next use; a's date is date as corrected, and
 * its mtime that day, or mtime_ns (the file's) when it has none. OUT:
 * the corrections that applied, in hits (at most max), and *nhits. */
int ingest_facets_take(struct ingest_facets *f, const struct ext_result *e,
		       const struct ingest_fixes *fx, const char *path,
		       int32_t date, int64_t mtime_ns, struct idx_article_in *a,
		       const char **hits, size_t max, size_t *nhits);
void ingest_facets_release(struct ingest_facets *f);

/* The writer's side of files of articles (records.c): read record by
 * record, each stored as an article of its own, with the run's index
 * handle; set up by the caller, scratch zeroed. */
struct records {
	struct idx *ix;
	const struct ext_gaz *gaz;
	const struct ingest_opts *opts;
	struct ingest_stats *st;
	uint32_t ext_version;
	/* What a container row records as the version it was read with:
	 * ext_version and the user's field map (records_version()). */
	uint32_t version;
	int64_t run;
	time_t now;
	/* Called after each article stored (the batch may commit), with
	 * the bytes of the file read so far (for a progress bar). */
	int (*step)(void *ctx, uint64_t read);
	/* A record or file rejected or skipped: the run's counters and
	 * callbacks. */
	void (*reject)(void *ctx, const char *path, const char *reason);
	void (*skip)(void *ctx, const char *path, const char *why);
	void *ctx;
	/* scratch */
	struct fmt_ctx *fc;
	struct ext_result ext;
	struct sbuf body, name, msg, decoded;
	struct ingest_facets facets;
	const char *pubs[2];		/* the article's publications */
	size_t npubs;
	char site[256];			/* the site's name, as a folder name */
};
/* In a worker: is the file (name, bytes) one saved HTML page? */
bool records_is_page(const char *path, const void *head, size_t len);
/* In a worker: extract the page in fb->raw: 0 with fb's text the clean
 * text (headline, blank line, body), ext its facets (the page's stated
 * date winning), *hash its hash and pg what the page states; -ENODATA
 * with *reason (pg->why) when it holds no article; -ENOMEM. */
int records_page(const char *path, struct file_buf *fb, struct page_info *pg,
		 const struct ext_gaz *g, struct ext_result *ext,
		 uint8_t hash[NFS_HASH_LEN], const char **reason);
/* The writer's part for such a page: store it. 0 or -errno (index). */
int records_store_page(struct records *rs, const struct walk *w,
		       const struct walk_file *f, const struct prepared *pr);
/* Read file f of w (prepared by a worker as READ_RECORDS: pr->fb.raw
 * holds it whole, or is empty when it was too large) and store its
 * articles. Bad records are rejected one by one; the rest is stored.
 * Returns 0, or -errno when the index failed (idx_errmsg says why). */
int records_index(struct records *rs, const struct walk *w,
		  const struct walk_file *f, const struct prepared *pr);
void records_release(struct records *rs);
/* The version files of articles are read with: the extractor's, changed
 * by a --field map, so that another map reads them again. */
uint32_t records_version(uint32_t ext_version, const struct fmt_opts *o);
/* Every record of the file open at fd, read as an index run reads it:
 * fn gets its source name and the hash of the article it makes. Returns
 * 0, fn's non-zero return, or -errno with *reason (the rest of the file
 * could not be read). */
typedef int (*records_hash_fn)(void *ctx, const char *name,
			       const uint8_t hash[NFS_HASH_LEN]);
int records_hashes(const char *path, int fd, const struct fmt_opts *opts,
		   records_hash_fn fn, void *ctx, const char **reason);

struct pipeline;

/* Start jobs worker threads (0: one per CPU) over the files
 * todo[0..ntodo) of w. */
int pipeline_start(struct pipeline **out, const struct walk *w,
		   const size_t *todo, size_t ntodo, int jobs,
		   const struct read_rules *rules, const struct ext_gaz *g);
/* The i-th file, in order (i counts up from 0 with no gaps); waits for a
 * worker to finish it. NULL after the last. */
struct prepared *pipeline_next(struct pipeline *p, size_t i);
/* The writer is done with the i-th file; its slot may be reused. */
void pipeline_done(struct pipeline *p, size_t i);
/* Stop the workers (early or at the end) and free everything. */
void pipeline_stop(struct pipeline *p);

#endif

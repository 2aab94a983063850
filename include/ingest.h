/*
 * Ingest: one `newsfs index` run. Walks the given files and folders,
 * skips files whose stamp (size, mtime, inode) is unchanged, reads,
 * validates, hashes and extracts the rest, writes them to the index in
 * batched transactions, then forgets what vanished from the walked
 * folders. Rejected inputs are reported through a callback and the run
 * goes on; nothing already indexed is lost because of a bad file.
 */
#ifndef NEWSFS_INGEST_H
#define NEWSFS_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "format.h"
#include "index.h"

struct ingest_progress {
	int64_t files_total, files_done;
	int64_t bytes_total, bytes_done;
	int64_t records;	/* read from dumps, archives and WARCs */
	double seconds;
	int phase;		/* 0 scanning, 1 indexing, 2 finishing */
};

struct ingest_stats {
	int64_t seen;		/* files found by the walk */
	int64_t added;		/* new articles */
	int64_t duplicates;	/* files whose content was already stored */
	int64_t refreshed;	/* articles extracted again (new extractor) */
	int64_t unchanged;	/* skipped: same stamp as last run */
	int64_t rejected;	/* look like articles but failed: unreadable,
				 * too large, gone while read */
	int64_t not_articles;	/* no text: binary data (images, archives),
				 * empty or white space only; not an error */
	int64_t skipped;	/* left out on purpose (links out, mounts,
				 * files others cannot read in root's run) */
	int64_t excluded;	/* left out by an --exclude pattern */
	int64_t dropped;	/* sources that vanished */
	int64_t removed;	/* articles left without a source */
	int64_t corrected;	/* articles a change of the corrections
				 * file concerns, extracted again */
	int64_t bytes;		/* bytes read */
	double seconds;
};

struct ingest_opts {
	size_t max_size;	/* larger files are rejected */
	int jobs;		/* extraction threads; 0 = one per CPU */
	/* Follow symbolic links out of the folders given (never into
	 * /proc, /sys, /dev or a newsfs mount). */
	bool follow_links;
	/* Take only what every user could read: a file readable by others,
	 * in folders others may enter from the one given down. For runs by
	 * root, whose index may be mounted for everyone. */
	bool public_only;
	/* Files of articles (pages, dumps, archives, WARCs; format.h): the
	 * user's field map (--field) and caps (0: the defaults). resume is
	 * ignored: the run decides it per file. */
	struct fmt_opts formats;
	/* A file was rejected: path and a short reason. */
	void (*reject)(void *ctx, const char *path, const char *reason);
	/* --exclude GLOBs: entries below the folders given that are left
	 * out, as hidden ones are (rules in src/ingest/exclude.c). */
	const char *const *exclude;
	size_t nexclude;
	/* A file holds no article (binary, empty): path and why. */
	void (*not_article)(void *ctx, const char *path, const char *why);
	/* A file or folder was left out on purpose: path and why. */
	void (*skip)(void *ctx, const char *path, const char *why);
	/* Called now and then (at most every 100 ms) while working. */
	void (*progress)(void *ctx, const struct ingest_progress *p);
	void *ctx;
	/* The user's corrections, or NULL (none). */
	const struct ingest_fixes *fixes;
};

/*
 * The corrections file (correct.c; its format is in newsfs(1)). A bad
 * line is reported through bad (file, line number, reason) and left out;
 * the rest applies. Countries are checked against gaz (NULL: taken as
 * written); relative paths are resolved beside path, else in the current
 * folder. Returns 0 or -errno (-ENOENT: no such file).
 */
struct ingest_fixes;
typedef void (*ingest_fix_error_fn)(void *ctx, const char *file,
				    unsigned line, const char *reason);
int ingest_fixes_load(struct ingest_fixes **out, const char *path,
		      const struct ext_gaz *gaz, ingest_fix_error_fn bad,
		      void *ctx);
void ingest_fixes_free(struct ingest_fixes *fx);
/* The corrections as the index takes them (idx_fixes_sync). */
const struct idx_fix *ingest_fixes_index(const struct ingest_fixes *fx,
					 size_t *n);
/* What extraction found in the article at path, corrected in place:
 * people[0, nofficials) are officials, the npeople after them the
 * others. Returns how many corrections changed it, their lines in hits. */
struct ingest_fix_article {
	const char *path;
	int32_t *date;
	const char **countries;
	size_t ncountries;
	struct idx_official_in *people;
	size_t nofficials, npeople;
};
size_t ingest_fixes_apply(const struct ingest_fixes *fx,
			  struct ingest_fix_article *a, const char **hits,
			  size_t max);

#define INGEST_DEFAULT_MAX_SIZE (16u << 20)
/* SQLite stores at most this many bytes in one value. */
#define INGEST_MAX_SIZE_LIMIT 1000000000u

/*
 * Index paths[0..n) into ix (an IDX_WRITE handle) using gazetteer g.
 * Returns 0 when the run completed (even if some files were rejected:
 * see st->rejected), or -errno when the index itself failed; then err
 * says why and the last open batch was rolled back.
 */
int ingest_run(struct idx *ix, const struct ext_gaz *g,
	       const char *const *paths, size_t n,
	       const struct ingest_opts *opts, struct ingest_stats *st,
	       char *err, size_t errsz);

/*
 * Read every source of ix again (newsfs check --deep) and call fn for
 * each problem: a source that cannot be read, or whose bytes are no
 * longer its article's although its size, mtime and inode are those the
 * index recorded (a rewrite in place, which an index run cannot see).
 * Sources whose stamp changed are the next run's and only counted.
 * Returns 0 or -errno (then idx_errmsg() says why).
 */
struct ingest_verify_stats {
	int64_t read;		/* sources read and compared */
	int64_t changed;	/* stamp changed since indexed: not read */
	int64_t problems;
};
typedef void (*ingest_problem_fn)(void *ctx, const char *path,
				  const char *what);
int ingest_verify(struct idx *ix, ingest_problem_fn fn, void *ctx,
		  struct ingest_verify_stats *st);

/* One article explained: what extraction finds in it, and where. */
struct ingest_why {
	struct sbuf raw;	/* the bytes the index stored */
	struct sbuf decoded;	/* their UTF-8, if not UTF-8 already */
	const char *text;	/* what extraction read; spans index it */
	size_t len;
	bool in_file;		/* text is raw from byte base on (UTF-8) */
	size_t base;		/* 3 after a BOM, else 0 */
	uint32_t version;	/* ext_version() the index extracted with */
	int64_t id;		/* the article */
	struct ext_result ext;
};

/*
 * Extract the article at path again, as the index run did, keeping the
 * evidence: path is a source path the index holds, or any file whose
 * bytes are an indexed article (a file in a mount). w starts zeroed and
 * may be reused; release it with ingest_why_release(). Returns 0, -ENOENT
 * or -EINVAL with *reason set ("not an indexed article"), or -errno.
 */
int ingest_why(struct idx *ix, const struct ext_gaz *g, const char *path,
	       struct ingest_why *w, const char **reason);
void ingest_why_release(struct ingest_why *w);

#endif

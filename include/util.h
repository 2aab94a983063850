/*
 * Small helpers every module may use: a growable byte buffer, the content
 * hash, UTF-8 checks and decoding, and the article file-name sanitiser.
 * Nothing here touches SQLite, FUSE or the terminal.
 */
#ifndef NEWSFS_UTIL_H
#define NEWSFS_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NFS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Growable buffer, always NUL-terminated once anything was added.
 * The struct owns buf; sbuf_release() frees it. A zeroed struct is empty.
 * On allocation failure the functions return -ENOMEM and leave the buffer
 * as it was.
 */
struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
};

int sbuf_grow(struct sbuf *sb, size_t extra);
int sbuf_add(struct sbuf *sb, const void *data, size_t len);
int sbuf_addstr(struct sbuf *sb, const char *s);
int sbuf_addch(struct sbuf *sb, char c);
int sbuf_addf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_reset(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);

/*
 * A set of pairs of 64-bit numbers (device and inode, folder and key),
 * open addressing. A zeroed struct is empty. Iterate over slot[0..cap)
 * and skip the unused ones.
 */
struct pairset {
	struct pair {
		uint64_t a, b;
		bool used;
	} *slot;
	size_t cap, n;
};
/* 1 if added, 0 if it was there already, -ENOMEM. */
int pairset_add(struct pairset *s, uint64_t a, uint64_t b);
void pairset_clear(struct pairset *s);
void pairset_free(struct pairset *s);

/*
 * Sort n records of size bytes, each beginning with an int64_t key (an
 * article id, or a record whose first member is one), by key, and keep
 * one record of each key (records with the same key are taken to be
 * equal). Returns how many are left. Lists that come sorted cost one pass; bare ids over a
 * dense range are sorted through a bitmap in linear time.
 */
size_t ids_sort_unique(void *base, size_t n, size_t size);
/* Is x one of the sorted ids v[0..n)? Binary search. */
bool ids_has(const int64_t *v, size_t n, int64_t x);

/* XXH3-128 of data, in canonical (big-endian) byte order. */
#define NFS_HASH_LEN 16
void nfs_hash(const void *data, size_t len, uint8_t out[NFS_HASH_LEN]);
/* Lower-case hex of a hash; out gets 2 * NFS_HASH_LEN + 1 bytes. */
void nfs_hash_hex(const uint8_t hash[NFS_HASH_LEN],
		  char out[2 * NFS_HASH_LEN + 1]);

/* True when the len bytes at s are well-formed UTF-8 (no overlongs,
 * no surrogates, nothing above U+10FFFF). NUL bytes count as valid. */
bool utf8_valid(const char *s, size_t len);
/* Length of the longest prefix of s (at most max bytes) that ends on a
 * character boundary; s must be valid UTF-8. */
size_t utf8_trim(const char *s, size_t max);
/* Append the Windows-1252 text s to out as UTF-8 (bytes 0x81, 0x8d, 0x8f,
 * 0x90 and 0x9d, undefined in 1252, become U+FFFD). */
int cp1252_to_utf8(struct sbuf *out, const char *s, size_t len);
/* Append UTF-16 (big or little endian, no BOM) as UTF-8; -EINVAL on an
 * odd length or unpaired surrogate. */
int utf16_to_utf8(struct sbuf *out, const char *s, size_t len, bool big);
/* Append UTF-32 (no BOM) as UTF-8; -EINVAL on a length that is not a
 * multiple of 4, a surrogate or a unit above U+10FFFF. */
int utf32_to_utf8(struct sbuf *out, const char *s, size_t len, bool big);

/*
 * The text extraction reads from a file's bytes raw[0, len), as `newsfs
 * index` decodes every file: UTF-32 and UTF-16 with a byte-order mark, or
 * without one where NUL bytes say so and the result looks like text;
 * UTF-8 without its BOM; anything else as Windows-1252. *text points into
 * raw or into out, which is reset and may be filled (with lone CRs read
 * as LFs). Returns 0, -ENOMEM, or -EINVAL with *reason a short static
 * description: binary data (NUL bytes, or control characters), invalid
 * UTF-16 or UTF-32, nothing but white space (Unicode's, and invisible
 * format characters).
 */
int nfs_text_decode(const char *raw, size_t len, struct sbuf *out,
		    const char **text, size_t *text_len, const char **reason);

/* open(2) that also opens a path longer than PATH_MAX (path.c): -1 and
 * errno as open() sets it. */
int nfs_open(const char *path, int flags, unsigned int mode);
/* An openat(2) of the caller's: a descriptor or -errno. */
typedef int (*nfs_openat_fn)(int dirfd, const char *rel, int flags,
			     unsigned int mode);
/* rel below dirfd, however long, a piece shorter than PATH_MAX at a time,
 * each opened with op: a descriptor or -errno. */
int nfs_open_pieces(int dirfd, const char *rel, int flags,
		    unsigned int mode, nfs_openat_fn op);

/*
 * Article file names: "<YYYY-MM-DD> <title>.txt", or "<title>.txt" when
 * date is 0. The title is cleaned so that the name is a safe, single
 * path component: valid UTF-8, no '/', no control characters, no leading
 * dot, runs of spaces collapsed, at most NFS_NAME_MAX bytes. tag, when not
 * NULL, is appended before ".txt" as " [tag]" to make a name unique.
 * out must hold NFS_NAME_MAX + 1 bytes. Returns the length written.
 */
#define NFS_NAME_MAX 255
size_t nfs_article_name(char *out, int32_t date, const char *title,
			size_t title_len, const char *tag);

/* Can s be a folder name of the mount as it is: 1 to NFS_NAME_MAX bytes
 * of valid UTF-8, no '/', no '|' (the list separator of xattrs and the
 * export), no control character, no leading '.'? Facet names come from
 * article text; the index only takes names that pass. */
bool nfs_name_ok(const char *s);

/* One line of /proc/self/mountinfo, parsed in place: pointers into the
 * line, paths with the kernel's octal escapes undone. */
struct mountinfo_line {
	unsigned major, minor;	/* the file system's device */
	char *root;		/* the folder of it mounted here */
	char *point;		/* the mount point */
	char *fstype;		/* "ext4", "proc", "fuse.newsfs" */
	char *source;
};
/* 0, or -EINVAL when line is not a mountinfo line. */
int mountinfo_parse(char *line, struct mountinfo_line *m);

/*
 * A background thread that sleeps on cv until its owner has work for it
 * or stops it (worker.c). The thread's function reads stop, and whatever
 * else its owner shares with it, under lock.
 */
struct nfs_worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;	/* work to do, or stop */
	bool stop;		/* protected by lock */
	bool running;		/* started and not yet stopped */
};
/* Start fn(arg) on a thread of its own. 0 or -errno; on failure nothing
 * is left to stop. */
int nfs_worker_start(struct nfs_worker *w, void *(*fn)(void *), void *arg);
/* Tell the thread to stop, wait for it, and free what start made. Does
 * nothing unless started. */
void nfs_worker_stop(struct nfs_worker *w);

/* YYYYMMDD helpers; days are proleptic Gregorian, UTC. */
bool nfs_date_valid(int32_t ymd);
int64_t nfs_date_to_time(int32_t ymd);

#endif

/*
 * Inside the format module: the reader behind fmt_open() and fmt_next().
 *
 * A source file is a stack of streams. At the bottom, the file (a file
 * descriptor, or bytes in memory); above it, for a compressed file or an
 * archive, libarchive's reader, whose current member is a stream in turn
 * (a member may itself be compressed or an archive: the stack grows, to
 * FMT_MAX_DEPTH). The stream on top is read by one leaf parser: a page,
 * a text member, JSON, JSON Lines, CSV/TSV or WARC. Every stream is a
 * struct fin, a window buffer over its source, so parsers peek and read
 * lines without knowing where the bytes come from.
 */
#ifndef NEWSFS_FORMAT_READER_H
#define NEWSFS_FORMAT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <csv.h>

#include "internal.h"

#define FMT_MAX_DEPTH 3
/* What sniffing looks at. */
#define FIN_HEAD 65536

struct farc;
struct archive;
struct archive_entry;

/* A stream's source other than a file descriptor or memory: bytes into
 * buf, 0 at the end, or -errno with *why. */
typedef ssize_t (*fin_read_fn)(void *ctx, void *buf, size_t n,
			       const char **why);
enum fin_src { FIN_FD, FIN_MEM, FIN_FN };

/* A buffered input stream: buf[start, end) is read and not consumed. */
struct fin {
	enum fin_src src;
	int fd;
	fin_read_fn fn;		/* FIN_FN: an archive member, a gzip stream */
	void *ctx;
	const char *mem;	/* FIN_MEM: all of it, never copied */
	size_t memlen;
	char *buf;
	size_t start, end, cap;
	uint64_t pos;		/* stream offset of buf[start] */
	uint64_t *counter;	/* FIN_FD: bytes read are added here */
	bool eof;
	int err;		/* -errno once the source failed */
	const char *why;	/* and why, owned by the source */
};

void fin_fd(struct fin *f, int fd, uint64_t pos, uint64_t *counter);
void fin_mem(struct fin *f, const void *data, size_t len);
/* A stream read through fn (its buffer kept from a previous use). */
void fin_fn(struct fin *f, fin_read_fn fn, void *ctx);
void fin_release(struct fin *f);
/* Have at least n bytes buffered, or all there is (then f->eof). 0 or
 * the source's -errno (f->why says why). */
int fin_fill(struct fin *f, size_t n);
static inline size_t fin_avail(const struct fin *f)
{
	return f->end - f->start;
}
static inline const char *fin_data(const struct fin *f)
{
	return f->buf ? f->buf + f->start : "";
}
static inline void fin_consume(struct fin *f, size_t n)
{
	f->start += n;
	f->pos += n;
}
/*
 * The next line, without its '\n', in *line (valid until the next call
 * on f); *nl says whether a '\n' ended it (not at the end of the stream).
 * Returns 1, 0 at the end, -E2BIG for a line longer than max (consumed up
 * to its end, *len its length), or the source's -errno.
 */
int fin_line(struct fin *f, size_t max, const char **line, size_t *len,
	     bool *nl);
/* Read and drop n bytes; returns how many there were. 0 or -errno. */
int fin_skip(struct fin *f, uint64_t n, uint64_t *done);
/* Read everything left into out, at most max bytes: 0, -EFBIG (then
 * out holds max bytes and the rest is left unread), or -errno. */
int fin_slurp(struct fin *f, size_t max, struct sbuf *out);

/*
 * libarchive over a stream (arc.c). filters: gzip, bzip2, xz, lzma,
 * zstd (never an external program); formats: tar, zip (read as a stream,
 * so a truncated zip yields the members before the damage), and raw
 * for a compressed single stream.
 */
struct farc {
	struct archive *a;
	struct fin *from;
	struct archive_entry *e;
	bool raw;		/* one compressed stream, no members */
	bool open;		/* an entry is being read */
	uint64_t members;	/* entries seen */
	uint64_t out;		/* bytes expanded, all entries */
	uint64_t member_out;	/* of the current entry */
	const uint64_t *read;	/* bytes read from the file (for the ratio) */
	uint64_t max_member;
	uint32_t max_ratio;
	struct sbuf name;
	struct sbuf msg;
};

int farc_open(struct farc *z, struct fin *from, const uint64_t *read,
	      uint64_t max_member, uint32_t max_ratio, const char **why);
/* Make f the stream of z's current member. */
void farc_fin(struct farc *z, struct fin *f);
/* The next regular-file entry: 1 (z->name), 0 at the end, -errno with
 * *why. */
int farc_next(struct farc *z, const char **why);
/* Free libarchive's reader (farc_close also frees the buffers). */
void farc_end(struct farc *z);
void farc_close(struct farc *z);
/* gunzip len bytes (a Content-Encoding: gzip body) into out, at most
 * max: 0, -EFBIG, -EINVAL (not gzip, damaged), -ENOMEM. */
int farc_gunzip(const void *in, size_t len, size_t max, struct sbuf *out);

/*
 * A gzip stream, member after member, with zlib (gz.c): every byte before
 * a damage is handed over before the error.
 */
struct fgz {
	void *zs;		/* z_stream */
	struct fin *from;
	const uint64_t *read;
	uint64_t out, members, max_member;
	uint32_t max_ratio;
	bool between, end, handed;
	int err;
	struct sbuf msg;
};
int fgz_open(struct fgz *g, struct fin *from, const uint64_t *read,
	     uint64_t max_member, uint32_t max_ratio);
/* Make f the stream g expands to. */
void fgz_fin(struct fgz *g, struct fin *f);
void fgz_end(struct fgz *g);
void fgz_close(struct fgz *g);

/*
 * Field values of one dump record (fields.c), by role; the best-ranked
 * field of each role wins.
 */
struct drec {
	struct sbuf v[FMT_NROLES];
	int rank[FMT_NROLES];	/* of the field that set v; -1 none */
	char key[FMT_NROLES][48];	/* its name, for messages */
	char empty_text[48];	/* a body field that was there but empty */
	unsigned flags;
};

struct fields {
	const struct fmt_field *user;
	size_t nuser;
	bool off[FMT_NROLES];	/* turned off by an empty user name */
};

void fields_init(struct fields *f, const struct fmt_field *user, size_t n);
/* The role of a field name and its rank (lower wins), or -1. */
int fields_lookup(const struct fields *f, const char *key, size_t len,
		  enum fmt_role *role);
void drec_reset(struct drec *d);
void drec_release(struct drec *d);
/* Offer a value for a role at a rank: taken if it beats what is there.
 * Values are copied; invalid UTF-8 becomes U+FFFD (d->flags). */
int drec_offer(struct drec *d, enum fmt_role role, int rank, const char *key,
	       const char *s, size_t len);
/* Append to the role's value (a list of authors, of paragraphs), sep
 * between. */
int drec_append(struct drec *d, enum fmt_role role, int rank,
		const char *key, const char *s, size_t len, const char *sep);

struct fmt_reader;
/* Turn d into rec: the body as paragraphs (read as markup when it is
 * markup), the date parsed, the site from the URL when none. Returns
 * FMT_RECORD, FMT_REJECT (*reason) or -ENOMEM. */
int drec_finish(struct fmt_reader *r, struct drec *d, struct fmt_record *rec,
		const char **reason);

/* Body text of a dump or of JSON-LD articleBody (body.c): markup read as
 * a page's content is written, plain text as paragraphs at its line
 * breaks. */
int body_text(struct fmt_ctx *c, const char *s, size_t len, bool markup,
	      struct sbuf *out);
/* Does s look like HTML markup (tags, not a stray '<')? */
bool body_is_markup(const char *s, size_t len);
/* Append s to out with each invalid UTF-8 sequence as U+FFFD and NUL as
 * a space; true when anything was replaced. -ENOMEM as -1. */
int utf8_repair(struct sbuf *out, const char *s, size_t len, bool *fixed);

/* The leaf parsers. Each reads r->in and returns what fmt_next returns. */
struct jstate;
struct cstate;
struct wstate;
int jsonl_next(struct fmt_reader *r, struct fmt_record *rec,
	       const char **reason);
int json_next(struct fmt_reader *r, struct fmt_record *rec,
	      const char **reason);
int csv_next(struct fmt_reader *r, struct fmt_record *rec,
	     const char **reason);
int warc_next(struct fmt_reader *r, struct fmt_record *rec,
	      const char **reason);
void jstate_free(struct jstate *j);
void cstate_free(struct cstate *s);
void wstate_free(struct wstate *w);

struct fmt_reader {
	struct fmt_ctx *c;
	struct fmt_opts o;
	struct fields fields;
	struct sbuf path;
	enum fmt_kind kind;	/* the file's */
	struct fin file;	/* the file itself */
	struct farc arc[FMT_MAX_DEPTH];
	struct fgz gz[FMT_MAX_DEPTH];
	bool is_gz[FMT_MAX_DEPTH];	/* level i is gz[i], not arc[i] */
	struct fin ain[FMT_MAX_DEPTH];	/* each archive's current member */
	int depth;
	bool started, done;
	/* The leaf: what it reads, and how far it got. */
	enum fmt_kind leaf;	/* FMT_BINARY when none */
	struct fin *in;
	bool leaf_done;
	bool fresh;		/* the leaf has not read yet: reset its state */
	struct sbuf lname[FMT_MAX_DEPTH + 1];	/* each level's name */
	uint64_t expanded_done;	/* of outer archives closed */
	uint64_t n;		/* lines, rows, elements, records so far */
	struct sbuf member;
	struct jstate *js;
	struct cstate *cs;
	struct wstate *ws;
	struct drec d;
	struct sbuf raw, text, scratch, msg;
	struct fmt_stats st;
	/* The resume mark of a plain JSON Lines file. */
	int fd;
	bool plain_jsonl;
	uint64_t good_offset, good_lines;
};

/* A message in r->msg, returned for *reason (loc.c, with fmt_where). */
const char *reader_msg(struct fmt_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Fill rec->loc for the current leaf: kind, number, offset. */
void reader_loc(struct fmt_reader *r, struct fmt_record *rec,
		enum fmt_loc_kind kind, uint64_t n, uint64_t offset);

#endif
